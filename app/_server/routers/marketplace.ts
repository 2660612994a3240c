import { z } from "zod";
import { getPublished } from "../services/marketplace/get-published";
import { listPublished } from "../services/marketplace/list-published";
import { viewerOf } from "../services/marketplace/visibility";
import { authedProcedure, router } from "../trpc";

/**
 * Published integrations, for organization and customer users alike: the wizard needs a
 * version's definition, the update page its YAML. Drafts stay behind `integrations.*`. A
 * customer's user sees only what is visible to its customer (services/marketplace/visibility.ts).
 */
export const marketplaceRouter = router({
  list: authedProcedure.query(({ ctx }) => listPublished(ctx.db, viewerOf(ctx.principal))),
  published: authedProcedure
    .input(
      z.object({
        id: z.string().uuid(),
        version: z.number().int().positive().optional(),
        /** organization users: the customer being deployed to, for its presets (a customer user always gets its own) */
        customerId: z.string().uuid().optional(),
      }),
    )
    .query(({ ctx, input }) => getPublished(ctx.db, input, viewerOf(ctx.principal))),
});
