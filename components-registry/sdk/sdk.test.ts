import { describe, expect, expectTypeOf, test } from "vitest";
import { action, component, input, type ActionContext, type InputValues } from "./index";

describe("input cleaning", () => {
  const inputs = {
    count: input({ label: "Count", type: "number", required: true }),
    enabled: input({ label: "Enabled", type: "boolean", default: false }),
    payload: input({ label: "Payload", type: "data" }),
    mode: input({ label: "Mode", type: "picklist", options: ["fast", "safe"], default: "safe" }),
    note: input({ label: "Note", type: "text" }),
    auth: input({ label: "Auth", type: "credential" }),
    file: input({ label: "File", type: "file" }),
    upper: input({ label: "Upper", type: "string", clean: (v) => String(v).toUpperCase() }),
  };
  let seen: unknown;
  const c = component({
    key: "probe",
    label: "Probe",
    actions: {
      run: action({
        label: "Run",
        inputs,
        perform: async (_context, values) => {
          seen = values;
          return { data: null };
        },
      }),
    },
  });
  const invoke = (raw: Record<string, unknown>) => c.invoke("run", {} as ActionContext, raw).then(() => seen);

  test("converts text to the declared types and applies defaults", async () => {
    expect(
      await invoke({ count: "42", enabled: "TRUE", payload: '{"a":[1]}', note: 7, auth: { key: "k" }, file: "hé", upper: "abc" }),
    ).toEqual({
      count: 42,
      enabled: true,
      payload: { a: [1] },
      mode: "safe",
      note: "7",
      auth: { key: "k" },
      file: new Uint8Array([104, 195, 169]),
      upper: "ABC",
    });
    expect(await invoke({ count: 1, payload: "plain words", note: "" })).toMatchObject({
      payload: "plain words",
      note: "",
      enabled: false,
      file: undefined,
    });
    expect(await invoke({ count: 1, file: { contentType: "text/plain", data: new Uint8Array([1]) } })).toMatchObject({
      file: new Uint8Array([1]),
    });
  });

  test("refuses bad values, naming the input", async () => {
    await expect(invoke({})).rejects.toThrow('Input "count" (Count) is required');
    await expect(invoke({ count: "" })).rejects.toThrow('Input "count" (Count) is required');
    await expect(invoke({ count: "4x" })).rejects.toThrow('Input "count" (Count): expected a number, got "4x"');
    await expect(invoke({ count: 1, enabled: "yes" })).rejects.toThrow('Input "enabled" (Enabled): expected true or false, got "yes"');
    await expect(invoke({ count: 1, mode: "slow" })).rejects.toThrow('Input "mode" (Mode): expected one of "fast", "safe", got "slow"');
    await expect(invoke({ count: 1, payload: "{broken" })).rejects.toThrow(/Input "payload" \(Payload\): not valid JSON/);
    await expect(invoke({ count: 1, auth: "secret" })).rejects.toThrow(/Input "auth" \(Auth\): expected a credential/);
    await expect(invoke({ count: 1, note: { a: 1 } })).rejects.toThrow('Input "note" (Note): expected text, got an object');
  });

  test("types perform's inputs from the declaration", () => {
    expectTypeOf<InputValues<typeof inputs>>().toEqualTypeOf<{
      count: number;
      enabled: boolean;
      payload: unknown;
      mode: "fast" | "safe";
      note: string | undefined;
      auth: Record<string, unknown> | undefined;
      file: Uint8Array | undefined;
      upper: string | undefined;
    }>();
  });
});

describe("declarations", () => {
  test("the manifest leaves out functions and unset fields", () => {
    const c = component({
      key: "demo",
      label: "Demo",
      actions: {
        go: action({
          label: "Go",
          inputs: { x: input({ label: "X", type: "string", required: true, clean: (v) => v }) },
          perform: async () => ({ data: 1 }),
        }),
        wait: action({ label: "Wait", structural: true, inputs: {} }),
      },
    });
    expect(c.manifest).toEqual({
      key: "demo",
      label: "Demo",
      actions: {
        go: { key: "go", label: "Go", inputs: [{ key: "x", label: "X", type: "string", required: true }] },
        wait: { key: "wait", label: "Wait", inputs: [], structural: true },
      },
    });
  });

  test("mistakes are reported when declaring", () => {
    expect(() => input({ label: "P", type: "picklist" })).toThrow("a picklist needs options");
    expect(() => input({ label: "P", type: "date" as never })).toThrow('unknown type "date"');
    expect(() => component({ key: "Bad Key", label: "x", actions: {} })).toThrow("lowerCamelCase");
    expect(() => component({ key: "empty", label: "x", actions: {} })).toThrow("has no actions");
    expect(() => action({ label: "A", inputs: {} } as never)).toThrow("perform must be a function");
  });

  test("a perform that returns no { data } is refused", async () => {
    const c = component({ key: "c", label: "C", actions: { a: action({ label: "A", inputs: {}, perform: async () => 5 as never }) } });
    await expect(c.invoke("a", {} as ActionContext, {})).rejects.toThrow('Action "c.a" must return { data }, got number');
    await expect(c.invoke("zzz", {} as ActionContext, {})).rejects.toThrow('Component "c" has no action "zzz"');
  });
});
