import { z } from "zod";
import { USER_ROLES } from "@/db/schema";
import { createUser } from "../services/users/create-user";
import { listUsers } from "../services/users/list-users";
import { adminProcedure, router } from "../trpc";

export const usersRouter = router({
  list: adminProcedure.query(({ ctx }) => listUsers(ctx.db)),
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
    .mutation(({ ctx, input }) => createUser(ctx.db, input)),
});
