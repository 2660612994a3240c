/**
 * A PostgreSQL connection for SqlClients (`pg`), to the address the network guard resolved. Rows
 * stream through the RowCollector; a stopped statement is cancelled at the server (a CancelRequest
 * on its own socket, as libpq's PQcancel does) and the connection closed.
 */
import { connect } from "node:net";
import pg from "pg";
import type { SqlResult } from "@/components-registry/sdk/context";
import type { ResolvedAddress } from "./network-guard";
import { tlsOptions, type CheckedSqlConnection } from "./sql-clients-connection";
import { callEnded, CONNECT_TIMEOUT_MS, driverParam, type SqlSession } from "./sql-clients-session";

const DATE_OID = 1082;

export async function openPostgres(
  c: CheckedSqlConnection,
  to: ResolvedAddress,
  connectTimeoutMs = CONNECT_TIMEOUT_MS,
): Promise<SqlSession> {
  const client = new pg.Client({
    host: to.address,
    port: c.port,
    database: c.database,
    user: c.user,
    // a function, because pg takes an empty password as "none" and then sends the host's PGPASSWORD
    // or ~/.pgpass entry instead: a server an action names must never receive those
    password: () => c.password ?? "",
    ssl: tlsOptions(c),
    connectionTimeoutMillis: connectTimeoutMs,
    application_name: "junction",
  });
  // a DATE is a calendar day: as text it cannot shift with the host's time zone
  client.setTypeParser(DATE_OID, (v: string) => v);
  let broken = false;
  // an idle connection that drops must not take the host down
  client.on("error", () => void (broken = true));
  client.on("end", () => void (broken = true));
  await client.connect();
  const internals = client as unknown as { processID: number; secretKey: number; connection: { stream: { destroy(): void } } };

  /** stops whatever the connection runs now and spoils it */
  const stop = () => {
    if (broken) return;
    broken = true;
    cancelRequest(to, c.port, internals.processID, internals.secretKey);
    internals.connection.stream.destroy();
  };

  return {
    usable: () => !broken,
    close: async () => {
      // a connection that broke or was stopped has nothing left to say goodbye on
      if (!broken) {
        broken = true;
        await Promise.race([client.end().catch(() => undefined), new Promise((r) => setTimeout(r, 2000).unref())]);
      }
      internals.connection.stream.destroy();
    },
    query: (sql, params, rows, signal) =>
      new Promise<SqlResult>((resolve, reject) => {
        let settled = false;
        const finish = (err: Error | undefined, result?: SqlResult) => {
          if (settled) return;
          settled = true;
          signal.removeEventListener("abort", onAbort);
          if (err) reject(err);
          else resolve(result!);
        };
        const onAbort = () => {
          stop();
          finish(callEnded());
        };
        if (signal.aborted) return onAbort();
        signal.addEventListener("abort", onAbort, { once: true });

        const query = new pg.Query(sql, params.map(driverParam));
        let current: unknown;
        /**
         * Past a limit the statement is cancelled at the server, and what is still on its way read
         * and dropped: the connection is not cut, so the answer says for certain whether a statement
         * that changes data (INSERT … RETURNING) was cancelled or had already completed.
         */
        let overLimit: Error | undefined;
        query.on("row", (row: Record<string, unknown>, result: unknown) => {
          if (settled || overLimit) return;
          if (result !== current) {
            current = result;
            rows.reset();
          }
          try {
            rows.add(row);
          } catch (err) {
            overLimit = err as Error;
            rows.reset();
            // a late cancel could hit the connection's next statement: it is not used again
            broken = true;
            cancelRequest(to, c.port, internals.processID, internals.secretKey);
          }
        });
        query.on("error", (err: Error) => finish(overLimit ?? err));
        query.on("end", (results: pg.QueryResult | pg.QueryResult[]) => {
          if (settled) return;
          const last = Array.isArray(results) ? results[results.length - 1] : results;
          if (overLimit) {
            const changed = last?.command && last.command !== "SELECT";
            overLimit.message += changed ? ` (the ${last.command} had already completed: its changes were made)` : "";
            return finish(overLimit);
          }
          const lastRows = last === current ? rows.rows : [];
          const fields = (last?.fields ?? []).map((f) => f.name);
          // SELECT counts the rows it returned, INSERT/UPDATE/DELETE those it changed
          finish(undefined, { rows: lastRows, rowCount: last?.rowCount ?? lastRows.length, fields });
        });
        client.query(query);
      }),
  };
}

/** PostgreSQL's CancelRequest: length 16, code 80877102, the backend's process id and secret key */
function cancelRequest(to: ResolvedAddress, port: number, processID: number, secretKey: number): void {
  if (!processID) return;
  const message = Buffer.alloc(16);
  message.writeInt32BE(16, 0);
  message.writeInt32BE(80877102, 4);
  message.writeInt32BE(processID, 8);
  message.writeInt32BE(secretKey, 12);
  const socket = connect(port, to.address, () => socket.end(message));
  socket.on("error", () => undefined);
  socket.setTimeout(CONNECT_TIMEOUT_MS, () => socket.destroy());
}
