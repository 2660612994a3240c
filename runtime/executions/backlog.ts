/**
 * Back-pressure for synchronous webhooks. A synchronous caller waits for its run; when no local
 * slot is free and the queue's backlog is past JUNCTION_SYNC_BACKLOG_LIMIT (1,000 due runs) its
 * run would only wait into the timeout, so it is refused with 429 and a Retry-After instead —
 * asynchronous webhooks are still accepted (they are durable). The backlog is sampled once a
 * second, from the first time it is asked for; refusals are counted per minute in
 * `backlog_refusals` for the dashboard.
 */
import type pg from "pg";
import { readBacklog, recordRefusals, type BacklogFigures } from "./store";

export class BackloggedError extends Error {
  constructor(
    readonly figures: BacklogFigures,
    readonly retryAfterSeconds: number,
  ) {
    super(
      `the queue holds ${figures.queued} runs (the oldest has waited ${Math.round(figures.oldestSeconds)} s): a synchronous call would only wait into its timeout — try again in ${retryAfterSeconds} s, or call asynchronously`,
    );
  }
}

export interface Backlog {
  /** the last sample (zeros until the first is read) */
  figures(): BacklogFigures;
  /** throws BackloggedError, and counts the refusal, when the backlog is past its limit */
  admitSynchronous(): void;
  /** this process's refusals since it started */
  refusals(): number;
  stop(): Promise<void>;
}

export function createBacklog(pool: pg.Pool, options: { limit?: number; sampleMs?: number } = {}): Backlog {
  const limit = options.limit ?? Number(process.env.JUNCTION_SYNC_BACKLOG_LIMIT ?? 1_000);
  const sampleMs = options.sampleMs ?? 1_000;
  let last: BacklogFigures = { queued: 0, oldestSeconds: 0 };
  let timer: NodeJS.Timeout | undefined;
  let unrecorded = 0;
  let total = 0;

  const sample = () =>
    readBacklog(pool).then(
      (f) => void (last = f),
      () => {}, // the database is away: the last sample stands until it is back
    );
  const flush = async () => {
    if (unrecorded === 0) return;
    const n = unrecorded;
    unrecorded = 0;
    await recordRefusals(pool, n).catch(() => void (unrecorded += n));
  };
  const start = () => {
    if (timer) return;
    void sample();
    timer = setInterval(() => void sample().then(flush), sampleMs);
    timer.unref();
  };

  return {
    figures() {
      start();
      return last;
    },
    admitSynchronous() {
      start();
      if (last.queued < limit) return;
      unrecorded++;
      total++;
      throw new BackloggedError(last, Math.min(60, Math.max(1, Math.ceil(last.oldestSeconds))));
    },
    refusals: () => total,
    async stop() {
      clearInterval(timer);
      timer = undefined;
      await flush();
    },
  };
}
