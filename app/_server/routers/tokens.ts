import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { createToken } from "../services/tokens/create-token";
import { listTokens } from "../services/tokens/list-tokens";
import { revokeToken } from "../services/tokens/revoke-token";
import { authedProcedure, router } from "../trpc";
import { actorOf, withAudit } from "../services/audit/record-audit";

export const tokensRouter = router({
  list: authedProcedure.query(({ ctx }) => listTokens(ctx.db, ctx.principal.userId)),
  create: authedProcedure
    .input(
      z.object({
        name: z.string().trim().min(1, "give the token a name").max(100),
        expiresInDays: z.number().int().min(1).max(3650).optional(),
      }),
    )
    .mutation(({ ctx, input }) => {
      // an embedded session lives for hours; a token minted from it would outlive the sign-in that allowed it
      if (ctx.principal.via === "embedded")
        throw new TRPCError({ code: "FORBIDDEN", message: "an embedded session cannot create API tokens" });
      return withAudit(
        ctx.db,
        (db) =>
          createToken(db, {
            userId: ctx.principal.userId,
            ...input,
            mintedBy: ctx.principal.via === "token" ? { expiresAt: ctx.principal.tokenExpiresAt ?? null } : undefined,
          }),
        (t) => ({
          actor: actorOf(ctx.principal),
          action: "token.created",
          target: { type: "API token", id: t.id, name: t.name },
          detail: { expiresAt: t.expiresAt },
        }),
      );
    }),
  revoke: authedProcedure.input(z.object({ id: z.string().uuid() })).mutation(({ ctx, input }) =>
    withAudit(
      ctx.db,
      (db) => revokeToken(db, { id: input.id, userId: ctx.principal.userId, isAdmin: ctx.principal.role === "admin" }),
      (t) => ({ actor: actorOf(ctx.principal), action: "token.revoked", target: { type: "API token", id: t.id } }),
    ),
  ),
});
