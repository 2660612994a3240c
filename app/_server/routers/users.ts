import { z } from "zod";
import { TEAM_ROLES, USER_ROLES } from "@/db/schema";
import { actorOf } from "../services/audit/record-audit";
import { acceptInvitation, getInvitation } from "../services/users/accept-invitation";
import { createUser } from "../services/users/create-user";
import { deactivateUser, reactivateUser } from "../services/users/deactivate-user";
import { inviteUser } from "../services/users/invite-user";
import { listInvitations } from "../services/users/list-invitations";
import { listUsers } from "../services/users/list-users";
import { removeUser } from "../services/users/remove-user";
import { revokeInvitation } from "../services/users/revoke-invitation";
import { updateUser } from "../services/users/update-user";
import { adminProcedure, publicProcedure, router } from "../trpc";

const userId = z.object({ id: z.string().trim().min(1, "say which user") });
const invitationToken = z.string().trim().min(20, "this invitation link is incomplete: open the whole link from the invitation");

export const usersRouter = router({
  /** `team`: organization users only */
  list: adminProcedure
    .input(z.object({ team: z.boolean().optional() }).optional())
    .query(({ ctx, input }) => listUsers(ctx.db, { team: input?.team })),
  create: adminProcedure
    .input(
      z.object({
        name: z.string().trim().min(1),
        email: z.string().trim().email("not an email address"),
        password: z.string().min(8, "at least 8 characters"),
        role: z.enum(USER_ROLES),
        customerId: z.string().uuid().nullish(),
      }),
    )
    .mutation(({ ctx, input }) => createUser(ctx.db, input, actorOf(ctx.principal))),
  invite: adminProcedure
    .input(z.object({ email: z.string().trim().email("not an email address"), role: z.enum(TEAM_ROLES) }))
    .mutation(({ ctx, input }) => inviteUser(ctx.db, input, actorOf(ctx.principal))),
  invitations: adminProcedure.query(({ ctx }) => listInvitations(ctx.db)),
  revokeInvitation: adminProcedure
    .input(z.object({ id: z.string().uuid() }))
    .mutation(({ ctx, input }) => revokeInvitation(ctx.db, input.id, actorOf(ctx.principal))),
  update: adminProcedure
    .input(userId.extend({ role: z.enum(TEAM_ROLES).optional(), name: z.string().trim().min(1).max(200).optional() }))
    .mutation(({ ctx, input }) => updateUser(ctx.db, input, actorOf(ctx.principal))),
  deactivate: adminProcedure.input(userId).mutation(({ ctx, input }) => deactivateUser(ctx.db, input.id, actorOf(ctx.principal))),
  reactivate: adminProcedure.input(userId).mutation(({ ctx, input }) => reactivateUser(ctx.db, input.id, actorOf(ctx.principal))),
  remove: adminProcedure.input(userId).mutation(({ ctx, input }) => removeUser(ctx.db, input.id, actorOf(ctx.principal))),
  /** the invitation page, before signing in: what the link invites to, or why it no longer works */
  invitation: publicProcedure.input(z.object({ token: invitationToken })).query(({ ctx, input }) => getInvitation(ctx.db, input.token)),
  acceptInvitation: publicProcedure
    .input(
      z.object({
        token: invitationToken,
        name: z.string().trim().min(1, "your name is required").max(200),
        password: z.string().min(8, "at least 8 characters"),
      }),
    )
    .mutation(({ ctx, input }) => acceptInvitation(ctx.db, input)),
});
