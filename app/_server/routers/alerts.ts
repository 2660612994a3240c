import { isCustomerRole } from "@/db/schema";
import { z } from "zod";
import { monitorInputSchema } from "@/runtime/alerts/monitor-schema";
import { acknowledgeAlertEvent, listAlertEvents } from "../services/alerts/alert-events";
import { createMonitor, deleteMonitor, listMonitors, setMonitorEnabled, updateMonitor } from "../services/alerts/monitors";
import { assertCustomerScope, authedProcedure, orgProcedure, router } from "../trpc";

const byId = z.object({ id: z.string().uuid() });

/**
 * Alert monitors are the organization's (their destinations carry its webhook URLs and headers):
 * organization users only, support too. The feed is also a customer user's, of its own customer's
 * instances only; acknowledging stays with the organization, which handles the alerts.
 */
export const alertsRouter = router({
  monitors: orgProcedure.query(({ ctx }) => listMonitors(ctx.db)),
  createMonitor: orgProcedure.input(monitorInputSchema).mutation(({ ctx, input }) => createMonitor(ctx.db, input)),
  updateMonitor: orgProcedure
    .input(z.object({ id: z.string().uuid(), monitor: monitorInputSchema }))
    .mutation(({ ctx, input }) => updateMonitor(ctx.db, input.id, input.monitor)),
  setMonitorEnabled: orgProcedure
    .input(z.object({ id: z.string().uuid(), enabled: z.boolean() }))
    .mutation(({ ctx, input }) => setMonitorEnabled(ctx.db, input.id, input.enabled)),
  deleteMonitor: orgProcedure.input(byId).mutation(({ ctx, input }) => deleteMonitor(ctx.db, input.id)),
  events: authedProcedure
    .input(
      z
        .object({
          open: z.boolean().optional(),
          monitorId: z.string().uuid().optional(),
          instanceId: z.string().uuid().optional(),
          limit: z.number().int().min(1).max(200).optional(),
          cursor: z.object({ createdAt: z.string(), id: z.string().uuid() }).optional(),
        })
        .optional(),
    )
    .query(({ ctx, input }) => {
      if (!isCustomerRole(ctx.principal.role)) return listAlertEvents(ctx.db, input ?? {});
      assertCustomerScope(ctx.principal, ctx.principal.customerId); // a customer user without a customer reaches nothing
      return listAlertEvents(ctx.db, { ...input, customerId: ctx.principal.customerId! });
    }),
  acknowledge: orgProcedure
    .input(byId)
    .mutation(({ ctx, input }) => acknowledgeAlertEvent(ctx.db, { id: input.id, by: ctx.principal.email })),
});
