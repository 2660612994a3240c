/**
 * Takes execution jobs from pg-boss's queue in batches and completes them in batches (with the
 * statements of queue/job-statements.ts). pg-boss's own
 * `work` loops fetch one job per query and complete each with another; under load that is two of
 * the handful of statements a run costs. Here one fetch takes as many jobs as there are free
 * slots, and finished jobs are completed together (one statement in flight, the rest gathered
 * behind it). pg-boss also waits out its polling interval while jobs wait: `wake` fetches at
 * once; polling stays as the fallback.
 */
import type { QueuedJob } from "../queue/job-statements";

export interface DispatcherOptions<T> {
  /** takes up to `limit` waiting jobs (they become active) */
  fetch(limit: number): Promise<QueuedJob<T>[]>;
  /** marks finished jobs completed */
  complete(ids: string[]): Promise<void>;
  /** jobs run at once */
  concurrency: number;
  pollingIntervalMs: number;
  run(job: QueuedJob<T>): Promise<void>;
  onError(err: Error): void;
}

export interface Dispatcher {
  /** fetch now (new work was committed) */
  wake(): void;
  /**
   * takes a slot for work that does not come from the queue (a synchronous webhook's direct run),
   * ahead of queued jobs: at once when one is free, else the next one freed, waiting at most
   * `maxWaitMs`. Resolves with the function that gives it back, or null (no slot in time, or the
   * dispatcher stopped).
   */
  reserve(maxWaitMs: number): Promise<(() => void) | null>;
  /** stop fetching, let running jobs finish, complete them */
  stop(): Promise<void>;
}

export function startDispatcher<T>(o: DispatcherOptions<T>): Dispatcher {
  let running = 0;
  let stopped = false;
  let fetching = false;
  let again = false;
  let toComplete: string[] = [];
  let completing: Promise<void> | undefined;
  let idle: (() => void) | undefined;
  // direct runs waiting for a slot, first come first served
  const slotWaiters = new Set<(release: (() => void) | null) => void>();

  async function fetchJobs(): Promise<void> {
    if (fetching) {
      again = true;
      return;
    }
    fetching = true;
    try {
      do {
        again = false;
        const free = o.concurrency - running;
        if (stopped || free <= 0) break;
        const jobs = await o.fetch(free);
        for (const job of jobs) start(job);
        // a full batch means more may be waiting
        if (jobs.length === free) again = true;
      } while (again);
    } catch (err) {
      o.onError(err as Error);
    } finally {
      fetching = false;
    }
  }

  function start(job: QueuedJob<T>) {
    running++;
    o.run(job)
      .catch((err) => o.onError(err as Error))
      .finally(() => {
        toComplete.push(job.id);
        void completeJobs();
        release();
      });
  }

  /** a slot held until the returned function is called (once) */
  function slot(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      release();
    };
  }

  function release() {
    const waiter = slotWaiters.values().next().value;
    if (waiter && !stopped) {
      // the slot passes straight to a waiting direct run
      slotWaiters.delete(waiter);
      waiter(slot());
      return;
    }
    running--;
    void fetchJobs();
    if (running === 0) idle?.();
  }

  async function completeJobs(): Promise<void> {
    if (completing || toComplete.length === 0) return completing;
    const ids = toComplete;
    toComplete = [];
    completing = o
      .complete(ids)
      .catch((err) => o.onError(err as Error))
      .finally(() => {
        completing = undefined;
        void completeJobs();
      });
    return completing;
  }

  const poller = setInterval(() => void fetchJobs(), o.pollingIntervalMs);
  poller.unref();
  void fetchJobs();

  return {
    wake: () => void fetchJobs(),
    reserve(maxWaitMs) {
      if (stopped) return Promise.resolve(null);
      if (running < o.concurrency) {
        running++;
        return Promise.resolve(slot());
      }
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          slotWaiters.delete(waiter);
          resolve(null);
        }, maxWaitMs);
        const waiter = (release: (() => void) | null) => {
          clearTimeout(timer);
          resolve(release);
        };
        slotWaiters.add(waiter);
      });
    },
    async stop() {
      stopped = true;
      clearInterval(poller);
      for (const waiter of slotWaiters) waiter(null);
      slotWaiters.clear();
      if (running > 0) await new Promise<void>((resolve) => (idle = resolve));
      while (completing || toComplete.length > 0) await completeJobs();
    },
  };
}
