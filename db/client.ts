import pg from "pg";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import * as schema from "./schema";

export type Db = NodePgDatabase<typeof schema>;
export interface Database {
  url: string;
  pool: pg.Pool;
  db: Db;
}

// timestamps and bigints as JS values we can JSON-serialize without surprises
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export function createDatabase(url: string, options: { max?: number } = {}): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? Number(process.env.JUNCTION_DB_POOL_SIZE ?? 20),
    // a restarted PostgreSQL leaves dead clients in the pool: drop them instead of crashing
    idleTimeoutMillis: 30_000,
  });
  pool.on("error", (err) => console.error(`[db] idle client error: ${err.message}`));
  // pg-pool listens for errors only on idle clients: a checked-out client (a transaction between
  // two statements) whose connection dies would throw its 'error' event and end the process.
  // Its statement fails on its own and release() drops it, so the event needs only a listener.
  pool.on("connect", (client) => client.on("error", () => {}));
  return { url, pool, db: drizzle(pool, { schema }) };
}

export { schema };
