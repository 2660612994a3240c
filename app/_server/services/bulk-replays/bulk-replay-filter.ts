/** The filters a bulk replay selects runs by: the executions list's, shared by its router input, the UI and the CLI. */
import { z } from "zod";
import { EXECUTION_STATUSES } from "@/db/schema";

export const executionFilterSchema = z.object({
  instanceId: z.string().uuid().optional(),
  integrationId: z.string().uuid().optional(),
  customerId: z.string().uuid().optional(),
  flow: z.string().optional(),
  status: z.enum(EXECUTION_STATUSES).optional(),
  isTest: z.boolean().optional(),
  since: z.coerce.date().optional(),
  until: z.coerce.date().optional(),
});

export type ExecutionFilter = z.infer<typeof executionFilterSchema>;

/** how fast a bulk replay may go: new runs a second */
export const perSecondSchema = z.number().int().min(1).max(1000);
