import { z } from "zod";
import {
  componentVersionUsage,
  inspectUpload,
  listInstalledComponents,
  MAX_UPLOAD_BYTES,
  removeComponent,
  uploadComponent,
} from "../services/components/manage-components";
import { installRegistryPackage, outdatedPackages, registryPackage, searchRegistry } from "../services/components/registry-packages";
import { getRegistrySettings, registrySettingsUpdateSchema, updateRegistrySettings } from "../services/components/registry-settings";
import { adminProcedure, builderProcedure, orgProcedure, router } from "../trpc";
import { actorOf, withAudit } from "../services/audit/record-audit";

const keyVersion = z.object({ key: z.string().min(1).max(200), version: z.string().min(1).max(100) });

const upload = z.object({
  // base64 is 4/3 of the bytes
  tgzBase64: z
    .string()
    .min(1)
    .max(Math.ceil((MAX_UPLOAD_BYTES * 4) / 3) + 4, `The package is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`),
});

export const componentsRouter = router({
  list: orgProcedure.query(({ ctx }) => listInstalledComponents(ctx.db)),
  usage: orgProcedure.input(keyVersion).query(({ ctx, input }) => componentVersionUsage(ctx.db, input.key, input.version)),
  /** what an upload would install, without installing it: the page confirms it first */
  inspect: builderProcedure.input(upload).mutation(({ ctx, input }) => inspectUpload(ctx.db, input)),
  install: builderProcedure
    .input(upload)
    .mutation(({ ctx, input }) => uploadComponent(ctx.db, { tgzBase64: input.tgzBase64, userId: ctx.principal.userId })),
  remove: builderProcedure.input(keyVersion).mutation(({ ctx, input }) =>
    withAudit(
      ctx.db,
      (db) => removeComponent(db, input.key, input.version),
      (c) => ({
        actor: actorOf(ctx.principal),
        action: "component.removed",
        target: { type: "component", id: `${c.key}@${c.version}`, name: c.key },
        detail: { version: c.version },
      }),
    ),
  ),
  /** the npm registry components are installed from by name */
  registry: router({
    search: orgProcedure
      .input(z.object({ text: z.string().max(200).default("") }))
      .query(({ ctx, input }) => searchRegistry(ctx.db, input)),
    package: orgProcedure
      .input(z.object({ name: z.string().min(1).max(214), version: z.string().min(1).max(100).optional() }))
      .query(({ ctx, input }) => registryPackage(ctx.db, input)),
    outdated: orgProcedure.query(({ ctx }) => outdatedPackages(ctx.db)),
    install: builderProcedure
      .input(z.object({ spec: z.string().trim().min(1).max(300) }))
      .mutation(({ ctx, input }) => installRegistryPackage(ctx.db, { spec: input.spec, userId: ctx.principal.userId })),
    settings: adminProcedure.query(({ ctx }) => getRegistrySettings(ctx.db)),
    updateSettings: adminProcedure.input(registrySettingsUpdateSchema).mutation(({ ctx, input }) =>
      withAudit(
        ctx.db,
        (db) => updateRegistrySettings(db, input, ctx.principal.userId),
        () => ({
          actor: actorOf(ctx.principal),
          action: "settings.changed",
          target: { type: "settings", name: "component registry" },
          detail: { changed: Object.keys(input as object) },
        }),
      ),
    ),
  }),
});
