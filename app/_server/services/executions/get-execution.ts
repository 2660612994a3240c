import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { executionAttempts, executionLogs, executions, stepResults } from "@/db/schema";
import { notFound } from "../errors";

/** An execution's summary: status, timing, attempts, a line per step, the error. */
export async function getExecution(db: Db, id: string) {
  const [e] = await db.select().from(executions).where(eq(executions.id, id));
  if (!e) throw notFound("execution");
  const attempts = await db
    .select({
      attempt: executionAttempts.attempt,
      status: executionAttempts.status,
      workerId: executionAttempts.workerId,
      error: executionAttempts.error,
      startedAt: executionAttempts.startedAt,
      finishedAt: executionAttempts.finishedAt,
    })
    .from(executionAttempts)
    .where(eq(executionAttempts.executionId, id))
    .orderBy(asc(executionAttempts.attempt));
  const steps = await db
    .select({
      attempt: stepResults.attempt,
      stepKey: stepResults.stepKey,
      iteration: stepResults.iteration,
      status: stepResults.status,
      durationMs: stepResults.durationMs,
      resultSize: stepResults.resultSize,
      error: stepResults.error,
      startedAt: stepResults.startedAt,
    })
    .from(stepResults)
    .where(eq(stepResults.executionId, id))
    .orderBy(asc(stepResults.startedAt), asc(stepResults.id));
  return {
    id: e.id,
    status: e.status,
    source: e.source,
    isTest: e.isTest,
    synchronous: e.synchronous,
    instanceId: e.instanceId,
    integrationId: e.integrationId,
    customerId: e.customerId,
    flow: e.flowKey,
    attempt: e.attempt,
    maxAttempts: e.maxAttempts,
    queuedAt: e.queuedAt,
    startedAt: e.startedAt,
    finishedAt: e.finishedAt,
    nextAttemptAt: e.nextAttemptAt,
    durationMs: e.durationMs,
    error: e.error as { message: string; stepKey?: string } | null,
    replayOf: e.replayOf,
    attempts,
    steps,
  };
}

/** Step results in full (censored inputs, results) and log lines, for the execution page and the CLI. */
export async function getExecutionDetail(db: Db, id: string) {
  const [e] = await db
    .select({ triggerPayload: executions.triggerPayload, result: executions.result, resultMeta: executions.resultMeta })
    .from(executions)
    .where(eq(executions.id, id));
  if (!e) throw notFound("execution");
  // in the order the steps started (to the microsecond since rows carry it): rows are written as steps finish
  const steps = await db
    .select()
    .from(stepResults)
    .where(eq(stepResults.executionId, id))
    .orderBy(asc(stepResults.startedAt), asc(stepResults.id));
  const logs = await db
    .select({
      id: executionLogs.id,
      attempt: executionLogs.attempt,
      stepKey: executionLogs.stepKey,
      level: executionLogs.level,
      message: executionLogs.message,
      createdAt: executionLogs.createdAt,
    })
    .from(executionLogs)
    .where(eq(executionLogs.executionId, id))
    .orderBy(asc(executionLogs.id));
  return { trigger: e.triggerPayload, result: e.result, resultMeta: e.resultMeta, steps, logs };
}

/** Whose execution this is, for scope checks before anything is shown. */
export async function executionOwner(db: Db, id: string) {
  const [e] = await db
    .select({ customerId: executions.customerId, isTest: executions.isTest })
    .from(executions)
    .where(eq(executions.id, id));
  if (!e) throw notFound("execution");
  return e;
}
