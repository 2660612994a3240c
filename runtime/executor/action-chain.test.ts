import { describe, expect, it } from "vitest";
import { cfg, definitionOf, fakeRunner, list, ref, run, step, tpl, val, type FakeRunner } from "./test-helpers";

describe("a chain of actions", () => {
  it("runs steps in order and passes results on by reference", async () => {
    const def = definitionOf([
      step("Fetch user", "test.fetch", { id: ref("trigger.results.body.ids[1]") }),
      step("Greet", "test.greet", { name: ref("fetchUser.results.profile.name") }),
    ]);
    const outcome = await run(def, {
      body: { ids: [7, 42] },
      actions: {
        "test.fetch": ({ id }) => ({ id, profile: { name: `user ${id}` } }),
        "test.greet": ({ name }) => `hello ${name}`,
      },
    });
    expect(outcome).toMatchObject({
      status: "succeeded",
      result: { data: "hello user 42" },
      stepResults: { fetchUser: { id: 42, profile: { name: "user 42" } }, greet: "hello user 42" },
      stepsExecuted: 2,
    });
  });

  it("resolves the five input forms", async () => {
    const def = definitionOf(
      [
        step("First", "test.echo", { v: val({ a: [1, 2] }) }),
        step("Second", "test.echo", {
          value: val("plain"),
          reference: ref("first.results.v.a[1]"),
          configVar: cfg("region"),
          template: tpl(
            "{{ configVars.base }}/items/{{first.results.v.a[0]}}?all={{ first.results.v }}&none={{trigger.results.body.missing}}",
          ),
          list: list(val(1), ref("first.results.v.a"), cfg("region")),
        }),
      ],
      [
        { key: "region", label: "Region", type: "picklist", options: ["eu", "us"], default: "eu" },
        { key: "base", label: "Base", type: "string" },
      ],
    );
    const outcome = await run(def, { configVars: { base: "https://api" }, actions: { "test.echo": (inputs) => inputs } });
    expect(outcome.stepResults.second).toEqual({
      value: "plain",
      reference: 2,
      configVar: "eu",
      template: 'https://api/items/1?all={"a":[1,2]}&none=',
      list: [1, [1, 2], "eu"],
    });
  });

  it("reads a missing path as undefined and a step that did not run as null", async () => {
    const def = definitionOf([step("Echo", "test.echo", { missing: ref("trigger.results.body.a.b.c"), ghost: ref("nothing.results.x") })]);
    const outcome = await run(def, { actions: { "test.echo": (inputs) => ({ ...inputs }) } });
    expect(outcome.stepResults.echo).toEqual({ missing: undefined, ghost: null });
  });

  it("does not let references reach prototypes", async () => {
    const def = definitionOf([
      step("Echo", "test.echo", { proto: ref("trigger.results.body.constructor"), len: ref("trigger.results.body.list.length") }),
    ]);
    const outcome = await run(def, { body: { list: [1, 2, 3] }, actions: { "test.echo": (inputs) => ({ ...inputs }) } });
    expect(outcome.stepResults.echo).toEqual({ proto: undefined, len: 3 });
  });

  it("invokes the runner with component, version, facts, stepResults, logger and state", async () => {
    const def = definitionOf([step("One", "http.get", {}, { component: "http@1" }), step("Two", "sftp.list", {})]);
    def.componentVersions = { sftp: "2.3.4" };
    const runner = fakeRunner({
      "http.get": async (_inputs, inv) => {
        inv.logger.log("info", "fetching");
        await inv.state.set("flow", "seen", true);
        return 1;
      },
      "sftp.list": async (_inputs, inv) => inv.state.get("flow", "seen"),
    });
    const outcome = await run(def, { runner });
    const [one, two] = (runner as FakeRunner).calls;
    expect(one).toMatchObject({ component: "http", action: "get", version: "1" });
    expect(two).toMatchObject({ component: "sftp", action: "list", version: "2.3.4" });
    expect(two.facts).toMatchObject({ executionId: "exec-1", stepKey: "two", flow: { key: "mainFlow", name: "Main flow" }, isTest: true });
    expect(two.stepResults).toMatchObject({ trigger: { results: { body: {} } }, one: { results: 1 } });
    expect(outcome.stepResults.two).toBe(true);
    expect(outcome.sink.logs()).toEqual([expect.objectContaining({ stepKey: "one", level: "info", message: "fetching", loopPath: [] })]);
  });

  it("runs an empty flow to a null result", async () => {
    expect(await run(definitionOf([]))).toMatchObject({ status: "succeeded", result: { data: null }, stepResults: {}, stepsExecuted: 0 });
  });

  it("returns the last step's statusCode, headers and contentType as the run's result", async () => {
    const def = definitionOf([step("Respond", "test.respond")]);
    const runner = { run: async () => ({ data: "<ok/>", statusCode: 201, contentType: "application/xml", headers: { "x-a": "1" } }) };
    const outcome = await run(def, { runner });
    expect(outcome.result).toEqual({ data: "<ok/>", statusCode: 201, contentType: "application/xml", headers: { "x-a": "1" } });
  });

  it("runs the flow chosen by name or key", async () => {
    const def = definitionOf([step("A", "test.one")]);
    def.flows.push({ name: "Second flow", trigger: { type: "webhook" }, steps: [step("B", "test.two")] });
    const actions = { "test.one": () => 1, "test.two": () => 2 };
    expect((await run(def, { actions, flowName: "Second flow" })).result.data).toBe(2);
    expect((await run(def, { actions, flowName: "secondFlow" })).result.data).toBe(2);
    await expect(run(def, { actions, flowName: "Nope" })).rejects.toThrow('the definition has no flow "Nope"');
  });

  it("gives actions literal values frozen, so one run cannot change the next", async () => {
    const def = definitionOf([step("Mutate", "test.mutate", { obj: val({ n: 1 }) })]);
    const actions = {
      "test.mutate": ({ obj }: Record<string, unknown>) => {
        (obj as { n: number }).n = 2;
      },
    };
    const outcome = await run(def, { actions });
    expect(outcome.error?.message).toMatch(/read only|read-only/);
  });
});
