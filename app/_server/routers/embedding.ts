import { eq } from "drizzle-orm";
import { z } from "zod";
import { customers } from "@/db/schema";
import { addKeySchema, addSigningKey, listSigningKeys, revokeSigningKey } from "../services/embedding/signing-keys";
import { getEmbeddingSettings, settingsUpdateSchema, updateEmbeddingSettings } from "../services/embedding/settings";
import { adminProcedure, authedProcedure, router } from "../trpc";
import { actorOf, withAudit } from "../services/audit/record-audit";

export const embeddingRouter = router({
  /** what an embedded view needs to draw itself and to know where it may post its events */
  context: authedProcedure.query(async ({ ctx }) => {
    const settings = await getEmbeddingSettings(ctx.db);
    const { principal } = ctx;
    const [customer] = principal.customerId
      ? await ctx.db
          .select({ id: customers.id, name: customers.name, externalId: customers.externalId })
          .from(customers)
          .where(eq(customers.id, principal.customerId))
      : [];
    return {
      theme: settings.theme,
      allowedOrigins: settings.allowedOrigins,
      user: { id: principal.userId, name: principal.name, email: principal.email, role: principal.role },
      customer: customer ?? null,
    };
  }),
  settings: router({
    get: adminProcedure.query(({ ctx }) => getEmbeddingSettings(ctx.db)),
    update: adminProcedure.input(settingsUpdateSchema).mutation(({ ctx, input }) =>
      withAudit(
        ctx.db,
        (db) => updateEmbeddingSettings(db, input, ctx.principal.userId),
        () => ({
          actor: actorOf(ctx.principal),
          action: "embedding.settings_changed",
          target: { type: "settings", name: "embedding" },
          detail: { changed: Object.keys(input) },
        }),
      ),
    ),
  }),
  keys: router({
    list: adminProcedure.query(({ ctx }) => listSigningKeys(ctx.db)),
    add: adminProcedure.input(addKeySchema).mutation(({ ctx, input }) =>
      withAudit(
        ctx.db,
        (db) => addSigningKey(db, input),
        (key) => ({
          actor: actorOf(ctx.principal),
          action: "embedding.key_added",
          target: { type: "signing key", id: key.id, name: key.kid },
          detail: { algorithm: input.algorithm },
        }),
      ),
    ),
    revoke: adminProcedure.input(z.object({ id: z.string().uuid() })).mutation(({ ctx, input }) =>
      withAudit(
        ctx.db,
        (db) => revokeSigningKey(db, input.id),
        () => ({ actor: actorOf(ctx.principal), action: "embedding.key_revoked", target: { type: "signing key", id: input.id } }),
      ),
    ),
  }),
});
