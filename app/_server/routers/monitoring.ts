import { isCustomerRole } from "@/db/schema";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { getExecutionLinks } from "../services/executions/execution-links";
import { getExecutionOutline } from "../services/executions/execution-outline";
import { executionOwner } from "../services/executions/get-execution";
import { getBacklog } from "../services/monitoring/get-backlog";
import { getDashboard } from "../services/monitoring/get-dashboard";
import { getWaitingRuns } from "../services/monitoring/get-waiting-runs";
import { assertCustomerScope, authedProcedure, orgProcedure, router } from "../trpc";
import { alertsRouter } from "./alerts";

const DAY = 86_400_000;

export const monitoringRouter = router({
  dashboard: authedProcedure
    .input(
      z
        .object({
          since: z.coerce.date().optional(),
          until: z.coerce.date().optional(),
          integrationId: z.string().uuid().optional(),
          customerId: z.string().uuid().optional(),
        })
        .refine((x) => !x.since || !x.until || x.since < x.until, "the period must start before it ends")
        .refine((x) => !x.since || (x.until ?? new Date()).getTime() - x.since.getTime() <= 92 * DAY, "at most 92 days"),
    )
    .query(({ ctx, input }) => {
      const until = input.until ?? new Date();
      const filters = { ...input, until, since: input.since ?? new Date(until.getTime() - DAY) };
      if (isCustomerRole(ctx.principal.role)) {
        assertCustomerScope(ctx.principal, filters.customerId ?? ctx.principal.customerId);
        filters.customerId = ctx.principal.customerId!;
      }
      return getDashboard(ctx.db, filters);
    }),
  /** the whole platform's queue (not one customer's): organization users only */
  backlog: orgProcedure
    .input(
      z.object({ since: z.coerce.date(), until: z.coerce.date() }).refine((x) => x.since < x.until, "the period must start before it ends"),
    )
    .query(({ ctx, input }) => getBacklog(ctx.db, ctx.services.pool, input)),
  /** names, version, trigger body size and replays around one execution */
  executionLinks: authedProcedure.input(z.object({ id: z.string().uuid() })).query(async ({ ctx, input }) => {
    const owner = await executionOwner(ctx.db, input.id);
    if (owner.isTest && isCustomerRole(ctx.principal.role))
      throw new TRPCError({ code: "FORBIDDEN", message: "this belongs to another customer" });
    assertCustomerScope(ctx.principal, owner.customerId);
    return getExecutionLinks(ctx.db, input.id);
  }),
  /** the flow's and steps' names, in the order the steps run (never changes: not refreshed live) */
  executionOutline: authedProcedure.input(z.object({ id: z.string().uuid() })).query(async ({ ctx, input }) => {
    const owner = await executionOwner(ctx.db, input.id);
    if (owner.isTest && isCustomerRole(ctx.principal.role))
      throw new TRPCError({ code: "FORBIDDEN", message: "this belongs to another customer" });
    assertCustomerScope(ctx.principal, owner.customerId);
    return getExecutionOutline(ctx.db, input.id);
  }),
  /** runs of each of an instance's flows waiting in the queue (held back by a rate or concurrency limit) */
  waitingRuns: authedProcedure.input(z.object({ instanceId: z.string().uuid() })).query(async ({ ctx, input }) => {
    const { customerId, waiting } = await getWaitingRuns(ctx.db, input.instanceId);
    assertCustomerScope(ctx.principal, customerId);
    return waiting;
  }),
  alerts: alertsRouter,
});
