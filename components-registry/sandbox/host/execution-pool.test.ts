import { expect, test } from "vitest";
import { waitFor } from "@/test/wait-for";
import { ExecutionPool } from "./execution-pool";

function pool(idleMs = 50, maxPerExecution = 2) {
  const opened: string[] = [];
  const closed: string[] = [];
  let n = 0;
  const p = new ExecutionPool<string>({
    what: "test",
    open: async (c) => {
      const id = `${JSON.stringify(c)}#${++n}`;
      opened.push(id);
      return id;
    },
    close: async (id) => void closed.push(id),
    maxPerExecution,
    idleMs,
  });
  return { p, opened, closed };
}

test("one client per execution and connection value; executions never share one; end closes them", async () => {
  const { p, opened, closed } = pool(10_000);
  const a = await p.get("e1", { host: "a" });
  expect(await p.get("e1", { host: "a" })).toBe(a);
  expect(await p.get("e2", { host: "a" })).not.toBe(a);
  expect(opened).toHaveLength(2);
  await p.end("e1");
  expect(closed).toEqual([a]);
  await p.closeAll();
  expect(closed).toHaveLength(2);
  expect(p.size()).toBe(0);
});

test("an execution may hold only maxPerExecution connections", async () => {
  const { p } = pool(10_000, 2);
  await p.get("e1", 1);
  await p.get("e1", 2);
  expect(() => p.get("e1", 3)).toThrow(/at most 2 test connections at once \(JUNCTION_SANDBOX_MAX_CONNECTIONS\)/);
  await p.closeAll();
});

test("idle connections close after idleMs, but not while an operation runs through use()", async () => {
  const { p, closed } = pool(40);
  const result = await p.use("e1", "db", async (client) => {
    // several idle periods go by while the operation runs
    await waitFor(() => p.idleChecks >= 3, { what: "three idle periods" });
    expect(closed).toEqual([]);
    return client;
  });
  expect(closed).toEqual([]);
  await waitFor(() => closed.length === 1, { what: "the idle connection closed" });
  expect(closed).toEqual([result]);
});
