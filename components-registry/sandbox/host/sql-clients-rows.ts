/**
 * Rows as they arrive from a driver, made plain data the sandbox can receive (structured clone) and
 * kept within bounds: at most `maxRows` rows, their bytes counted against the call's budget as they
 * come, so a query that returns too much fails before it fills the host's memory.
 */
import type { CallBudget } from "./call-budget";

export class SqlLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SqlLimitError";
  }
}

export class RowCollector {
  rows: Record<string, unknown>[] = [];
  private bytes = 0;

  constructor(
    private maxRows: number,
    private budget: CallBudget,
  ) {}

  /** throws SqlLimitError past the row limit or the budget: the caller stops the query */
  add(row: Record<string, unknown>): void {
    if (this.rows.length >= this.maxRows) {
      throw new SqlLimitError(
        `The query returned more than ${this.maxRows} rows (JUNCTION_SQL_MAX_ROWS): add a LIMIT, or read the rows a page at a time`,
      );
    }
    const size = { n: 0 };
    const value = plain(row, size) as Record<string, unknown>;
    try {
      this.budget.take(size.n);
    } catch (err) {
      throw new SqlLimitError((err as Error).message);
    }
    this.bytes += size.n;
    this.rows.push(value);
  }

  /** a multi-statement query: only the last statement's rows are answered */
  reset(): void {
    this.release();
    this.rows = [];
  }

  /** gives the counted bytes back (the reply has been handed over, or the query failed) */
  release(): void {
    this.budget.give(this.bytes);
    this.bytes = 0;
  }
}

/**
 * Plain data: Date stays a Date, bytes become a Uint8Array of their own (never a view of a driver's
 * pooled buffer), bigint becomes text, other objects (pg's interval, point) their own fields.
 * `size` adds up a rough byte count of what it copied.
 */
export function plain(value: unknown, size: { n: number }): unknown {
  size.n += 8;
  switch (typeof value) {
    case "string":
      size.n += value.length * 2;
      return value;
    case "number":
    case "boolean":
      return value;
    case "bigint":
      return value.toString();
    case "undefined":
      return null;
    case "object":
      break;
    default:
      return String(value);
  }
  if (value === null) return null;
  if (value instanceof Date) return new Date(value.getTime());
  if (value instanceof Uint8Array) {
    size.n += value.byteLength;
    return new Uint8Array(value);
  }
  if (Array.isArray(value)) return value.map((v) => plain(v, size));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === "function") continue;
    size.n += k.length * 2;
    out[k] = plain(v, size);
  }
  return out;
}
