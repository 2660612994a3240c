/**
 * INSERT and upsert statements built from a list of objects. Identifiers are never taken on trust:
 * a table is `name` or `schema.name`, a column a plain name (letters, digits, _ and $, not starting
 * with a digit), each then double-quoted; values always travel as parameters ($1, $2, …).
 */

/** PostgreSQL's limit of parameters in one statement */
const MAX_PARAMS = 65_535;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_$]{0,62}$/;

export interface Statement {
  sql: string;
  params: unknown[];
}

export function quoteTable(table: string): string {
  const parts = table.trim().split(".");
  if (parts.length > 2 || !parts.every((p) => IDENTIFIER.test(p))) {
    throw new Error(`table ${JSON.stringify(table)} is not a plain table name (letters, digits and _, optionally schema.table)`);
  }
  return parts.map((p) => `"${p}"`).join(".");
}

export function quoteColumn(column: string): string {
  if (!IDENTIFIER.test(column)) {
    throw new Error(`column ${JSON.stringify(column)} is not a plain column name (letters, digits and _, at most 63)`);
  }
  return `"${column}"`;
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

/** `INSERT INTO t (a, b) VALUES ($1, $2), ($3, DEFAULT)`: a column a row leaves out gets its default */
function insert(table: string, input: unknown): Statement & { columns: string[] } {
  const { rows, columns } = columnsOf(input);
  const params: unknown[] = [];
  const values = rows.map((row) => {
    const cells = columns.map((c) => {
      if (!Object.prototype.hasOwnProperty.call(row, c) || row[c] === undefined) return "DEFAULT";
      params.push(row[c]);
      return `$${params.length}`;
    });
    return `(${cells.join(", ")})`;
  });
  if (params.length > MAX_PARAMS) {
    throw new Error(`${params.length} values are more than one statement takes (${MAX_PARAMS}): insert fewer rows per step`);
  }
  const sql = `INSERT INTO ${quoteTable(table)} (${columns.map(quoteColumn).join(", ")}) VALUES ${values.join(", ")}`;
  return { sql, params, columns };
}

export function insertStatement(table: string, rows: unknown, returning: boolean): Statement {
  const { sql, params } = insert(table, rows);
  return { sql: returning ? `${sql} RETURNING *` : sql, params };
}

/** the key columns input: "id" or "tenant_id, id", or a list */
export function keyColumns(value: unknown): string[] {
  const keys = (Array.isArray(value) ? value : String(value ?? "").split(",")).map((k) => String(k).trim()).filter(Boolean);
  if (keys.length === 0) throw new Error("conflict key columns are required (e.g. id, or tenant_id, id)");
  keys.forEach(quoteColumn);
  return keys;
}

/** INSERT … ON CONFLICT (keys) DO UPDATE SET c = EXCLUDED.c for every other column */
export function upsertStatement(table: string, rows: unknown, keys: string[], returning: boolean): Statement {
  const { sql, params, columns } = insert(table, rows);
  // a row without a column would insert DEFAULT there, and EXCLUDED would then overwrite the stored value with it
  (rows as Record<string, unknown>[]).forEach((row, i) => {
    const absent = columns.find((c) => row[c] === undefined);
    if (absent) {
      throw new Error(
        `every row of an upsert must name the same columns: rows[${i}] has no "${absent}" (an existing row would get the column's default)`,
      );
    }
  });
  const missing = keys.filter((k) => !columns.includes(k));
  if (missing.length > 0) throw new Error(`the rows have no value for the conflict key column(s) ${missing.join(", ")}`);
  const updates = columns.filter((c) => !keys.includes(c)).map((c) => `${quoteColumn(c)} = EXCLUDED.${quoteColumn(c)}`);
  const action = updates.length > 0 ? `DO UPDATE SET ${updates.join(", ")}` : "DO NOTHING";
  const upsert = `${sql} ON CONFLICT (${keys.map(quoteColumn).join(", ")}) ${action}`;
  return { sql: returning ? `${upsert} RETURNING *` : upsert, params };
}
