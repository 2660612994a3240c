/**
 * Statements of the execution store, written with drizzle's `sql` tag over the schema's tables
 * and columns (a renamed or dropped column fails the compiler here), with named placeholders
 * instead of positional parameters — fragments compose without counting offsets. Each is
 * compiled once to one text and sent as a named statement: PostgreSQL parses and plans it once
 * per connection.
 */
import { fillPlaceholders, sql, type SQL } from "drizzle-orm";
import { PgDialect, type PgColumn } from "drizzle-orm/pg-core";
import type pg from "pg";

/** a pool or a client inside a transaction */
export type Queryable = Pick<pg.Pool, "query"> | pg.PoolClient;

const dialect = new PgDialect();

/** a column's bare name, for SET and INSERT lists (where PostgreSQL refuses `"table"."column"`) */
export const col = (column: PgColumn) => sql.identifier(column.name);

/** a named placeholder, filled from the values given at each call */
export const p = (name: string) => sql.placeholder(name);

export interface Statement<V extends Record<string, unknown>> {
  (values: V): pg.QueryConfig;
  readonly text: string;
}

/** `name` must be unique: it names the prepared statement on every connection */
export function statement<V extends Record<string, unknown>>(name: string, build: () => SQL): Statement<V> {
  let compiled: { sql: string; params: unknown[] } | undefined;
  const compile = () => (compiled ??= dialect.sqlToQuery(build()));
  const make = (values: V): pg.QueryConfig => {
    const c = compile();
    return { name: `junction.${name}`, text: c.sql, values: fillPlaceholders(c.params, values) };
  };
  return Object.defineProperty(make, "text", { get: () => compile().sql }) as Statement<V>;
}

/** for statements whose text varies (lists of literals): compiled at each call, not named */
export function query(build: SQL): pg.QueryConfig {
  const c = dialect.sqlToQuery(build);
  return { text: c.sql, values: c.params };
}

export { sql };
