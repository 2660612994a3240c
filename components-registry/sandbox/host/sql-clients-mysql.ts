/**
 * A MySQL/MariaDB connection for SqlClients (`mysql2`), over a socket to the address the network
 * guard resolved (the host name still names the server for TLS). Statements with parameters are
 * prepared and bound by the server (`?` placeholders, no client-side escaping, which a server in
 * NO_BACKSLASH_ESCAPES mode would read differently); rows stream through the RowCollector. When
 * the call ends, the connection is destroyed and its server thread killed from a second one;
 * past a row or byte limit, only the statement is killed (see `query`).
 */
import { connect } from "node:net";
import mysql from "mysql2";
import type { SqlResult } from "@/components-registry/sdk/context";
import type { ResolvedAddress } from "./network-guard";
import { tlsOptions, type CheckedSqlConnection } from "./sql-clients-connection";
import { callEnded, CONNECT_TIMEOUT_MS, driverParam, type SqlSession } from "./sql-clients-session";

type Connection = mysql.Connection;

function open(c: CheckedSqlConnection, to: ResolvedAddress, connectTimeoutMs = CONNECT_TIMEOUT_MS): Promise<Connection> {
  const tls = tlsOptions(c);
  const conn = mysql.createConnection({
    // with `stream` the host only names the server for TLS; the socket goes to the checked address
    host: (tls && tls.servername) || c.host,
    port: c.port,
    stream: () => connect(c.port, to.address).setNoDelay(true),
    user: c.user,
    password: c.password ?? "",
    database: c.database,
    ssl: tls
      ? { ca: tls.ca as string | undefined, rejectUnauthorized: tls.rejectUnauthorized, verifyIdentity: tls.rejectUnauthorized }
      : undefined,
    connectTimeout: connectTimeoutMs,
    charset: "utf8mb4",
    // BIGINT and DECIMAL as text (exact), DATE as a calendar day, DATETIME/TIMESTAMP as UTC Dates
    supportBigNumbers: true,
    bigNumberStrings: true,
    dateStrings: ["DATE"],
    timezone: "Z",
    namedPlaceholders: false,
    multipleStatements: false,
    maxPreparedStatements: 64,
    // no LOAD DATA LOCAL: a server must never be able to ask the host for a file
    flags: ["-LOCAL_FILES"],
  });
  return new Promise((resolve, reject) =>
    conn.connect((err) => {
      if (!err) return resolve(conn);
      conn.destroy();
      reject(err);
    }),
  );
}

export async function openMysql(c: CheckedSqlConnection, to: ResolvedAddress, connectTimeoutMs = CONNECT_TIMEOUT_MS): Promise<SqlSession> {
  const conn = await open(c, to, connectTimeoutMs);
  let broken = false;
  conn.on("error", () => void (broken = true));
  conn.on("end", () => void (broken = true));

  const stop = () => {
    if (broken) return;
    broken = true;
    const threadId = conn.threadId;
    conn.destroy();
    // the server would run the statement to its end: KILL it from another connection
    if (threadId) void kill(c, to, threadId, "CONNECTION");
  };

  return {
    usable: () => !broken,
    close: async () => {
      // a connection that broke or was stopped has nothing left to say goodbye on
      if (!broken) {
        broken = true;
        await Promise.race([
          conn
            .promise()
            .end()
            .catch(() => undefined),
          new Promise((r) => setTimeout(r, 2000).unref()),
        ]);
      }
      conn.destroy();
    },
    query: (sql, params, rows, signal) =>
      new Promise<SqlResult>((resolve, reject) => {
        let settled = false;
        let fields: string[] = [];
        let changed: number | undefined;
        const finish = (err: Error | undefined) => {
          if (settled) return;
          settled = true;
          signal.removeEventListener("abort", onAbort);
          if (err) reject(err);
          else resolve({ rows: rows.rows, rowCount: changed ?? rows.rows.length, fields });
        };
        const onAbort = () => {
          stop();
          finish(callEnded());
        };
        if (signal.aborted) return onAbort();
        signal.addEventListener("abort", onAbort, { once: true });

        const command = params.length > 0 ? conn.execute({ sql, values: params.map(driverParam) }) : conn.query({ sql });
        // a statement without rows announces no fields (undefined)
        command.on("fields", (f: { name: string }[] | undefined) => void (fields = (f ?? []).map((x) => x.name)));
        /**
         * Past a limit the statement is killed at the server (KILL QUERY from a second connection)
         * and what is still on its way read and dropped: the connection is not cut, so the answer
         * says for certain whether a statement that returns rows and changes data (MariaDB's
         * DELETE … RETURNING) was stopped or had already completed.
         */
        let overLimit: Error | undefined;
        command.on("result", (row: unknown) => {
          if (settled || overLimit) return;
          // INSERT/UPDATE/DELETE answer with a header, not rows
          if (row && (row as object).constructor?.name === "ResultSetHeader") {
            changed = (row as { affectedRows: number }).affectedRows;
            return;
          }
          try {
            rows.add(row as Record<string, unknown>);
          } catch (err) {
            overLimit = err as Error;
            rows.reset();
            // a late KILL QUERY could hit the connection's next statement: it is not used again
            broken = true;
            if (conn.threadId) void kill(c, to, conn.threadId, "QUERY");
          }
        });
        command.on("error", (err: Error) => finish(overLimit ?? err));
        command.on("end", () => {
          // mysql2 ends a command after its error too
          if (settled) return;
          if (overLimit) overLimit.message += " (the statement had completed before it could be stopped: if it changes data, it did)";
          finish(overLimit);
        });
      }),
  };
}

async function kill(c: CheckedSqlConnection, to: ResolvedAddress, threadId: number, what: "QUERY" | "CONNECTION"): Promise<void> {
  try {
    const killer = await open(c, to);
    await killer
      .promise()
      .query(`KILL ${what} ${Number(threadId)}`)
      .catch(() => undefined);
    killer.destroy();
  } catch {
    // the statement ends with its connection anyway once the server notices
  }
}
