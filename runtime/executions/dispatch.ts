/**
 * Where a run request goes: the queue (its row and job committed with concurrent requests', for
 * any worker) or, for a synchronous call in a process with a worker, a free local slot — the run
 * starts at once, without a job or a statement before it (run-attempt.ts `startDirect`). A
 * synchronous call that gets no local slot is refused while the queue's backlog is past its
 * limit (backlog.ts). The webhook handler asks; it does not know the worker.
 */
import type { IngestBatcher } from "./accept-batcher";
import type { Backlog } from "./backlog";
import type { Completion } from "./completion/completion";
import type { DirectRun } from "./run-attempt";
import type { DirectRunFacts } from "./run-context";
import type { RunRequest } from "./run-request";

/** a worker's way to run a synchronous request in one of its slots (start-worker.ts) */
export type LocalSlots = (request: RunRequest, maxWaitMs: number, facts: DirectRunFacts) => Promise<DirectRun | null>;

export type Placement = { local: DirectRun } | { queued: true };

export interface Dispatch {
  /**
   * Resolves once the run is accepted: started in a local slot, or committed to the queue (then,
   * for `waitFor`, its completion is watched from before the commit, so a fast run cannot end
   * unseen). Throws when it could not be accepted (nothing was started): BackloggedError for a
   * synchronous call (`waitFor`) past the backlog's limit.
   */
  place(request: RunRequest, options?: { local?: { facts: DirectRunFacts; maxWaitMs: number }; waitFor?: boolean }): Promise<Placement>;
}

export function createDispatch(deps: {
  batcher: IngestBatcher;
  completion: Completion;
  backlog?: Backlog;
  localSlots?: LocalSlots;
}): Dispatch {
  return {
    async place(request, options = {}) {
      if (options.local && deps.localSlots) {
        const run = await deps.localSlots(request, options.local.maxWaitMs, options.local.facts);
        if (run) return { local: run };
      }
      if (options.waitFor) {
        deps.backlog?.admitSynchronous();
        deps.completion.prepare(request.id);
      }
      try {
        await deps.batcher.add(request);
      } catch (err) {
        if (options.waitFor) deps.completion.forget(request.id);
        throw err;
      }
      return { queued: true };
    },
  };
}
