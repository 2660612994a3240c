import { z } from "zod";
import { getPublished } from "../services/marketplace/get-published";
import { listPublished } from "../services/marketplace/list-published";
import { authedProcedure, router } from "../trpc";

/**
 * Published integrations, for organization and customer users alike: the wizard needs a
 * version's definition, the update page its YAML. Drafts stay behind `integrations.*`.
 */
export const marketplaceRouter = router({
  list: authedProcedure.query(({ ctx }) => listPublished(ctx.db)),
  published: authedProcedure
    .input(z.object({ id: z.string().uuid(), version: z.number().int().positive().optional() }))
    .query(({ ctx, input }) => getPublished(ctx.db, input)),
});
