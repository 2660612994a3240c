import { z } from "zod";
import { clientSecretStatus, setClientSecret } from "../services/connections/client-secrets";
import { connectionView, reachableConnection } from "../services/connections/reachable-connection";
import { startConnection } from "../services/connections/start-connection";
import { authedProcedure, builderProcedure, roleProcedure, router } from "../trpc";

const key = z.string().trim().min(1).max(100);

/** OAuth 2.0 authorization-code connections (docs/oauth2-connections.md): never a token in an answer. */
export const connectionsRouter = router({
  /** the authorize URL to open in a popup; a customer's admin for its own customer, builders for a customer or the designer */
  start: roleProcedure("admin", "builder", "customer")
    .input(
      z.union([
        z.object({ connectionId: z.string().uuid() }),
        z.object({
          integrationId: z.string().uuid(),
          configVarKey: key,
          customerId: z.string().uuid().optional(),
          test: z.boolean().optional(),
        }),
      ]),
    )
    .mutation(({ ctx, input }) => startConnection(ctx.db, ctx.principal, input)),
  status: authedProcedure
    .input(z.object({ connectionId: z.string().uuid() }))
    .query(async ({ ctx, input }) => connectionView(await reachableConnection(ctx.db, ctx.principal, input.connectionId))),
  setClientSecret: builderProcedure
    .input(z.object({ integrationId: z.string().uuid(), configVarKey: key, clientSecret: z.string().min(1).max(4000).nullable() }))
    .mutation(({ ctx, input }) => setClientSecret(ctx.db, input)),
  clientSecretStatus: builderProcedure
    .input(z.object({ integrationId: z.string().uuid() }))
    .query(({ ctx, input }) => clientSecretStatus(ctx.db, input.integrationId)),
});
