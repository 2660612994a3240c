import { parse as parseYaml } from "yaml";
import { describe, expect, it } from "vitest";
import { applyFilters, applySort, cellText, formatList, formatRecord, OutputError, selectColumns, type Column, type Row } from "./format";

const COLUMNS: Column[] = [
  { key: "id" },
  { key: "name" },
  { key: "version", header: "VER" },
  { key: "enabled" },
  { key: "labels", extended: true },
  { key: "webhooks", get: (r) => (r.flows as { url: string }[] | undefined)?.map((f) => f.url), extended: true },
];

const ROWS: Row[] = [
  { id: "a1", name: "Order Sync", version: 2, enabled: true, labels: ["erp", "orders"], flows: [{ url: "http://x/w/1" }] },
  { id: "b2", name: "Invoice Push", version: 10, enabled: false, labels: [], flows: [] },
  {
    id: "c3",
    name: "order archive",
    version: null,
    enabled: true,
    labels: ["archive"],
    flows: [{ url: "http://x/w/2" }, { url: "http://x/w/3" }],
  },
];

describe("table", () => {
  it("pads columns under upper-case headers (or the column's own header), default columns only", () => {
    expect(formatList(ROWS, COLUMNS)).toBe(
      [
        "ID  NAME           VER  ENABLED",
        "a1  Order Sync     2    true",
        "b2  Invoice Push   10   false",
        "c3  order archive       true",
        "",
      ].join("\n"),
    );
  });

  it("adds the extended columns with --extended; lists of scalars are joined", () => {
    const text = formatList(ROWS, COLUMNS, { extended: true });
    expect(text.split("\n")[0]).toBe("ID  NAME           VER  ENABLED  LABELS       WEBHOOKS");
    expect(text).toContain("erp, orders");
    expect(text).toContain("http://x/w/2, http://x/w/3");
  });

  it("shows exactly --columns, in that order, case-insensitively, extended ones included", () => {
    expect(formatList(ROWS, COLUMNS, { columns: "Name,ID,webhooks" }).split("\n")[1]).toBe("Order Sync     a1  http://x/w/1");
  });

  it("leaves the header out with --no-header, and prints only the header for no rows", () => {
    expect(formatList(ROWS.slice(0, 1), COLUMNS, { header: false, columns: "id,name" })).toBe("a1  Order Sync\n");
    expect(formatList([], COLUMNS, { columns: "id,name" })).toBe("ID  NAME\n");
  });

  it("keeps multi-line values on one line", () => {
    expect(formatList([{ id: "x", name: "two\nlines" }], COLUMNS, { columns: "id,name", header: false })).toBe("x  two lines\n");
  });

  it("refuses an unknown column and names the known ones", () => {
    expect(() => formatList(ROWS, COLUMNS, { columns: "id,nope" })).toThrow(OutputError);
    expect(() => formatList(ROWS, COLUMNS, { columns: "nope" })).toThrow(/unknown column "nope" \(columns: id, name, version/);
  });
});

describe("json and yaml", () => {
  it("print the whole records, every field in the server's order, whatever the table would show", () => {
    const parsed = JSON.parse(formatList(ROWS, COLUMNS, { output: "json" }));
    expect(parsed).toEqual(ROWS);
    expect(Object.keys(parsed[0])).toEqual(["id", "name", "version", "enabled", "labels", "flows"]);
    expect(parseYaml(formatList(ROWS, COLUMNS, { output: "yaml" }))).toEqual(ROWS);
  });

  it("narrow records to --columns (computed columns included, missing values null)", () => {
    expect(JSON.parse(formatList(ROWS, COLUMNS, { output: "json", columns: "id,webhooks,version" }))).toEqual([
      { id: "a1", webhooks: ["http://x/w/1"], version: 2 },
      { id: "b2", webhooks: [], version: 10 },
      { id: "c3", webhooks: ["http://x/w/2", "http://x/w/3"], version: null },
    ]);
  });

  it("print an empty list as an empty array", () => {
    expect(formatList([], COLUMNS, { output: "json" })).toBe("[]\n");
    expect(formatList([], COLUMNS, { output: "yaml" })).toBe("[]\n");
  });
});

describe("csv", () => {
  it("has a header of column keys and quotes fields with commas, quotes or line breaks", () => {
    const rows = [{ id: "1", name: 'Say "hi", then\nleave' }];
    expect(formatList(rows, COLUMNS, { output: "csv", columns: "id,name" })).toBe('id,name\n1,"Say ""hi"", then\nleave"\n');
  });

  it("uses the shown columns, objects as JSON, and no header with --no-header", () => {
    const text = formatList(ROWS, COLUMNS, { output: "csv", extended: true, header: false });
    expect(text.split("\n")[0]).toBe('a1,Order Sync,2,true,"erp, orders",http://x/w/1');
  });
});

describe("--filter", () => {
  const names = (rows: Row[]) => rows.map((r) => r.name);

  it("keeps rows whose column matches the regex, case-insensitively", () => {
    expect(names(applyFilters(ROWS, ["name=^Order"], COLUMNS))).toEqual(["Order Sync", "order archive"]);
  });

  it("combines several filters with and; != excludes", () => {
    expect(names(applyFilters(ROWS, ["name=order", "labels!=archive"], COLUMNS))).toEqual(["Order Sync"]);
    expect(names(applyFilters(ROWS, ["enabled=^false$"], COLUMNS))).toEqual(["Invoice Push"]);
  });

  it("matches computed columns and fields that have no column", () => {
    expect(names(applyFilters(ROWS, ["webhooks=w/3"], COLUMNS))).toEqual(["order archive"]);
    expect(names(applyFilters([{ name: "n", extra: "yes" }], ["extra=y"], COLUMNS))).toEqual(["n"]);
  });

  it("explains a malformed filter or regex", () => {
    expect(() => applyFilters(ROWS, ["name"], COLUMNS)).toThrow(/column=regex/);
    expect(() => applyFilters(ROWS, ["name=("], COLUMNS)).toThrow(/--filter "name=\("/);
  });
});

describe("--sort", () => {
  const ids = (rows: Row[]) => rows.map((r) => r.id);

  it("sorts text case-insensitively and numbers by value, empty values last either way", () => {
    expect(ids(applySort(ROWS, "name", COLUMNS))).toEqual(["b2", "c3", "a1"]);
    expect(ids(applySort(ROWS, "version", COLUMNS))).toEqual(["a1", "b2", "c3"]);
    expect(ids(applySort(ROWS, "-version", COLUMNS))).toEqual(["b2", "a1", "c3"]);
  });

  it("sorts by several keys and keeps the server's order for ties (stable)", () => {
    expect(ids(applySort(ROWS, "-enabled,name", COLUMNS))).toEqual(["c3", "a1", "b2"]);
    expect(ids(applySort(ROWS, "enabled", COLUMNS))).toEqual(["b2", "a1", "c3"]);
  });

  it("applies before rendering, for every format", () => {
    expect(
      JSON.parse(formatList(ROWS, COLUMNS, { output: "json", sort: "-version", filter: ["name=order"] })).map((r: Row) => r.id),
    ).toEqual(["a1", "c3"]);
  });
});

describe("columns and cells", () => {
  it("selects default, extended and named columns", () => {
    expect(selectColumns(COLUMNS, {}).map((c) => c.key)).toEqual(["id", "name", "version", "enabled"]);
    expect(selectColumns(COLUMNS, { extended: true })).toHaveLength(6);
    expect(() => selectColumns(COLUMNS, { columns: " , " })).toThrow(/at least one/);
  });

  it("renders values as text", () => {
    expect(cellText(null)).toBe("");
    expect(cellText(undefined)).toBe("");
    expect(cellText(false)).toBe("false");
    expect(cellText(["a", 1])).toBe("a, 1");
    expect(cellText({ key: "********" })).toBe('{"key":"********"}');
    expect(cellText([{ a: 1 }])).toBe('[{"a":1}]');
  });
});

describe("one record", () => {
  const record = { id: "x1", name: "Acme", externalId: null, missing: undefined };

  it("prints key/value lines, or the command's own text", () => {
    expect(formatRecord(record)).toBe("id          x1\nname        Acme\nexternalId\n");
    expect(formatRecord(record, "table", "x1")).toBe("x1\n");
  });

  it("prints one JSON object (with its id) or YAML", () => {
    expect(JSON.parse(formatRecord(record, "json"))).toEqual({ id: "x1", name: "Acme", externalId: null });
    expect(parseYaml(formatRecord(record, "yaml"))).toEqual({ id: "x1", name: "Acme", externalId: null });
  });
});

it("refuses an unknown output format", () => {
  expect(() => formatList(ROWS, COLUMNS, { output: "xml" as "json" })).toThrow(/table, json, yaml, csv/);
});
