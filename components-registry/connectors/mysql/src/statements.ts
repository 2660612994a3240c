/**
 * INSERT and upsert statements built from a list of objects. Identifiers are never taken on trust:
 * a table is `name` or `database.name`, a column a plain name (letters, digits, _ and $, not
 * starting with a digit), each then quoted with backticks; values always travel as `?` parameters,
 * bound by the server.
 */

/** the most placeholders one prepared statement takes */
const MAX_PARAMS = 65_535;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_$]{0,63}$/;

export interface Statement {
  sql: string;
  params: unknown[];
}

export function quoteTable(table: string): string {
  const parts = table.trim().split(".");
  if (parts.length > 2 || !parts.every((p) => IDENTIFIER.test(p))) {
    throw new Error(`table ${JSON.stringify(table)} is not a plain table name (letters, digits and _, optionally database.table)`);
  }
  return parts.map((p) => `\`${p}\``).join(".");
}

export function quoteColumn(column: string): string {
  if (!IDENTIFIER.test(column)) {
    throw new Error(`column ${JSON.stringify(column)} is not a plain column name (letters, digits and _, at most 64)`);
  }
  return `\`${column}\``;
}

/** the rows input: a non-empty list of objects; their keys, in first-seen order, are the columns */
export function columnsOf(rows: unknown): { rows: Record<string, unknown>[]; columns: string[] } {
  if (!Array.isArray(rows) || rows.length === 0) throw new Error("rows must be a non-empty list of objects, one per row");
  const columns = new Set<string>();
  rows.forEach((row, i) => {
    if (typeof row !== "object" || row === null || Array.isArray(row) || row instanceof Uint8Array) {
      throw new Error(`rows[${i}] must be an object of column values`);
    }
    for (const key of Object.keys(row)) columns.add(key);
  });
  if (columns.size === 0) throw new Error("rows have no columns");
  for (const c of columns) quoteColumn(c);
  return { rows: rows as Record<string, unknown>[], columns: [...columns] };
}

/** `INSERT INTO t (a, b) VALUES (?, ?), (?, DEFAULT)`: a column a row leaves out gets its default */
export function insertStatement(table: string, input: unknown): Statement & { columns: string[] } {
  const { rows, columns } = columnsOf(input);
  const params: unknown[] = [];
  const values = rows.map((row) => {
    const cells = columns.map((c) => {
      if (!Object.prototype.hasOwnProperty.call(row, c) || row[c] === undefined) return "DEFAULT";
      params.push(row[c]);
      return "?";
    });
    return `(${cells.join(", ")})`;
  });
  if (params.length > MAX_PARAMS) {
    throw new Error(`${params.length} values are more than one statement takes (${MAX_PARAMS}): insert fewer rows per step`);
  }
  const sql = `INSERT INTO ${quoteTable(table)} (${columns.map(quoteColumn).join(", ")}) VALUES ${values.join(", ")}`;
  return { sql, params, columns };
}

/** the key columns input: "id" or "tenant_id, id", or a list */
export function keyColumns(value: unknown): string[] {
  const keys = (Array.isArray(value) ? value : String(value ?? "").split(",")).map((k) => String(k).trim()).filter(Boolean);
  if (keys.length === 0) throw new Error("key columns are required (e.g. id, or tenant_id, id)");
  keys.forEach(quoteColumn);
  return keys;
}

/**
 * INSERT … ON DUPLICATE KEY UPDATE c = VALUES(c) for every non-key column. MySQL matches a row on
 * any primary or unique key of the table; `keys` say which columns are not to be overwritten.
 * (VALUES(c) works on MariaDB and MySQL alike; MySQL 8.0.20+ calls it deprecated but runs it.)
 */
export function upsertStatement(table: string, input: unknown, keys: string[]): Statement {
  const { sql, params, columns, rows } = { ...insertStatement(table, input), rows: input as Record<string, unknown>[] };
  // a row without a column would insert DEFAULT there, and VALUES(c) would then overwrite the stored value with it
  rows.forEach((row, i) => {
    const absent = columns.find((c) => row[c] === undefined);
    if (absent) {
      throw new Error(
        `every row of an upsert must name the same columns: rows[${i}] has no "${absent}" (an existing row would get the column's default)`,
      );
    }
  });
  const missing = keys.filter((k) => !columns.includes(k));
  if (missing.length > 0) throw new Error(`the rows have no value for the key column(s) ${missing.join(", ")}`);
  const others = columns.filter((c) => !keys.includes(c));
  // with nothing else to set, a no-op assignment keeps the existing row as it is
  const updates = (others.length > 0 ? others : [keys[0]]).map((c) => `${quoteColumn(c)} = VALUES(${quoteColumn(c)})`);
  return { sql: `${sql} ON DUPLICATE KEY UPDATE ${updates.join(", ")}`, params };
}
