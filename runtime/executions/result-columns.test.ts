import { describe, expect, it } from "vitest";
import { resultColumns, type ResultColumns, type ResultMeta } from "./result-columns";
import { runResponse } from "./run-response";
import { STORED_JSON_LIMIT } from "./stored-json";

const cols = (c: ReturnType<typeof resultColumns>) => {
  if ("problem" in c) throw new Error(c.problem);
  return c;
};
const meta = (c: ResultColumns) => JSON.parse(c.meta!) as ResultMeta;
/** the answer given from the columns, as the result API reads them back */
const answer = (c: ResultColumns) =>
  runResponse("e1", {
    status: "succeeded",
    result: c.result === null ? null : JSON.parse(c.result),
    result_body: c.resultBody,
    result_meta: meta(c),
    error: null,
  });

describe("resultColumns", () => {
  it("keeps a result within the display limit in the jsonb column alone, answered from it", () => {
    const c = cols(resultColumns({ data: { ok: true, items: [1, 2] } }));
    expect(c).toMatchObject({ result: '{"ok":true,"items":[1,2]}', resultBody: null });
    expect(meta(c)).toEqual({ binary: false });
    expect(answer(c).body.toString()).toBe('{"ok":true,"items":[1,2]}');
  });

  it("stores the exact answer of a result over the display limit beside its truncated preview", () => {
    const data = {
      zeta: "last key first",
      list: Array.from({ length: 5000 }, (_, i) => ({ id: i, name: `Customer ${i} – “quoted”`.repeat(3) })),
    };
    const json = JSON.stringify(data);
    expect(json.length).toBeGreaterThan(STORED_JSON_LIMIT);
    const c = cols(resultColumns({ data, statusCode: 201 }));
    expect(JSON.parse(c.result!)).toEqual({ $truncated: { size: json.length, preview: json.slice(0, 4096) } });
    expect(meta(c)).toEqual({ statusCode: 201, binary: false, fullBody: true, size: Buffer.byteLength(json) });
    const r = answer(c);
    expect(r.status).toBe(201);
    expect(r.headers["content-type"]).toBe("application/json");
    expect(r.body.equals(Buffer.from(json))).toBe(true);
  });

  it("answers a large text with a content type as itself", () => {
    const csv = "id,name\n" + Array.from({ length: 30000 }, (_, i) => `${i},Name ${i}`).join("\n");
    const r = answer(cols(resultColumns({ data: csv, contentType: "text/csv" })));
    expect(r.headers["content-type"]).toBe("text/csv");
    expect(r.body.toString()).toBe(csv);
  });

  it("keeps the exact answer of a small result jsonb cannot hold as is (NUL)", () => {
    const c = cols(resultColumns({ data: { text: "a\u0000b" } }));
    expect(JSON.parse(c.result!)).toEqual({ text: "a\u2400b" });
    expect(answer(c).body.toString()).toBe(JSON.stringify({ text: "a\u0000b" }));
  });

  it("keeps binary data as bytes, and nothing for a result without data", () => {
    const bin = cols(resultColumns({ data: new Uint8Array([1, 2, 3]), contentType: "image/png" }));
    expect(bin).toMatchObject({ result: null, resultBody: Buffer.from([1, 2, 3]) });
    expect(answer(bin).headers["content-type"]).toBe("image/png");
    expect(resultColumns(undefined)).toEqual({ result: null, resultBody: null, meta: null });
    expect(answer(cols(resultColumns({ data: undefined }))).body.length).toBe(0);
  });

  it("refuses an answer over the limit, counted in bytes as sent", () => {
    expect(resultColumns({ data: "€".repeat(400), contentType: "text/plain" }, 1000)).toEqual({
      problem: expect.stringMatching(/^The flow's result is 1.2 KB, more than the 1000 bytes an answer may be/),
    });
    expect("problem" in resultColumns({ data: "€".repeat(333), contentType: "text/plain" }, 1000)).toBe(false);
    // a text without a content type is answered as JSON: with its quotes
    expect("problem" in resultColumns({ data: "x".repeat(300_000) }, 300_002)).toBe(false);
    expect(resultColumns({ data: "x".repeat(300_000) }, 300_001)).toHaveProperty("problem");
    expect(resultColumns({ data: new Uint8Array(1001) }, 1000)).toHaveProperty("problem");
  });
});
