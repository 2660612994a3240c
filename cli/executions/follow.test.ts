/**
 * The polling loops against a fake server: each poll sees the state of the next "tick", so the
 * tests step through a run's life without a clock.
 */
import { describe, expect, it } from "vitest";
import type { Session } from "../api";
import { followExecution, inTimeOrder, tailInstance } from "./follow";
import type { LogLine } from "./format";

interface FakeRun {
  id: string;
  flow: string;
  queuedAt: string;
  /** status per poll of `get`; the last one repeats */
  statuses: string[];
  /** log lines that exist from the poll with this index on */
  logs: Array<LogLine & { from: number }>;
  steps?: Array<{ id: number; stepKey: string; status: string; startedAt: string; durationMs: number; result?: unknown; from: number }>;
  /** listed from this list call on */
  listedFrom?: number;
}

function fakeSession(runs: FakeRun[]) {
  const polls = new Map<string, number>();
  let listCalls = 0;
  const listInputs: unknown[] = [];
  const summary = (run: FakeRun) => {
    const n = polls.get(run.id) ?? 0;
    return { id: run.id, flow: run.flow, status: run.statuses[Math.min(n, run.statuses.length - 1)]!, queuedAt: run.queuedAt, error: null };
  };
  const api = {
    executions: {
      get: {
        query: async ({ id }: { id: string }) => {
          const run = runs.find((r) => r.id === id)!;
          const s = summary(run);
          polls.set(id, (polls.get(id) ?? 0) + 1);
          return s;
        },
      },
      detail: {
        query: async ({ id }: { id: string }) => {
          const run = runs.find((r) => r.id === id)!;
          const n = (polls.get(id) ?? 1) - 1; // the poll whose status was just read
          return {
            logs: run.logs.filter((l) => l.from <= n).map(({ from: _from, ...l }) => l),
            steps: (run.steps ?? []).filter((s) => s.from <= n).map(({ from: _from, ...s }) => s),
          };
        },
      },
      list: {
        query: async (input: unknown) => {
          listInputs.push(input);
          const call = listCalls++;
          const items = runs
            .filter((r) => (r.listedFrom ?? 0) <= call)
            .sort((a, b) => b.queuedAt.localeCompare(a.queuedAt))
            .map((r) => summary(r));
          return { items, nextCursor: null };
        },
      },
    },
  };
  const session = {
    api,
    connection: { url: "http://fake", token: "t", source: "env" },
    call: (fn: (a: typeof api) => Promise<unknown>) => fn(api),
  } as unknown as Session;
  return { session, listInputs };
}

const log = (id: number, message: string, from: number, stepKey: string | null = "code"): LogLine & { from: number } => ({
  id,
  stepKey,
  level: "info",
  message,
  createdAt: `2025-03-10T12:00:0${id}.000Z`,
  from,
});

describe("followExecution", () => {
  it("prints each log line once, in order, and stops when the run has finished", async () => {
    const { session } = fakeSession([
      {
        id: "e1",
        flow: "f",
        queuedAt: "2025-03-10T12:00:00.000Z",
        statuses: ["queued", "running", "running", "succeeded"],
        logs: [log(1, "one", 1), log(2, "two", 2), log(3, "three", 3)],
      },
    ]);
    const lines: string[] = [];
    const summary = await followExecution(session, "e1", { onLog: (l) => lines.push(l.message) }, { intervalMs: 0 });
    expect(summary.status).toBe("succeeded");
    expect(lines).toEqual(["one", "two", "three"]);
  });

  it("follows a retry waiting for its next attempt", async () => {
    const { session } = fakeSession([
      { id: "e1", flow: "f", queuedAt: "2025-03-10T12:00:00.000Z", statuses: ["running", "retry_pending", "running", "failed"], logs: [] },
    ]);
    expect((await followExecution(session, "e1", {}, { intervalMs: 0 })).status).toBe("failed");
  });

  it("puts a step's result after the lines it logged", async () => {
    const { session } = fakeSession([
      {
        id: "e1",
        flow: "f",
        queuedAt: "2025-03-10T12:00:00.000Z",
        statuses: ["succeeded"],
        logs: [log(1, "hello", 0), log(5, "after", 0, null)],
        steps: [
          {
            id: 1,
            stepKey: "code",
            status: "succeeded",
            startedAt: "2025-03-10T12:00:00.500Z",
            durationMs: 1000,
            result: { ok: true },
            from: 0,
          },
        ],
      },
    ]);
    const events: string[] = [];
    await followExecution(
      session,
      "e1",
      { onLog: (l) => events.push(`log ${l.message}`), onStep: (s) => events.push(`step ${s.stepKey}`) },
      { intervalMs: 0 },
    );
    expect(events).toEqual(["log hello", "step code", "log after"]);
  });

  it("returns when stopped", async () => {
    const { session } = fakeSession([{ id: "e1", flow: "f", queuedAt: "2025-03-10T12:00:00.000Z", statuses: ["running"], logs: [] }]);
    const stop = new AbortController();
    const following = followExecution(session, "e1", {}, { intervalMs: 60_000, signal: stop.signal });
    stop.abort();
    expect((await following).status).toBe("running");
  });
});

