/**
 * Formatting lists of records for the terminal and for scripts: `--output table|json|yaml|csv`,
 * `--columns`, `--extended`, `--filter`, `--sort`. Pure functions over plain rows (no commander,
 * no I/O), so every rule here is unit-tested without a server.
 */
import { stringify as toYaml } from "yaml";

export const OUTPUT_FORMATS = ["table", "json", "yaml", "csv"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export type Row = Record<string, unknown>;

export interface Column {
  /** the name users type in `--columns`, `--filter` and `--sort`; also the CSV header */
  key: string;
  /** the table header; the key in upper case when omitted */
  header?: string;
  /** how to read the value from a row; `row[key]` when omitted */
  get?: (row: Row) => unknown;
  /** shown only with `--extended` (or when named in `--columns`) */
  extended?: boolean;
}

export interface ListOptions {
  output?: OutputFormat;
  /** comma-separated column keys, e.g. "id,name" */
  columns?: string;
  extended?: boolean;
  /** `column=regex` (or `column!=regex`), all of which must hold */
  filter?: string[];
  /** comma-separated column keys; a leading `-` sorts that key descending */
  sort?: string;
  /** tables and CSV without their header line, for piping */
  header?: boolean;
}

export class OutputError extends Error {}

/** One cell as text: nothing for null, lists of scalars joined, other objects as compact JSON. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value) && value.every((v) => v === null || typeof v !== "object")) return value.map(cellText).join(", ");
  return JSON.stringify(value);
}

const valueOf = (column: Column, row: Row) => (column.get ? column.get(row) : row[column.key]);

/** Looks a column up by key, case-insensitively; a field of the row that has no column works too. */
function findColumn(columns: Column[], key: string, rows: Row[]): Column {
  const found = columns.find((c) => c.key.toLowerCase() === key.toLowerCase());
  if (found) return found;
  const field = rows.flatMap((r) => Object.keys(r)).find((k) => k.toLowerCase() === key.toLowerCase());
  if (field) return { key: field };
  throw new OutputError(`unknown column "${key}" (columns: ${columns.map((c) => c.key).join(", ")})`);
}

/** The columns to show: `--columns` exactly, else the default ones plus the extended ones with `--extended`. */
export function selectColumns(columns: Column[], options: Pick<ListOptions, "columns" | "extended">, rows: Row[] = []): Column[] {
  if (options.columns) {
    const keys = options.columns
      .split(",")
      .map((k) => k.trim())
      .filter(Boolean);
    if (keys.length === 0) throw new OutputError("--columns needs at least one column name");
    return keys.map((k) => findColumn(columns, k, rows));
  }
  return columns.filter((c) => options.extended || !c.extended);
}

interface Filter {
  column: Column;
  pattern: RegExp;
  negate: boolean;
}

/** `name=^Order` → rows whose name matches /^Order/i; `status!=revoked` → rows whose status does not. */
export function parseFilter(text: string, columns: Column[], rows: Row[] = []): Filter {
  const m = /^([^=!]+)(!?=)(.*)$/s.exec(text);
  if (!m) throw new OutputError(`--filter "${text}": write it as column=regex (or column!=regex)`);
  let pattern: RegExp;
  try {
    // case-insensitive: people type `name=order` and mean "Order Sync" too
    pattern = new RegExp(m[3]!, "i");
  } catch (err) {
    throw new OutputError(`--filter "${text}": ${(err as Error).message}`);
  }
  return { column: findColumn(columns, m[1]!.trim(), rows), pattern, negate: m[2] === "!=" };
}

export function applyFilters(rows: Row[], filters: string[] | undefined, columns: Column[]): Row[] {
  if (!filters?.length) return rows;
  const parsed = filters.map((f) => parseFilter(f, columns, rows));
  return rows.filter((row) => parsed.every((f) => f.pattern.test(cellText(valueOf(f.column, row))) !== f.negate));
}

/** Numbers (and numeric strings) by value, the rest as text; empty values last in either direction. */
function compareValues(a: unknown, b: unknown): number {
  const emptyA = a === null || a === undefined || a === "";
  const emptyB = b === null || b === undefined || b === "";
  if (emptyA || emptyB) return emptyA === emptyB ? 0 : emptyA ? 1 : -1;
  const na = typeof a === "number" ? a : Number.NaN;
  const nb = typeof b === "number" ? b : Number.NaN;
  if (!Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
  if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
  return cellText(a).localeCompare(cellText(b), undefined, { numeric: true, sensitivity: "base" });
}

export function applySort(rows: Row[], sort: string | undefined, columns: Column[]): Row[] {
  if (!sort) return rows;
  const keys = sort
    .split(",")
    .map((k) => k.trim())
    .filter(Boolean)
    .map((k) => ({ descending: k.startsWith("-"), column: findColumn(columns, k.replace(/^[-+]/, ""), rows) }));
  // Array.prototype.sort is stable, so rows that compare equal keep the server's order
  return [...rows].sort((x, y) => {
    for (const { column, descending } of keys) {
      const a = valueOf(column, x);
      const b = valueOf(column, y);
      const emptyA = a === null || a === undefined || a === "";
      const emptyB = b === null || b === undefined || b === "";
      // empty values stay at the end whichever way the column sorts
      const c = emptyA || emptyB ? compareValues(a, b) : descending ? compareValues(b, a) : compareValues(a, b);
      if (c !== 0) return c;
    }
    return 0;
  });
}

/** A plain text table: one space-padded column per key, a header line unless turned off. */
export function renderTable(rows: Row[], columns: Column[], header = true): string {
  const cells = rows.map((row) => columns.map((c) => cellText(valueOf(c, row)).replace(/\s*\n\s*/g, " ")));
  const lines = header ? [columns.map((c) => c.header ?? c.key.toUpperCase()), ...cells] : cells;
  if (lines.length === 0) return "";
  const widths = columns.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)));
  return (
    lines
      .map((l) =>
        l
          .map((cell, i) => (i === l.length - 1 ? cell : cell.padEnd(widths[i]!)))
          .join("  ")
          .trimEnd(),
      )
      .join("\n") + "\n"
  );
}

/** RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled; CRLF-free. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function renderCsv(rows: Row[], columns: Column[], header = true): string {
  const lines = rows.map((row) => columns.map((c) => csvField(cellText(valueOf(c, row)))).join(","));
  if (header) lines.unshift(columns.map((c) => csvField(c.key)).join(","));
  return lines.length ? lines.join("\n") + "\n" : "";
}

/**
 * JSON and YAML give whole records (every field the server sent, in its order), so scripts see
 * the same shape whatever the table shows; `--columns` narrows them to the named keys.
 */
function structured(rows: Row[], columns: Column[], options: ListOptions): unknown[] {
  if (!options.columns) return rows;
  const picked = selectColumns(columns, options, rows);
  return rows.map((row) => Object.fromEntries(picked.map((c) => [c.key, valueOf(c, row) ?? null])));
}

/** Filters, sorts and renders a list; returns the text to print (ending in a newline when not empty). */
export function formatList(rows: Row[], columns: Column[], options: ListOptions = {}): string {
  const output = options.output ?? "table";
  if (!OUTPUT_FORMATS.includes(output)) throw new OutputError(`--output must be one of ${OUTPUT_FORMATS.join(", ")}`);
  const chosen = applySort(applyFilters(rows, options.filter, columns), options.sort, columns);
  const header = options.header ?? true;
  switch (output) {
    case "json":
      return JSON.stringify(structured(chosen, columns, options), null, 2) + "\n";
    case "yaml":
      return chosen.length ? toYaml(structured(chosen, columns, options)) : "[]\n";
    case "csv":
      return renderCsv(chosen, selectColumns(columns, options, rows), header);
    case "table":
      return renderTable(chosen, selectColumns(columns, options, rows), header);
  }
}

/**
 * One record (something created or shown): JSON and YAML print the object itself; the table form
 * prints `key  value` lines, or the command's own human text when it has one.
 */
export function formatRecord(record: Row, output: OutputFormat = "table", human?: string): string {
  switch (output) {
    case "json":
      return JSON.stringify(record, null, 2) + "\n";
    case "yaml":
      return toYaml(record);
    case "csv": {
      const keys = Object.keys(record);
      return `${keys.map(csvField).join(",")}\n${keys.map((k) => csvField(cellText(record[k]))).join(",")}\n`;
    }
    case "table": {
      if (human !== undefined) return human.endsWith("\n") || human === "" ? human : human + "\n";
      const entries = Object.entries(record).filter(([, v]) => v !== undefined);
      const width = Math.max(0, ...entries.map(([k]) => k.length));
      return entries.map(([k, v]) => `${k.padEnd(width)}  ${cellText(v)}`.trimEnd()).join("\n") + "\n";
    }
  }
}
