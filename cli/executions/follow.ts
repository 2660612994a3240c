/**
 * Following runs as they happen, by polling (the server has no push channel for the CLI): one
 * execution until it finishes (`logs:tail --execution`, `executions:replay --wait`,
 * `integrations:test --tail`), or every new run of an instance until Ctrl-C (`logs:tail
 * --instance`). Each poll asks for the status first and the logs second: the worker writes a
 * run's last logs before its final status, so once a finished status is seen the logs that
 * follow it are complete.
 */
import { setTimeout as delay } from "node:timers/promises";
import type { Session } from "../api";
import { isFinished, type ExecutionSummary, type LogLine, type StepLine } from "./format";

export interface FollowHandlers {
  onLog?(log: LogLine, executionId: string): void;
  onStep?(step: StepLine & { result?: unknown }, executionId: string): void;
  /** a run of the instance seen for the first time (`logs:tail --instance`) */
  onExecution?(execution: { id: string; flow: string; status: string }): void;
}

export interface PollOptions {
  /** between polls; 1000 by default */
  intervalMs?: number;
  /** stops following (Ctrl-C, tests) */
  signal?: AbortSignal;
}

/** How far one execution's logs and steps have been printed. */
interface Cursor {
  lastLogId: number;
  lastStepId: number;
}

const newCursor = (): Cursor => ({ lastLogId: 0, lastStepId: 0 });

const time = (value: unknown) => (value instanceof Date ? value.getTime() : new Date(String(value)).getTime());

interface Entry {
  at: number;
  stepKey: string | null;
  kind: "log" | "step";
  emit: () => void;
}

/**
 * Log lines and step results in time order, a step after the lines it logged. A step's end is
 * its start plus its rounded duration, in whole milliseconds, so it can read up to a millisecond
 * earlier than its own last line: a line of the same step that close after it goes before it.
 */
export function inTimeOrder<T extends Omit<Entry, "emit">>(entries: T[]): T[] {
  const sorted = [...entries].sort((a, b) => a.at - b.at || (a.kind === b.kind ? 0 : a.kind === "log" ? -1 : 1));
  const out: T[] = [];
  for (const e of sorted) {
    let at = out.length;
    if (e.kind === "log" && e.stepKey) {
      for (let i = out.length - 1; i >= 0 && e.at - out[i]!.at <= 1; i--) {
        if (out[i]!.kind === "step" && out[i]!.stepKey === e.stepKey) {
          at = i;
          break;
        }
      }
    }
    out.splice(at, 0, e);
  }
  return out;
}

/**
 * One poll of one execution: its status, then the log lines and step results not printed yet (in
 * time order: a step comes after the lines it logged). Returns the summary.
 */
async function pollOnce(session: Session, id: string, cursor: Cursor, handlers: FollowHandlers): Promise<ExecutionSummary> {
  const summary = (await session.call((api) => api.executions.get.query({ id }))) as unknown as ExecutionSummary;
  if (!handlers.onLog && !handlers.onStep) return summary;
  const detail = await session.call((api) => api.executions.detail.query({ id }));
  const entries: Entry[] = [];
  if (handlers.onLog) {
    for (const log of detail.logs) {
      if (log.id <= cursor.lastLogId) continue;
      entries.push({ at: time(log.createdAt), stepKey: log.stepKey, kind: "log", emit: () => handlers.onLog!(log as LogLine, id) });
    }
  }
  if (handlers.onStep) {
    for (const step of detail.steps) {
      if (step.id <= cursor.lastStepId) continue;
      const s = step as unknown as StepLine & { result?: unknown };
      entries.push({
        at: time(step.startedAt) + (step.durationMs ?? 0),
        stepKey: step.stepKey,
        kind: "step",
        emit: () => handlers.onStep!(s, id),
      });
    }
  }
  cursor.lastLogId = Math.max(cursor.lastLogId, ...detail.logs.map((l) => l.id));
  cursor.lastStepId = Math.max(cursor.lastStepId, ...detail.steps.map((s) => s.id));
  for (const e of inTimeOrder(entries)) e.emit();
  return summary;
}

/**
 * Follows one execution until it has finished (succeeded, failed or canceled; a retry waiting
 * for its next attempt is followed on), printing through `handlers`; returns its final summary.
 * Stopped through `signal`, it returns the last summary seen.
 */
export async function followExecution(
  session: Session,
  id: string,
  handlers: FollowHandlers = {},
  options: PollOptions = {},
): Promise<ExecutionSummary> {
  const cursor = newCursor();
  for (;;) {
    const summary = await pollOnce(session, id, cursor, handlers);
    if (isFinished(summary.status) || options.signal?.aborted) return summary;
    try {
      await delay(options.intervalMs ?? 1000, undefined, { signal: options.signal });
    } catch {
      return summary; // aborted while waiting
    }
  }
}

/**
 * Follows every run of an instance that starts from now on (or since `since`, an ISO date), with
 * the runs still going when it starts, until `signal` is aborted. Runs already finished when it
 * starts are history and left out unless `since` asks for them.
 */
export async function tailInstance(
  session: Session,
  instanceId: string,
  handlers: FollowHandlers,
  options: PollOptions & { since?: string; onReady?: () => void } = {},
): Promise<void> {
  const seen = new Set<string>();
  const active = new Map<string, Cursor>();
  let since = options.since;
  if (since === undefined) {
    const first = await session.call((api) => api.executions.list.query({ instanceId, limit: 100 }));
    for (const e of [...first.items].reverse()) {
      seen.add(e.id);
      if (!isFinished(e.status)) {
        active.set(e.id, newCursor());
        handlers.onExecution?.(e);
      }
    }
    // later polls only need runs queued from the newest one on (server time, so clocks need not agree)
    const newest = first.items[0]?.queuedAt;
    if (newest !== undefined) since = String(newest);
  }
  // from here on every new run is caught
  options.onReady?.();
  while (!options.signal?.aborted) {
    // new runs, newest first: page on until a page reaches runs already seen
    const found: Array<{ id: string; flow: string; status: string }> = [];
    let cursor: { queuedAt: string; id: string } | undefined;
    for (let page = 0; page < 20; page++) {
      const list = await session.call((api) => api.executions.list.query({ instanceId, since, limit: 100, cursor }));
      const fresh = list.items.filter((e) => !seen.has(e.id));
      found.push(...fresh);
      if (!list.nextCursor || fresh.length < list.items.length) break;
      cursor = list.nextCursor;
    }
    for (const e of found.reverse()) {
      seen.add(e.id);
      active.set(e.id, newCursor());
      handlers.onExecution?.(e);
    }
    for (const [id, cursor] of active) {
      const summary = await pollOnce(session, id, cursor, handlers);
      if (isFinished(summary.status)) active.delete(id);
    }
    try {
      await delay(options.intervalMs ?? 1000, undefined, { signal: options.signal });
    } catch {
      return;
    }
  }
}
