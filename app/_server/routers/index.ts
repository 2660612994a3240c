import { router } from "../trpc";
import { sessionRouter } from "./session";
import { tokensRouter } from "./tokens";
import { usersRouter } from "./users";

export const appRouter = router({
  session: sessionRouter,
  tokens: tokensRouter,
  users: usersRouter,
});

export type AppRouter = typeof appRouter;
