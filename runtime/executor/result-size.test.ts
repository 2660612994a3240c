import { describe, expect, it } from "vitest";
import { estimateJsonBytes } from "./result-size";

describe("estimateJsonBytes", () => {
  it.each([
    ["a string", "hello"],
    ["numbers", [0, 7, -12, 123456789, 1.5, -0.25]],
    ["literals", [true, false, null]],
    ["an object", { id: 42, name: "Bob Smith", tags: ["a", "b"], nested: { ok: true, list: [] }, empty: {} }],
    ["a list of objects", Array.from({ length: 50 }, (_, i) => ({ orderid: i, total: i * 1.25 }))],
  ])("matches JSON.stringify's length for %s", (_label, value) => {
    expect(estimateJsonBytes(value, Infinity)).toBe(JSON.stringify(value).length);
  });

  it("counts binary data by byte length", () => {
    expect(estimateJsonBytes(new Uint8Array(2048), Infinity)).toBe(2048);
    expect(estimateJsonBytes({ file: Buffer.alloc(10) }, Infinity)).toBe('{"file":}'.length + 10);
  });

  it("stops counting past the cap, also for a cyclic value", () => {
    const cyclic: Record<string, unknown> = { a: "x".repeat(10) };
    cyclic.self = cyclic;
    expect(estimateJsonBytes(cyclic, 1000)).toBeGreaterThan(1000);
    expect(estimateJsonBytes("x".repeat(5000), 100)).toBeGreaterThan(100);
  });
});
