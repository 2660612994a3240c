/** What SqlClients needs of an engine's connection (sql-clients-postgres.ts, sql-clients-mysql.ts). */
import type { SqlResult } from "@/components-registry/sdk/context";
import type { RowCollector } from "./sql-clients-rows";

export interface SqlSession {
  /**
   * Runs one statement. Rows go through `rows` as they arrive; when it throws (too many, too
   * large) or `signal` aborts, the statement is stopped at the server and the session is spoiled.
   */
  query(sql: string, params: unknown[], rows: RowCollector, signal: AbortSignal): Promise<SqlResult>;
  /** false once the connection broke or a statement was stopped: the pool drops it and opens another */
  usable(): boolean;
  close(): Promise<void>;
}

/** how long opening a connection (TCP, TLS, sign-in) may take */
export const CONNECT_TIMEOUT_MS = 10_000;

/** the error a query gets when its action call ends first */
export const callEnded = () => new Error("The SQL query was stopped: the action call ended (timeout or cancel)");

/** bytes from the sandbox arrive as Uint8Array; the drivers send Buffers as binary */
export function driverParam(v: unknown): unknown {
  if (v === undefined) return null;
  if (v instanceof Uint8Array && !Buffer.isBuffer(v)) return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  return v;
}
