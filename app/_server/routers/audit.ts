import { z } from "zod";
import { listAudit } from "../services/audit/list-audit";
import { adminProcedure, router } from "../trpc";

export const auditRouter = router({
  list: adminProcedure
    .input(
      z
        .object({
          actor: z.string().trim().max(200).optional(),
          action: z.string().trim().max(100).optional(),
          since: z.coerce.date().optional(),
          until: z.coerce.date().optional(),
          page: z.number().int().min(1).optional(),
          pageSize: z.number().int().min(1).max(500).optional(),
        })
        .optional(),
    )
    .query(({ ctx, input }) => listAudit(ctx.db, input ?? {})),
});