describe("inTimeOrder", () => {
  const log = (at: number, stepKey: string | null) => ({ at, stepKey, kind: "log" as const });
  const step = (at: number, stepKey: string) => ({ at, stepKey, kind: "step" as const });
  const names = (entries: Array<{ at: number; stepKey: string | null; kind: "log" | "step" }>) =>
    inTimeOrder(entries).map((e) => `${e.kind} ${e.stepKey} ${e.at}`);

  it("orders by time, a line before a step at the same millisecond", () => {
    expect(names([step(10, "a"), log(10, "a"), log(5, null), step(20, "b"), log(15, "b")])).toEqual([
      "log null 5",
      "log a 10",
      "step a 10",
      "log b 15",
      "step b 20",
    ]);
  });

  it("puts a step's own line that reads a millisecond after its end before it, but not another step's", () => {
    expect(names([step(10, "a"), log(11, "a")])).toEqual(["log a 11", "step a 10"]);
    expect(names([step(10, "a"), log(11, "b")])).toEqual(["step a 10", "log b 11"]);
    expect(names([step(10, "a"), log(12, "a")])).toEqual(["step a 10", "log a 12"]);
  });
});

describe("tailInstance", () => {
  it("leaves out runs finished before it started and follows new ones and running ones", async () => {
    const { session, listInputs } = fakeSession([
      { id: "old", flow: "f", queuedAt: "2025-03-10T11:00:00.000Z", statuses: ["succeeded"], logs: [log(1, "old line", 0)] },
      { id: "busy", flow: "f", queuedAt: "2025-03-10T11:30:00.000Z", statuses: ["running", "succeeded"], logs: [log(2, "busy line", 0)] },
      {
        id: "new",
        flow: "f",
        queuedAt: "2025-03-10T12:00:00.000Z",
        statuses: ["running", "succeeded"],
        logs: [log(3, "new line", 1)],
        listedFrom: 2,
      },
    ]);
    const stop = new AbortController();
    const lines: string[] = [];
    const started: string[] = [];
    await tailInstance(
      session,
      "i1",
      {
        onLog: (l, id) => {
          lines.push(`${id}: ${l.message}`);
          if (id === "new") stop.abort();
        },
        onExecution: (e) => started.push(e.id),
      },
      { intervalMs: 0, signal: stop.signal },
    );
    expect(started).toEqual(["busy", "new"]);
    expect(lines).toEqual(["busy: busy line", "new: new line"]);
    // after the first look, only runs from the newest one then on are asked for
    expect(listInputs[1]).toMatchObject({ instanceId: "i1", since: "2025-03-10T11:30:00.000Z" });
  });

  it("with since, follows runs from then on including finished ones", async () => {
    const { session, listInputs } = fakeSession([
      { id: "old", flow: "f", queuedAt: "2025-03-10T11:00:00.000Z", statuses: ["succeeded"], logs: [log(1, "old line", 0)] },
    ]);
    const stop = new AbortController();
    const lines: string[] = [];
    await tailInstance(
      session,
      "i1",
      { onLog: (l) => (lines.push(l.message), stop.abort()) },
      { intervalMs: 0, signal: stop.signal, since: "2025-03-10T10:00:00.000Z" },
    );
    expect(lines).toEqual(["old line"]);
    expect(listInputs[0]).toMatchObject({ since: "2025-03-10T10:00:00.000Z" });
  });
});
