/**
 * `executions:replay` with filters instead of an id: counts the runs, asks (unless --yes), starts
 * the server's bulk replay and follows its progress by polling, a line on stderr as it changes.
 * Ctrl-C cancels the bulk replay (the runs already replayed stay) and waits for it to stop.
 */
import { setTimeout as delay } from "node:timers/promises";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/app/_server/routers";
import type { Session } from "../api";
import { CliError } from "../errors";
import { ask, canPrompt } from "../prompt";

export type BulkFilter = inferRouterInputs<AppRouter>["executions"]["bulkReplayCount"];
export type BulkReplay = inferRouterOutputs<AppRouter>["executions"]["bulkReplayGet"];

export const WARNING =
  "Replaying repeats side effects: a flow that is not idempotent (creating orders, sending messages) does so again for every run.";

const runs = (n: number) => `${n} run${n === 1 ? "" : "s"}`;
const progressLine = (b: BulkReplay) =>
  `${b.cancelRequested && b.status === "running" ? "canceling" : b.status}: ${b.replayed} replayed · ${b.failed} failed · ${b.remaining} remaining`;

export async function bulkReplay(
  session: Session,
  filter: BulkFilter,
  options: { yes?: boolean; latestVersion?: boolean; perSecond?: number; intervalMs?: number },
): Promise<BulkReplay> {
  // the runs queued until now: the count asked about is the set replayed
  const scoped = { ...filter, until: filter.until ?? new Date().toISOString() };
  const { count } = await session.call((api) => api.executions.bulkReplayCount.query(scoped));
  if (count === 0) throw new CliError("no runs match these filters: nothing to replay");
  process.stderr.write(`${runs(count)} match these filters.\n${WARNING}\n`);
  if (!options.yes) {
    if (!canPrompt()) throw new CliError(`nothing was replayed: run again with --yes to replay ${runs(count)}`);
    const answer = await ask(`Replay ${runs(count)}? (y/N)`);
    if (!/^y(es)?$/i.test(answer)) throw new CliError("nothing was replayed");
  }
  const started = await session.call((api) =>
    api.executions.bulkReplay.mutate({ filter: scoped, latestVersion: options.latestVersion, perSecond: options.perSecond }),
  );
  process.stderr.write(`bulk replay ${started.id}: ${runs(started.total)} (Ctrl-C cancels it)\n`);

  let cancel: Promise<unknown> | undefined;
  const onInterrupt = () => {
    cancel ??= session.call((api) => api.executions.bulkReplayCancel.mutate({ id: started.id }));
  };
  process.on("SIGINT", onInterrupt);
  try {
    let last = "";
    for (;;) {
      const b = await session.call((api) => api.executions.bulkReplayGet.query({ id: started.id }));
      const line = progressLine(b);
      if (line !== last) process.stderr.write(`${line}\n`);
      last = line;
      if (b.status === "completed" || b.status === "canceled") return b;
      await delay(options.intervalMs ?? 1000);
    }
  } finally {
    process.off("SIGINT", onInterrupt);
    await cancel;
  }
}
