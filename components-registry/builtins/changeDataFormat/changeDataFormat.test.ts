import { afterAll, beforeAll, expect, test } from "vitest";
import { builtinRunner } from "@/components-registry/test-support/builtin-runner";
import { invocation } from "@/components-registry/test-support/invocation";
import type { SandboxRunner } from "@/components-registry/sandbox/sandbox-runner";

let runner: SandboxRunner;
beforeAll(async () => {
  runner = await builtinRunner(["changeDataFormat"]);
});
afterAll(() => runner.close());

const convert = async (data: unknown, from: string, to: string) =>
  (await runner.run(invocation("changeDataFormat", "convert", { data, from, to }))).data;

const orders = [
  { id: "1", name: "Widget, large", note: 'says "hi"' },
  { id: "2", name: "Gadget", note: "two\nlines" },
];

test("JSON ↔ CSV, with quoting", async () => {
  const csv = (await convert(orders, "json", "csv")) as string;
  expect(csv).toBe('id,name,note\r\n1,"Widget, large","says ""hi"""\r\n2,Gadget,"two\nlines"\r\n');
  expect(await convert(csv, "csv", "json")).toEqual(orders);
  expect(await convert(JSON.stringify(orders), "json", "csv")).toBe(csv);
});

test("JSON ↔ YAML", async () => {
  const yaml = (await convert({ shop: { orders: [1, 2] } }, "json", "yaml")) as string;
  expect(yaml).toBe("shop:\n  orders:\n    - 1\n    - 2\n");
  expect(await convert(yaml, "yaml", "json")).toEqual({ shop: { orders: [1, 2] } });
});

test("JSON ↔ XML, attributes included", async () => {
  const xml = (await convert({ order: { "@_id": "7", item: ["a", "b"] } }, "json", "xml")) as string;
  expect(xml).toContain('<order id="7">');
  expect(xml).toContain("<item>a</item>");
  expect(await convert(xml, "xml", "json")).toEqual({ order: { "@_id": "7", item: ["a", "b"] } });
  expect(await convert("<a><b>1</b></a>", "xml", "yaml")).toBe("a:\n  b: 1\n");
});

test("CSV → XML wraps a list in a root element; bad input is reported", async () => {
  expect(await convert("x\n1\n", "csv", "xml")).toContain("<root>");
  await expect(convert("{nope", "json", "yaml")).rejects.toThrow(/The data is not valid JSON/);
  await expect(convert("a,b", "csv", "toml")).rejects.toThrow(/expected one of "json", "csv", "yaml", "xml"/);
});
