import { z } from "zod";
import { maxAttachmentBytes } from "@/server/http/attachment-limit";
import { deleteAttachment } from "../services/attachments/delete-attachment";
import { listAttachments } from "../services/attachments/list-attachments";
import { loadComponentCatalog } from "../services/components/component-catalog";
import { compareVersions } from "../services/integrations/compare-versions";
import { createIntegration } from "../services/integrations/create-integration";
import { deleteIntegration, instancesOfIntegration } from "../services/integrations/delete-integration";
import { exportIntegration } from "../services/integrations/export-integration";
import { forkIntegration } from "../services/integrations/fork-integration";
import { getIntegration } from "../services/integrations/get-integration";
import { importIntegration } from "../services/integrations/import-integration";
import { listIntegrations } from "../services/integrations/list-integrations";
import { listVersions } from "../services/integrations/list-versions";
import { publishIntegration } from "../services/integrations/publish-integration";
import { saveDraft } from "../services/integrations/save-draft";
import { rotateTestWebhook, testWebhook } from "../services/integrations/test-webhook-token";
import { getMarketplaceSettings } from "../services/marketplace/get-marketplace-settings";
import { iconSchema } from "../services/marketplace/icon";
import { setMarketplaceSettings } from "../services/marketplace/set-marketplace-settings";
import { MARKETPLACE_VISIBILITIES } from "@/db/schema";
import { builderProcedure, orgProcedure, router } from "../trpc";
import { actorOf, withAudit } from "../services/audit/record-audit";

const id = z.object({ id: z.string().uuid() });
const versionRef = z.union([z.number().int().positive(), z.literal("draft")]);
const name = z.string().trim().min(1, "a name is required").max(200);

export const integrationsRouter = router({
  list: orgProcedure
    .input(z.object({ search: z.string().optional(), filter: z.string().optional() }).optional())
    .query(({ ctx, input }) => listIntegrations(ctx.db, input ?? {})),
  get: orgProcedure.input(id).query(({ ctx, input }) => getIntegration(ctx.db, input.id)),
  create: builderProcedure
    .input(z.object({ name, description: z.string().max(2000).optional() }))
    .mutation(({ ctx, input }) => createIntegration(ctx.db, { ...input, userId: ctx.principal.userId })),
  import: builderProcedure
    .input(z.object({ yaml: z.string().max(5_000_000), id: z.string().uuid().optional() }))
    .mutation(({ ctx, input }) => importIntegration(ctx.db, { ...input, userId: ctx.principal.userId })),
  saveDraft: builderProcedure
    .input(z.object({ id: z.string().uuid(), definition: z.unknown(), baseRevision: z.number().int().optional() }))
    .mutation(({ ctx, input }) => saveDraft(ctx.db, input)),
  /** the draft's test webhook URLs (made on first ask): a real caller runs the draft with the test config */
  testWebhook: builderProcedure.input(id).query(({ ctx, input }) => testWebhook(ctx.db, input.id)),
  rotateTestWebhook: builderProcedure.input(id).mutation(({ ctx, input }) => rotateTestWebhook(ctx.db, input.id)),
  export: orgProcedure
    .input(z.object({ id: z.string().uuid(), version: z.number().int().positive().optional() }))
    .query(({ ctx, input }) => exportIntegration(ctx.db, input)),
  publish: builderProcedure
    .input(z.object({ id: z.string().uuid(), note: z.string().max(5000).optional() }))
    .mutation(async ({ ctx, input }) =>
      publishIntegration(ctx.db, await loadComponentCatalog(ctx.db), { ...input, userId: ctx.principal.userId }),
    ),
  versions: orgProcedure.input(id).query(({ ctx, input }) => listVersions(ctx.db, input.id)),
  /** two versions (or one and the draft) as YAML, the draft with the component versions publishing would pin */
  compare: orgProcedure
    .input(z.object({ id: z.string().uuid(), from: versionRef, to: versionRef }))
    .query(async ({ ctx, input }) => compareVersions(ctx.db, await loadComponentCatalog(ctx.db), input)),
  fork: builderProcedure
    .input(z.object({ id: z.string().uuid(), name, description: z.string().max(2000).optional() }))
    .mutation(({ ctx, input }) => forkIntegration(ctx.db, { ...input, userId: ctx.principal.userId })),
  deletionImpact: orgProcedure.input(id).query(({ ctx, input }) => instancesOfIntegration(ctx.db, input.id)),
  delete: builderProcedure.input(id).mutation(({ ctx, input }) =>
    withAudit(
      ctx.db,
      (db) => deleteIntegration(db, input.id),
      (row) => ({
        actor: actorOf(ctx.principal),
        action: "integration.deleted",
        target: { type: "integration", id: row.id, name: row.name },
        detail: { instancesDeleted: row.deletedInstances.length },
      }),
    ),
  ),
  /** who may activate it from the marketplace, and its icon */
  marketplace: orgProcedure.input(id).query(({ ctx, input }) => getMarketplaceSettings(ctx.db, input.id)),
  setMarketplace: builderProcedure
    .input(
      z.object({
        id: z.string().uuid(),
        visibility: z.enum(MARKETPLACE_VISIBILITIES).optional(),
        customerIds: z.array(z.string().uuid()).max(10_000).optional(),
        icon: iconSchema.optional(),
      }),
    )
    .mutation(({ ctx, input }) => setMarketplaceSettings(ctx.db, input)),
  /** documents kept with the integration; uploads and downloads go through /api/integrations/<id>/attachments */
  attachments: router({
    list: orgProcedure
      .input(id)
      .query(async ({ ctx, input }) => ({ items: await listAttachments(ctx.db, input.id), maxBytes: maxAttachmentBytes() })),
    delete: builderProcedure
      .input(z.object({ integrationId: z.string().uuid(), id: z.string().uuid() }))
      .mutation(({ ctx, input }) => deleteAttachment(ctx.db, input.integrationId, input.id)),
  }),
});
