import { listActionCatalog } from "../services/designer/list-action-catalog";
import { orgProcedure, router } from "../trpc";

/** What the integration designer needs beyond the integrations router. */
export const designerRouter = router({
  /** installed components' newest manifests, for the step picker and the configuration pane */
  components: orgProcedure.query(({ ctx }) => listActionCatalog(ctx.db)),
});
