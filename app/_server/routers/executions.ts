import { isCustomerRole } from "@/db/schema";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { loadRunResponse } from "@/runtime/executions/run-response";
import { replayExecution, ReplayError } from "@/runtime/ingest/replay-execution";
import { startTestRun, TestRunError } from "@/runtime/ingest/start-test-run";
import type { Definition } from "@/runtime/definition";
import type { Context } from "../trpc";
import { executionOwner, getExecution, getExecutionDetail } from "../services/executions/get-execution";
import { listExecutions } from "../services/executions/list-executions";
import { saveTestConfig } from "../services/executions/save-test-config";
import { executionFilterSchema, perSecondSchema, type ExecutionFilter } from "../services/bulk-replays/bulk-replay-filter";
import { cancelBulkReplay } from "../services/bulk-replays/cancel-bulk-replay";
import { countReplayable } from "../services/bulk-replays/count-replayable";
import { bulkReplayOwner, getBulkReplay, listBulkReplayRuns, listBulkReplays } from "../services/bulk-replays/get-bulk-replays";
import { startBulkReplay } from "../services/bulk-replays/start-bulk-replay";
import { assertCustomerScope, authedProcedure, builderProcedure, router } from "../trpc";

const byId = z.object({ id: z.string().uuid() });

async function assertReachable(ctx: Context & { principal: NonNullable<Context["principal"]> }, id: string) {
  const owner = await executionOwner(ctx.db, id);
  // test runs belong to the organization, never to a customer
  if (owner.isTest && isCustomerRole(ctx.principal.role))
    throw new TRPCError({ code: "FORBIDDEN", message: "this belongs to another customer" });
  assertCustomerScope(ctx.principal, owner.customerId);
}

/** the filters as the caller may apply them: a customer user's narrowed to its customer's live runs */
function scopedFilter(ctx: Context & { principal: NonNullable<Context["principal"]> }, filter: ExecutionFilter): ExecutionFilter {
  if (!isCustomerRole(ctx.principal.role)) return filter;
  assertCustomerScope(ctx.principal, filter.customerId ?? ctx.principal.customerId);
  return { ...filter, customerId: ctx.principal.customerId!, isTest: false };
}

async function assertBulkReplayReachable(ctx: Context & { principal: NonNullable<Context["principal"]> }, id: string) {
  assertCustomerScope(ctx.principal, (await bulkReplayOwner(ctx.db, id)).customerId);
}

const userError = (err: unknown) => {
  if (err instanceof ReplayError || err instanceof TestRunError) throw new TRPCError({ code: "BAD_REQUEST", message: err.message });
  throw err;
};

export const executionsRouter = router({
  list: authedProcedure
    .input(
      executionFilterSchema
        .extend({
          limit: z.number().int().min(1).max(500).optional(),
          cursor: z.object({ queuedAt: z.string(), id: z.string().uuid() }).optional(),
        })
        .optional(),
    )
    .query(({ ctx, input }) => {
      const filters = { ...input };
      if (isCustomerRole(ctx.principal.role)) {
        assertCustomerScope(ctx.principal, filters.customerId ?? ctx.principal.customerId);
        filters.customerId = ctx.principal.customerId!;
        filters.isTest = false;
      }
      return listExecutions(ctx.db, filters);
    }),
  get: authedProcedure.input(byId).query(async ({ ctx, input }) => {
    await assertReachable(ctx, input.id);
    return getExecution(ctx.db, input.id);
  }),
  detail: authedProcedure.input(byId).query(async ({ ctx, input }) => {
    await assertReachable(ctx, input.id);
    return getExecutionDetail(ctx.db, input.id);
  }),
  /** the run's result as a synchronous call would answer it (the body as text, or base64 for bytes) */
  result: authedProcedure.input(byId).query(async ({ ctx, input }) => {
    await assertReachable(ctx, input.id);
    const r = (await loadRunResponse(ctx.services.pool, input.id))!;
    const type = r.headers["content-type"] ?? "";
    const text = /json|text|xml|yaml|csv/.test(type) || r.body.length === 0;
    return {
      status: r.status,
      headers: r.headers,
      body: text ? r.body.toString("utf8") : r.body.toString("base64"),
      encoding: text ? "utf8" : "base64",
    };
  }),
  replay: authedProcedure
    .input(z.object({ id: z.string().uuid(), latestVersion: z.boolean().optional() }))
    .mutation(async ({ ctx, input }) => {
      await assertReachable(ctx, input.id);
      return replayExecution(ctx.services.pool, ctx.services.accept, { executionId: input.id, latestVersion: input.latestVersion }).catch(
        userError,
      );
    }),
  /** how many runs a bulk replay with these filters would replay */
  bulkReplayCount: authedProcedure
    .input(executionFilterSchema)
    .query(async ({ ctx, input }) => ({ count: await countReplayable(ctx.db, scopedFilter(ctx, input)) })),
  /** replays every run the filters select, as a background job (whoever may replay a run may replay many) */
  bulkReplay: authedProcedure
    .input(z.object({ filter: executionFilterSchema, latestVersion: z.boolean().optional(), perSecond: perSecondSchema.optional() }))
    .mutation(({ ctx, input }) =>
      startBulkReplay(ctx.db, ctx.services.bulkReplays, {
        ...input,
        filter: scopedFilter(ctx, input.filter),
        userId: ctx.principal.userId,
      }),
    ),
  bulkReplays: authedProcedure.query(({ ctx }) =>
    listBulkReplays(ctx.db, { customerId: isCustomerRole(ctx.principal.role) ? ctx.principal.customerId! : undefined }),
  ),
  bulkReplayGet: authedProcedure.input(byId).query(async ({ ctx, input }) => {
    await assertBulkReplayReachable(ctx, input.id);
    return getBulkReplay(ctx.db, input.id);
  }),
  bulkReplayRuns: authedProcedure
    .input(byId.extend({ offset: z.number().int().min(0).optional(), limit: z.number().int().min(1).max(1000).optional() }))
    .query(async ({ ctx, input }) => {
      await assertBulkReplayReachable(ctx, input.id);
      return listBulkReplayRuns(ctx.db, input.id, input);
    }),
  bulkReplayCancel: authedProcedure.input(byId).mutation(async ({ ctx, input }) => {
    await assertBulkReplayReachable(ctx, input.id);
    await cancelBulkReplay(ctx.db, input.id);
    return getBulkReplay(ctx.db, input.id);
  }),
  test: builderProcedure
    .input(
      z.object({
        integrationId: z.string().uuid(),
        definition: z.unknown().optional(),
        flow: z.string().optional(),
        body: z.unknown().optional(),
        binary: z.object({ contentType: z.string(), base64: z.string() }).optional(),
        headers: z.record(z.string(), z.string()).optional(),
      }),
    )
    .mutation(({ ctx, input }) =>
      startTestRun(ctx.services.pool, ctx.services.accept, {
        integrationId: input.integrationId,
        definition: input.definition as Definition | undefined,
        flow: input.flow,
        body: input.body,
        binary: input.binary && { contentType: input.binary.contentType, data: Buffer.from(input.binary.base64, "base64") },
        headers: input.headers,
      }).catch(userError),
    ),
  saveTestConfig: builderProcedure
    .input(z.object({ integrationId: z.string().uuid(), values: z.record(z.string(), z.unknown()) }))
    .mutation(({ ctx, input }) => saveTestConfig(ctx.db, input)),
});
