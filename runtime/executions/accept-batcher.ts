/**
 * Group commit for accepting run requests (webhooks, test runs, replays): executions that arrive while another batch commits, or within a
 * millisecond of each other, share one transaction (one insert for the rows, one for the jobs,
 * one commit); a lone request is committed at once. Each caller's promise
 * resolves only after that commit: an acknowledged webhook is never lost. A batch that fails is
 * tried again row by row, so a row PostgreSQL refuses fails only its own request.
 */
import type PgBoss from "pg-boss";
import type pg from "pg";
import { withTransaction } from "@/db/transaction";
import { isDataError, UnstorablePayloadError } from "./unstorable";
import type { RunRequest } from "./run-request";
import { acceptRequests } from "./store";

interface Pending {
  row: RunRequest;
  resolve: () => void;
  reject: (err: Error) => void;
}

export interface IngestBatcher {
  add(row: RunRequest): Promise<void>;
  /** waits for everything added so far to be committed */
  drain(): Promise<void>;
}

export function createIngestBatcher(options: {
  pool: pg.Pool;
  boss: PgBoss;
  /** called after each commit (wakes in-process workers) */
  afterCommit?: () => void;
  maxBatch?: number;
  maxConcurrentFlushes?: number;
  lingerMs?: number;
}): IngestBatcher {
  const maxBatch = options.maxBatch ?? 250;
  const maxFlushes = options.maxConcurrentFlushes ?? 4;
  const lingerMs = options.lingerMs ?? Number(process.env.JUNCTION_INGEST_LINGER_MS ?? 1);
  const queue: Pending[] = [];
  let flushing = 0;
  let timer: { cancel(): void } | undefined;
  const inFlight = new Set<Promise<void>>();

  /** one transaction for the rows; the error, if it failed (nothing of it was committed) */
  async function insert(rows: RunRequest[]): Promise<Error | null> {
    try {
      await withTransaction(options.pool, (client) => acceptRequests(options.boss, client, rows));
      options.afterCommit?.();
      return null;
    } catch (err) {
      return err as Error;
    }
  }

  async function commit(batch: Pending[]): Promise<void> {
    const failed = await insert(batch.map((p) => p.row));
    if (!failed) return batch.forEach((p) => p.resolve());
    // one refused row must not fail the others: each alone, so only the bad one fails
    for (const p of batch) {
      const err = batch.length === 1 ? failed : await insert([p.row]);
      // the batch's commit may have landed with only its answer lost: then the row is there already
      if (!err || (batch.length > 1 && (err as { code?: string }).code === "23505")) p.resolve();
      else if (isDataError(err)) p.reject(new UnstorablePayloadError(`the request holds data that cannot be stored (${err.message})`));
      else p.reject(err);
    }
  }

  function flush() {
    timer = undefined;
    while (queue.length > 0 && flushing < maxFlushes) {
      const batch = queue.splice(0, maxBatch);
      flushing++;
      const p = commit(batch).finally(() => {
        flushing--;
        inFlight.delete(p);
        if (queue.length > 0) schedule();
      });
      inFlight.add(p);
    }
  }

  function schedule() {
    if (timer || flushing >= maxFlushes) return;
    if (flushing === 0) {
      // nothing is being committed: go now (what arrives meanwhile forms the next batch)
      const immediate = setImmediate(flush);
      timer = { cancel: () => clearImmediate(immediate) };
    } else {
      const timeout = setTimeout(flush, lingerMs);
      timer = { cancel: () => clearTimeout(timeout) };
    }
  }

  return {
    add(row) {
      return new Promise<void>((resolve, reject) => {
        queue.push({ row, resolve, reject });
        if (queue.length >= maxBatch && flushing < maxFlushes) {
          timer?.cancel();
          flush();
        } else schedule();
      });
    },
    async drain() {
      while (queue.length > 0 || inFlight.size > 0) await Promise.all([...inFlight, new Promise((r) => setTimeout(r, lingerMs + 1))]);
    },
  };
}
