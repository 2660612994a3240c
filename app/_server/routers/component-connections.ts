import { z } from "zod";
import { connectionManifest } from "../services/components/connection-lookup";
import { authedProcedure, router } from "../trpc";

/**
 * A connection's fields for every wizard (the organization's, a customer user's, the embedded one):
 * labels, help, types and defaults from an installed component's manifest, nothing secret.
 */
export const componentConnectionsRouter = router({
  get: authedProcedure
    .input(z.object({ component: z.string().min(1).max(200), key: z.string().min(1).max(200), version: z.string().max(100).optional() }))
    .query(({ ctx, input }) => connectionManifest(ctx.db, input)),
});
