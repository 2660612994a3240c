/**
 * SQL for actions: `context.sql.query(connection, sql, params)` runs on the host against PostgreSQL
 * (`pg`) or MySQL/MariaDB (`mysql2`). The server's address passes the network policy first; one
 * connection per (execution, connection value) is reused by the execution's steps and closed with
 * it. Replies are plain data, at most JUNCTION_SQL_MAX_ROWS rows, their bytes counted against the
 * call's budget (JUNCTION_SANDBOX_INFLIGHT_MB); the call's end (timeout, cancel) stops the statement
 * at the server.
 */
import type { SqlResult } from "@/components-registry/sdk/context";
import type { NetworkPolicy } from "../limits";
import { CallBudget } from "./call-budget";
import { PooledHostClients } from "./execution-pool";
import type { HostCall } from "./host-clients";
import { resolveAllowedAddress } from "./network-guard";
import { checkSqlConnection, withoutPassword, type CheckedSqlConnection } from "./sql-clients-connection";
import { openMysql } from "./sql-clients-mysql";
import { openPostgres } from "./sql-clients-postgres";
import { RowCollector, SqlLimitError } from "./sql-clients-rows";
import { CONNECT_TIMEOUT_MS, type SqlSession } from "./sql-clients-session";

export const DEFAULT_SQL_MAX_ROWS = 10_000;

export class SqlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SqlError";
  }
}

export class SqlClients extends PooledHostClients<SqlSession> {
  constructor(
    policy: NetworkPolicy,
    idleMs: number,
    /** opening a connection (TCP, TLS, sign-in) may take this long */
    private connectTimeoutMs = CONNECT_TIMEOUT_MS,
  ) {
    super(policy, idleMs, "SQL");
  }

  async call(call: HostCall, method: string, connection: unknown, args: unknown[]): Promise<SqlResult> {
    if (method !== "query") throw new Error(`Unknown SQL operation "${method}" (sql.query is the only one)`);
    const c = checkSqlConnection(connection);
    const [sql, params] = args;
    if (typeof sql !== "string" || sql.trim() === "") throw new Error("sql.query: the SQL statement must be non-empty text");
    if (params !== undefined && params !== null && !Array.isArray(params)) {
      throw new Error(`sql.query: params must be a list of values (${c.engine === "postgres" ? "$1, $2, …" : "?"} in the SQL)`);
    }
    if (call.signal.aborted) throw new Error("The action call has ended");
    let opened = false;
    try {
      // the pool keeps the connection while the statement runs, however long it takes
      return await this.pool.use(call.executionId, c, async (first) => {
        let session = first;
        if (!session.usable()) {
          await this.pool.discard(call.executionId, c);
          session = await this.pool.get(call.executionId, c);
        }
        opened = true;
        const rows = new RowCollector(
          this.policy.sqlMaxRows ?? DEFAULT_SQL_MAX_ROWS,
          call.budget ?? new CallBudget(1, this.policy.inflightBytes),
        );
        try {
          return await session.query(sql, params ?? [], rows, call.signal);
        } finally {
          rows.release();
          if (!session.usable()) void this.pool.discard(call.executionId, c);
        }
      });
    } catch (err) {
      throw this.failure(err, c, opened ? "query" : "connect");
    }
  }

  protected async close(client: SqlSession): Promise<void> {
    await client.close();
  }

  protected async open(c: CheckedSqlConnection): Promise<SqlSession> {
    const to = await resolveAllowedAddress(c.host, this.policy);
    return c.engine === "postgres" ? openPostgres(c, to, this.connectTimeoutMs) : openMysql(c, to, this.connectTimeoutMs);
  }

  /** the server's message with its SQLSTATE / error code; never the password */
  private failure(err: unknown, c: CheckedSqlConnection, during: "connect" | "query"): Error {
    const e = err as Error & { code?: string; errno?: number; sqlState?: string; detail?: string };
    if (e instanceof SqlLimitError || e?.name === "NetworkPolicyError") return e;
    const engine = c.engine === "postgres" ? "PostgreSQL" : "MySQL";
    const message = String(e?.message ?? err);
    let codes = "";
    if (c.engine === "postgres" && e?.code && /^[0-9A-Z]{5}$/.test(e.code)) codes = ` (SQLSTATE ${e.code})`;
    else if (c.engine === "mysql" && e?.sqlState) {
      codes = ` (${[e.code, e.errno && `errno ${e.errno}`, `SQLSTATE ${e.sqlState}`].filter(Boolean).join(", ")})`;
    } else if (e?.code) codes = ` (${e.code})`;
    const where = during === "connect" ? `Cannot connect to ${engine} at ${c.host}:${c.port}` : `${engine} error`;
    const detail = e?.detail ? ` — ${e.detail}` : "";
    return new SqlError(withoutPassword(`${where}: ${message}${detail}${codes}`, c));
  }
}
