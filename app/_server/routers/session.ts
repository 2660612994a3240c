import { z } from "zod";
import { countUsers, createFirstAdmin } from "../services/users/create-first-admin";
import { authedProcedure, publicProcedure, router } from "../trpc";

export const sessionRouter = router({
  me: authedProcedure.query(({ ctx }) => ctx.principal),
  setupStatus: publicProcedure.query(async ({ ctx }) => ({ needsFirstAdmin: (await countUsers(ctx.db)) === 0 })),
  createFirstAdmin: publicProcedure
    .input(
      z.object({
        name: z.string().trim().min(1, "your name is required"),
        email: z.string().trim().email("not an email address"),
        password: z.string().min(8, "at least 8 characters"),
      }),
    )
    .mutation(({ ctx, input }) => createFirstAdmin(ctx.db, input)),
});
