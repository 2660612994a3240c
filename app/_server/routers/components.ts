import { z } from "zod";
import {
  componentVersionUsage,
  listInstalledComponents,
  MAX_UPLOAD_BYTES,
  removeComponent,
  uploadComponent,
} from "../services/components/manage-components";
import { builderProcedure, orgProcedure, router } from "../trpc";

const keyVersion = z.object({ key: z.string().min(1).max(200), version: z.string().min(1).max(100) });

export const componentsRouter = router({
  list: orgProcedure.query(({ ctx }) => listInstalledComponents(ctx.db)),
  usage: orgProcedure.input(keyVersion).query(({ ctx, input }) => componentVersionUsage(ctx.db, input.key, input.version)),
  install: builderProcedure
    .input(
      z.object({
        // base64 is 4/3 of the bytes
        tgzBase64: z
          .string()
          .min(1)
          .max(Math.ceil((MAX_UPLOAD_BYTES * 4) / 3) + 4, `the package is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`),
      }),
    )
    .mutation(({ ctx, input }) => uploadComponent(ctx.db, { tgzBase64: input.tgzBase64, userId: ctx.principal.userId })),
  remove: builderProcedure.input(keyVersion).mutation(({ ctx, input }) => removeComponent(ctx.db, input.key, input.version)),
});
