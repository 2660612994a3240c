/**
 * context.sql through the real sandbox against the machine's PostgreSQL and MariaDB: the network
 * policy, values as the action receives them, connections per execution (counted on the servers),
 * row and byte limits, a statement stopped at the server when the action times out, errors.
 */
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type AddressInfo, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TLSSocket } from "node:tls";
import mysql from "mysql2/promise";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { waitFor } from "@/test/wait-for";
import { preparePackage } from "../../packages/prepare-package";
import { invocation } from "../../test-support/invocation";
import { tempPackage } from "../../test-support/temp-package";
import { networkPolicyFromEnv } from "../limits";
import { createMemoryBundleLoader } from "../memory-loader";
import { createSandboxRunner, type SandboxRunner } from "../sandbox-runner";
import { SqlClients } from "./sql-clients";

const SOURCE = `
import { action, component, input } from "@junction/sdk";
export default component({
  key: "sqlProbe",
  label: "SQL probe",
  description: "runs context.sql.query",
  actions: {
    query: action({
      label: "Query",
      inputs: {
        connection: input({ label: "Connection", type: "data", required: true }),
        sql: input({ label: "SQL", type: "text", required: true }),
        params: input({ label: "Params", type: "data" }),
      },
      perform: async (context, i) => ({ data: await context.sql.query(i.connection as any, i.sql, (i.params as unknown[]) ?? []) }),
    }),
  },
});
`;

const PG = { engine: "postgres", host: "127.0.0.1", port: 5432, database: "postgres", user: "postgres" };
const MY = { engine: "mysql", host: "127.0.0.1", port: 3306, database: "test", user: "root", password: "" };
const MARK = `junction_sql_test_${randomUUID().slice(0, 8)}`;

const pkg = tempPackage(SOURCE);
let loader: ReturnType<typeof createMemoryBundleLoader>;
let runner: SandboxRunner;
let strict: SandboxRunner;
let admin: pg.Client;
let myAdmin: mysql.Connection;

beforeAll(async () => {
  loader = createMemoryBundleLoader([await preparePackage({ path: pkg.dir })]);
  runner = createSandboxRunner({
    loadBundle: loader,
    limits: { timeoutMs: 2500 },
    network: { allowPrivateNetwork: false, allowedHosts: ["127.0.0.1"], sqlMaxRows: 50, inflightBytes: 1024 * 1024 },
  });
  strict = createSandboxRunner({ loadBundle: loader, network: { allowPrivateNetwork: false, allowedHosts: [] } });
  admin = new pg.Client({ connectionString: process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres" });
  await admin.connect();
  myAdmin = await mysql.createConnection({ host: "127.0.0.1", user: "root", database: "test" });
}, 60_000);
afterAll(async () => {
  await runner?.close();
  await strict?.close();
  await admin?.end();
  await myAdmin?.end();
  pkg.remove();
});

const run = (r: SandboxRunner, connection: unknown, sql: string, params?: unknown[], executionId = `exec-${randomUUID()}`) => {
  const inv = invocation("sqlProbe", "query", { connection, sql, params });
  inv.facts.executionId = executionId;
  return r.run(inv).then((res) => res.data as { rows: Record<string, unknown>[]; rowCount: number; fields: string[] });
};

const pgBackendAlive = async (pid: number) =>
  (await admin.query("select count(*)::int as n from pg_stat_activity where pid = $1", [pid])).rows[0].n === 1;
const myThreadAlive = async (id: number) => {
  const [rows] = await myAdmin.query("SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE ID = ?", [id]);
  return Number((rows as { n: number }[])[0].n) === 1;
};

describe("network policy", () => {
  test("127.0.0.1 is refused by default, for both engines, naming the setting", async () => {
    expect(networkPolicyFromEnv({} as NodeJS.ProcessEnv).allowPrivateNetwork).toBe(false);
    await expect(run(strict, PG, "select 1")).rejects.toThrow(/Refused to connect to 127\.0\.0\.1.*JUNCTION_ALLOW_PRIVATE_NETWORK/);
    await expect(run(strict, MY, "SELECT 1")).rejects.toThrow(/Refused to connect to 127\.0\.0\.1.*JUNCTION_ALLOWED_HOSTS/);
    // a name that resolves to loopback is refused too
    await expect(run(strict, { ...PG, host: "localhost" }, "select 1")).rejects.toThrow(/Refused to connect to localhost/);
  });

  test("allowed when listed in allowedHosts", async () => {
    expect((await run(runner, PG, "select 1 as one")).rows).toEqual([{ one: 1 }]);
    expect((await run(runner, MY, "SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
  });
});

describe("values cross as plain data", () => {
  test("postgres: parameters $1…, bigint and numeric as text, Date, DATE as a day, json, bytea, arrays", async () => {
    const r = await run(
      runner,
      PG,
      `select $1::text as t, 9007199254740993::int8 as big, 12.50::numeric as num, timestamptz '2024-05-06 07:08:09Z' as ts,
              date '2024-02-29' as day, '{"a":[1,{"b":null}]}'::jsonb as doc, $2::bytea as bin, array[1,2] as arr, null as nothing,
              interval '1 day 2 hours' as span`,
      ['it\'s "quoted" ; drop table x --', new Uint8Array([0, 255, 10])],
    );
    expect(r.fields).toEqual(["t", "big", "num", "ts", "day", "doc", "bin", "arr", "nothing", "span"]);
    expect(r.rowCount).toBe(1);
    expect(r.rows[0]).toEqual({
      t: 'it\'s "quoted" ; drop table x --',
      big: "9007199254740993",
      num: "12.50",
      ts: new Date("2024-05-06T07:08:09Z"),
      day: "2024-02-29",
      doc: { a: [1, { b: null }] },
      bin: new Uint8Array([0, 255, 10]),
      arr: [1, 2],
      nothing: null,
      span: { days: 1, hours: 2 },
    });
  });

  test("mysql: ? parameters bound by the server, BIGINT and DECIMAL as text, DATETIME as a UTC Date, DATE as a day, JSON, bytes", async () => {
    const r = await run(
      runner,
      MY,
      `SELECT ? AS t, CAST(9007199254740993 AS SIGNED) AS big, CAST(12.5 AS DECIMAL(6,2)) AS num,
              CAST('2024-05-06 07:08:09' AS DATETIME) AS ts, DATE '2024-02-29' AS day, JSON_OBJECT('a', JSON_ARRAY(1, 2)) AS doc,
              ? AS bin, NULL AS nothing`,
      ['it\'s \\ "quoted" ; DROP TABLE x -- ', new Uint8Array([0, 255, 10])],
    );
    expect(r.fields).toEqual(["t", "big", "num", "ts", "day", "doc", "bin", "nothing"]);
    expect(r.rows[0]).toMatchObject({
      t: 'it\'s \\ "quoted" ; DROP TABLE x -- ',
      big: "9007199254740993",
      num: "12.50",
      ts: new Date("2024-05-06T07:08:09Z"),
      day: "2024-02-29",
      bin: new Uint8Array([0, 255, 10]),
      nothing: null,
    });
    // MariaDB's JSON is text with a JSON check; mysql2 reads MariaDB's column format and parses it when the server says so
    const doc = r.rows[0].doc;
    expect(typeof doc === "string" ? JSON.parse(doc) : doc).toEqual({ a: [1, 2] });
  });

  test("changes report the rows they changed", async () => {
    const table = `${MARK}_changes`;
    const execution = `exec-${randomUUID()}`;
    try {
      await run(runner, PG, `create table ${table} (id int)`, [], execution);
      expect((await run(runner, PG, `insert into ${table} values (1), (2), (3)`, [], execution)).rowCount).toBe(3);
      expect(await run(runner, PG, `delete from ${table} where id > $1`, [1], execution)).toEqual({ rows: [], rowCount: 2, fields: [] });
      await run(runner, MY, `CREATE TABLE ${table} (id INT)`, [], execution);
      expect((await run(runner, MY, `INSERT INTO ${table} VALUES (1), (2), (3)`, [], execution)).rowCount).toBe(3);
      expect(await run(runner, MY, `DELETE FROM ${table} WHERE id > ?`, [1], execution)).toEqual({ rows: [], rowCount: 2, fields: [] });
    } finally {
      await admin.query(`drop table if exists ${table}`);
      await myAdmin.query(`DROP TABLE IF EXISTS ${table}`);
    }
  });
});

describe("connections per execution", () => {
  test("postgres: the steps of one execution share a connection; another execution gets its own; endExecution closes them", async () => {
    const a = `exec-${randomUUID()}`;
    const b = `exec-${randomUUID()}`;
    const pid = async (execution: string) => (await run(runner, PG, "select pg_backend_pid() as pid", [], execution)).rows[0].pid as number;
    const first = await pid(a);
    expect(await pid(a)).toBe(first);
    expect(await pid(a)).toBe(first);
    const other = await pid(b);
    expect(other).not.toBe(first);
    expect(await pgBackendAlive(first)).toBe(true);
    await runner.endExecution(a);
    await waitFor(async () => !(await pgBackendAlive(first)));
    expect(await pgBackendAlive(other)).toBe(true);
    await runner.endExecution(b);
    await waitFor(async () => !(await pgBackendAlive(other)));
  });

  test("mysql: the same, counted in the server's process list", async () => {
    const a = `exec-${randomUUID()}`;
    const id = async (execution: string) => Number((await run(runner, MY, "SELECT CONNECTION_ID() AS id", [], execution)).rows[0].id);
    const first = await id(a);
    expect(await id(a)).toBe(first);
    const other = await id(`exec-${randomUUID()}`);
    expect(other).not.toBe(first);
    expect(await myThreadAlive(first)).toBe(true);
    await runner.endExecution(a);
    await waitFor(async () => !(await myThreadAlive(first)));
  });

  test("an idle execution's connection closes after the idle time, but never under a statement still running", async () => {
    const quick = createSandboxRunner({ loadBundle: loader, network: { allowedHosts: ["127.0.0.1"] }, sftpIdleMs: 300 });
    try {
      const execution = `exec-${randomUUID()}`;
      const r = await run(quick, PG, "select pg_backend_pid() as pid, pg_sleep(1.2) as slept", [], execution);
      const pid = r.rows[0].pid as number;
      expect(await pgBackendAlive(pid)).toBe(true);
      await waitFor(async () => !(await pgBackendAlive(pid)), { timeoutMs: 3000 });
      const m = await run(quick, MY, "SELECT CONNECTION_ID() AS id, SLEEP(1.2) AS slept", [], execution);
      expect(m.rows[0].slept).toBe(0);
      await waitFor(async () => !(await myThreadAlive(Number(m.rows[0].id))), { timeoutMs: 3000 });
    } finally {
      await quick.close();
    }
  });

  test("another database or user is another connection, up to JUNCTION_SANDBOX_MAX_CONNECTIONS per execution", async () => {
    const clients = new SqlClients(
      { ...networkPolicyFromEnv({} as NodeJS.ProcessEnv), allowedHosts: ["127.0.0.1"], maxConnectionsPerExecution: 2 },
      30_000,
    );
    const call = { executionId: "exec-max", signal: new AbortController().signal };
    try {
      await clients.call(call, "query", PG, ["select 1"]);
      await clients.call(call, "query", { ...PG, port: "5432" }, ["select 1"]);
      expect(clients.size()).toBe(1);
      await clients.call(call, "query", MY, ["SELECT 1"]);
      expect(clients.size()).toBe(2);
      await expect(clients.call(call, "query", { ...MY, database: "mysql" }, ["SELECT 1"])).rejects.toThrow(
        /at most 2 SQL connections.*JUNCTION_SANDBOX_MAX_CONNECTIONS/,
      );
      await clients.end("exec-max");
      expect(clients.size()).toBe(0);
    } finally {
      await clients.closeAll();
    }
  });
});

describe("limits", () => {
  test("more rows than JUNCTION_SQL_MAX_ROWS is an error, never a partial answer; the execution can go on", async () => {
    const execution = `exec-${randomUUID()}`;
    expect((await run(runner, PG, "select generate_series(1, 50) as n", [], execution)).rows).toHaveLength(50);
    await expect(run(runner, PG, "select generate_series(1, 100000) as n", [], execution)).rejects.toThrow(
      /more than 50 rows \(JUNCTION_SQL_MAX_ROWS\)/,
    );
    expect((await run(runner, PG, "select 2 as two", [], execution)).rows).toEqual([{ two: 2 }]);
    expect((await run(runner, MY, "SELECT seq FROM seq_1_to_50", [], execution)).rows).toHaveLength(50);
    await expect(run(runner, MY, "SELECT seq FROM seq_1_to_100000", [], execution)).rejects.toThrow(
      /more than 50 rows \(JUNCTION_SQL_MAX_ROWS\)/,
    );
    expect((await run(runner, MY, "SELECT 2 AS two", [], execution)).rows).toEqual([{ two: 2 }]);
    await runner.endExecution(execution);
  });

  test("postgres: an INSERT … RETURNING past the row limit is cancelled, or says that it completed; never left unknown", async () => {
    const table = `${MARK}_returning`;
    await admin.query(`create table ${table} (n int)`);
    try {
      const err = await run(runner, PG, `insert into ${table} select generate_series(1, 100000) returning n`).catch((e: Error) => e);
      expect(String((err as Error).message)).toMatch(/more than 50 rows \(JUNCTION_SQL_MAX_ROWS\)/);
      const stored = (await admin.query(`select count(*)::int as n from ${table}`)).rows[0].n;
      if (/had already completed/.test((err as Error).message)) expect(stored).toBe(100000);
      else expect(stored).toBe(0);
      // a small one completes before the cancel arrives: it says so
      const small = await run(runner, PG, `insert into ${table} select generate_series(1, 51) returning n`).catch((e: Error) => e);
      expect(String((small as Error).message)).toMatch(/more than 50 rows/);
      const after = (await admin.query(`select count(*)::int as n from ${table}`)).rows[0].n - stored;
      expect(after).toBe(/had already completed: its changes were made/.test((small as Error).message) ? 51 : 0);
    } finally {
      await admin.query(`drop table if exists ${table}`);
    }
  });

  test("mysql: a DELETE … RETURNING past the row limit is stopped, or says that it completed; never left unknown", async () => {
    const table = `${MARK}_returning`;
    await myAdmin.query(`CREATE TABLE ${table} (n INT) ENGINE=InnoDB`);
    try {
      await myAdmin.query(`INSERT INTO ${table} SELECT seq FROM seq_1_to_100000`);
      const err = await run(runner, MY, `DELETE FROM ${table} RETURNING n`).catch((e: Error) => e);
      expect(String((err as Error).message)).toMatch(/more than 50 rows \(JUNCTION_SQL_MAX_ROWS\)/);
      const [[{ n }]] = (await myAdmin.query(`SELECT COUNT(*) AS n FROM ${table}`)) as unknown as [[{ n: number }]];
      expect(Number(n)).toBe(/had completed before it could be stopped/.test((err as Error).message) ? 0 : 100000);
    } finally {
      await myAdmin.query(`DROP TABLE IF EXISTS ${table}`);
    }
  });

  test("rows larger than the call's byte budget are refused, naming JUNCTION_SANDBOX_INFLIGHT_MB", async () => {
    await expect(run(runner, PG, "select repeat('x', 100000) as big from generate_series(1, 40)")).rejects.toThrow(
      /JUNCTION_SANDBOX_INFLIGHT_MB/,
    );
    await expect(run(runner, MY, "SELECT REPEAT('x', 100000) AS big FROM seq_1_to_40")).rejects.toThrow(/JUNCTION_SANDBOX_INFLIGHT_MB/);
  });

  test("postgres: a statement still running when the action times out is cancelled at the server", async () => {
    const marker = `${MARK}_sleep_pg`;
    const running = async () =>
      (
        await admin.query(
          "select count(*)::int as n from pg_stat_activity where query like $1 and state = 'active' and pid <> pg_backend_pid()",
          [`%${marker}%`],
        )
      ).rows[0].n as number;
    const started = Date.now();
    await expect(run(runner, PG, `select pg_sleep(30) /* ${marker} */`)).rejects.toThrow(/timed out after 2500 ms/);
    expect(Date.now() - started).toBeLessThan(10_000);
    await waitFor(async () => (await running()) === 0, { timeoutMs: 5000 });
  }, 20_000);

  test("mysql: a statement still running when the action times out is killed at the server", async () => {
    const marker = `${MARK}_sleep_my`;
    const running = async () => {
      const [rows] = await myAdmin.query(
        "SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE INFO LIKE ? AND ID <> CONNECTION_ID()",
        [`%${marker}%`],
      );
      return Number((rows as { n: number }[])[0].n);
    };
    await expect(run(runner, MY, `SELECT SLEEP(30) /* ${marker} */`)).rejects.toThrow(/timed out after 2500 ms/);
    // MariaDB would notice the closed connection by itself after a few seconds (measured: ~2.4 s); KILL ends it at once
    await waitFor(async () => (await running()) === 0, { timeoutMs: 1500 });
  }, 20_000);
});

describe("errors", () => {
  const clients = new SqlClients({ ...networkPolicyFromEnv({} as NodeJS.ProcessEnv), allowedHosts: ["127.0.0.1"] }, 30_000);
  const call = { executionId: "exec-errors", signal: new AbortController().signal };
  afterAll(() => clients.closeAll());

  test.each([
    [{ ...PG, engine: "oracle" }, /engine must be "postgres" or "mysql", got "oracle"/],
    [{ ...PG, host: "" }, /host must be non-empty text/],
    [{ ...PG, host: "a b" }, /host must be a host name or address/],
    [{ ...PG, port: 70000 }, /port must be a whole number from 1 to 65535, got number/],
    [{ ...PG, port: "x" }, /port must be a whole number from 1 to 65535, got "x"/],
    [{ ...PG, database: undefined }, /database must be non-empty text, got nothing/],
    [{ ...PG, user: 7 }, /user must be non-empty text, got number/],
    [{ ...PG, password: 12345678 }, /password must be text$/],
    [{ ...PG, tls: "yes" }, /tls must be true, false or/],
    [{ ...PG, tls: { ca: "nope" } }, /tls.ca must be a PEM certificate/],
    ["postgres://x", /expected an object/],
  ])("bad connection %#: a clear error naming the field", async (connection, message) => {
    await expect(clients.call(call, "query", connection, ["select 1"])).rejects.toThrow(message);
  });

  test("bad statements and parameters", async () => {
    await expect(clients.call(call, "query", PG, [""])).rejects.toThrow(/SQL statement must be non-empty text/);
    await expect(clients.call(call, "query", PG, ["select $1", "x"])).rejects.toThrow(/params must be a list of values \(\$1, \$2/);
    await expect(clients.call(call, "query", PG, ["selec 1"])).rejects.toThrow(
      /PostgreSQL error: syntax error at or near "selec" \(SQLSTATE 42601\)/,
    );
    await expect(clients.call(call, "query", MY, ["SELEC 1"])).rejects.toThrow(
      /MySQL error: .*syntax.*\(ER_PARSE_ERROR, errno 1064, SQLSTATE 42000\)/,
    );
    await expect(clients.call(call, "query", PG, [`select * from ${MARK}_missing`])).rejects.toThrow(/does not exist \(SQLSTATE 42P01\)/);
    await expect(clients.call(call, "query", MY, [`SELECT * FROM ${MARK}_missing`])).rejects.toThrow(/ER_NO_SUCH_TABLE/);
    // the client does not offer LOAD DATA LOCAL: the server cannot ask the host for a file
    await expect(clients.call(call, "query", MY, [`LOAD DATA LOCAL INFILE '/etc/hostname' INTO TABLE ${MARK}_missing`])).rejects.toThrow(
      /MySQL error: The used command is not allowed.* \((ER_\w+, )?errno (1148|4166), SQLSTATE \w+\)/,
    );
    // the connection is still good after the server refused a statement
    expect(await clients.call(call, "query", PG, ["select 3 as three"])).toMatchObject({ rows: [{ three: 3 }] });
  });

  test("a refused sign-in says so without the password; a missing database gives its SQLSTATE", async () => {
    const password = "s3cret-Passw0rd";
    const err = await clients.call(call, "query", { ...MY, password }, ["SELECT 1"]).catch((e: Error) => e);
    expect(String((err as Error).message)).toMatch(/Cannot connect to MySQL at 127\.0\.0\.1:3306: Access denied for user 'root'/);
    expect(String((err as Error).message)).not.toContain(password);
    await expect(clients.call(call, "query", { ...PG, database: `${MARK}_nodb`, password }, ["select 1"])).rejects.toThrow(
      /Cannot connect to PostgreSQL at 127\.0\.0\.1:5432: database ".*" does not exist \(SQLSTATE 3D000\)/,
    );
  });

  test("tls: true against a server without TLS fails to connect instead of falling back to plain text", async () => {
    await expect(clients.call(call, "query", { ...PG, tls: true }, ["select 1"])).rejects.toThrow(/Cannot connect to PostgreSQL.*SSL/i);
    await expect(clients.call(call, "query", { ...MY, tls: true }, ["SELECT 1"])).rejects.toThrow(/Cannot connect to MySQL.*(SSL|secure)/i);
  });
});

/**
 * A server that speaks just enough PostgreSQL to test TLS: it accepts the SSLRequest, completes a
 * real TLS handshake with a self-signed certificate for "localhost", then refuses the sign-in with
 * an error saying the handshake got through.
 */
function selfSignedLocalhost(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), "junction-sql-tls-"));
  // prettier-ignore
  execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
    "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost", "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem")], { stdio: "ignore" });
  const key = readFileSync(join(dir, "key.pem"), "utf8");
  const cert = readFileSync(join(dir, "cert.pem"), "utf8");
  rmSync(dir, { recursive: true, force: true });
  return { key, cert };
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

async function fakeTlsPostgres(): Promise<{ port: number; cert: string; close(): void }> {
  const { key, cert } = selfSignedLocalhost();
  const server: Server = createServer((socket) => {
    socket.on("error", () => undefined);
    socket.once("data", () => {
      socket.write("S");
      const secure = new TLSSocket(socket, { isServer: true, key, cert });
      secure.on("error", () => undefined);
      secure.once("data", () => {
        const fields = Buffer.from("SFATAL\0C08P01\0Mfake server: the TLS handshake got through\0\0");
        const head = Buffer.alloc(5);
        head.write("E", 0);
        head.writeInt32BE(fields.length + 4, 1);
        secure.end(Buffer.concat([head, fields]));
      });
    });
  });
  return { port: await listen(server), cert, close: () => server.close() };
}

/**
 * The same for MySQL: a protocol 10 greeting offering SSL, the client's SSLRequest, a real TLS
 * handshake, then an access-denied error packet saying the handshake got through.
 */
async function fakeTlsMysql(): Promise<{ port: number; cert: string; close(): void }> {
  const { key, cert } = selfSignedLocalhost();
  const packet = (seq: number, payload: Buffer) => {
    const head = Buffer.alloc(4);
    head.writeUIntLE(payload.length, 0, 3);
    head[3] = seq;
    return Buffer.concat([head, payload]);
  };
  // LONG_PASSWORD | CONNECT_WITH_DB | PROTOCOL_41 | SSL | SECURE_CONNECTION | PLUGIN_AUTH
  const caps = 0x1 | 0x8 | 0x200 | 0x800 | 0x8000 | 0x80000;
  const greeting = Buffer.concat([
    Buffer.from([10]),
    Buffer.from("5.7.99-fake\0"),
    Buffer.from([1, 0, 0, 0]),
    Buffer.from("abcdefgh"),
    Buffer.from([0, caps & 0xff, (caps >> 8) & 0xff, 33, 2, 0, (caps >> 16) & 0xff, (caps >> 24) & 0xff, 21]),
    Buffer.alloc(10),
    Buffer.from("ijklmnopqrst\0"),
    Buffer.from("mysql_native_password\0"),
  ]);
  const server: Server = createServer((socket) => {
    socket.on("error", () => undefined);
    socket.write(packet(0, greeting));
    let got = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      got = Buffer.concat([got, chunk]);
      if (got.length < 4 || got.length < 4 + got.readUIntLE(0, 3)) return;
      // the SSLRequest; whatever came after it is the start of the TLS handshake
      socket.off("data", onData);
      socket.pause();
      const rest = got.subarray(4 + got.readUIntLE(0, 3));
      if (rest.length > 0) socket.unshift(rest);
      const secure = new TLSSocket(socket, { isServer: true, key, cert });
      secure.on("error", () => undefined);
      secure.once("data", () => {
        const message = Buffer.from("fake server: the TLS handshake got through");
        const err = Buffer.concat([Buffer.from([0xff, 0x15, 0x04]), Buffer.from("#28000"), message]);
        secure.end(packet(3, err));
      });
    };
    socket.on("data", onData);
  });
  return { port: await listen(server), cert, close: () => server.close() };
}

describe("tls", () => {
  const clients = new SqlClients({ ...networkPolicyFromEnv({} as NodeJS.ProcessEnv), allowedHosts: ["127.0.0.1"] }, 30_000);
  const call = { executionId: "exec-tls", signal: new AbortController().signal };
  let server: Awaited<ReturnType<typeof fakeTlsPostgres>>;
  beforeAll(async () => void (server = await fakeTlsPostgres()));
  afterAll(async () => {
    await clients.closeAll();
    server?.close();
  });
  const connect = (tls: unknown) => clients.call(call, "query", { ...PG, port: server.port, tls }, ["select 1"]);

  test("tls: true checks the certificate: a self-signed one is refused", async () => {
    await expect(connect(true)).rejects.toThrow(/Cannot connect to PostgreSQL at 127\.0\.0\.1:\d+: self[- ]signed certificate/);
  });

  test("with the CA, the certificate must also name the host: 127.0.0.1 is not in a certificate for localhost", async () => {
    await expect(connect({ ca: server.cert })).rejects.toThrow(/IP: 127\.0\.0\.1 is not in the cert's list/);
  });

  test("with the CA and the name the certificate gives (servername), the handshake completes", async () => {
    await expect(connect({ ca: server.cert, servername: "localhost" })).rejects.toThrow(
      /fake server: the TLS handshake got through \(SQLSTATE 08P01\)/,
    );
  });

  test("rejectUnauthorized: false (the connectors' tls: require) encrypts without checking", async () => {
    await expect(connect({ rejectUnauthorized: false })).rejects.toThrow(/fake server: the TLS handshake got through/);
  });
});

describe("connect timeout", () => {
  test("a server that accepts the connection and says nothing fails the query after the connect timeout", async () => {
    const sockets: import("node:net").Socket[] = [];
    const server = createServer((socket) => void sockets.push(socket.on("error", () => undefined)));
    const port = await listen(server);
    const clients = new SqlClients({ ...networkPolicyFromEnv({} as NodeJS.ProcessEnv), allowedHosts: ["127.0.0.1"] }, 30_000, 300);
    try {
      const call = { executionId: "exec-silent", signal: new AbortController().signal };
      const started = Date.now();
      await expect(clients.call(call, "query", { ...PG, port }, ["select 1"])).rejects.toThrow(
        /Cannot connect to PostgreSQL at 127\.0\.0\.1:\d+: .*timeout/i,
      );
      await expect(clients.call(call, "query", { ...MY, port }, ["SELECT 1"])).rejects.toThrow(
        /Cannot connect to MySQL at 127\.0\.0\.1:\d+: .*(ETIMEDOUT|timeout)/i,
      );
      expect(Date.now() - started).toBeLessThan(3000);
      expect(clients.size()).toBe(0);
    } finally {
      await clients.closeAll();
      sockets.forEach((s) => s.destroy());
      server.close();
    }
  });
});

describe("the host's own PostgreSQL settings never reach a server an action names", () => {
  test("an empty password is sent as empty, not as the host's PGPASSWORD", async () => {
    const received: string[] = [];
    const server = createServer((socket) => {
      socket.on("error", () => undefined);
      socket.once("data", () => {
        // AuthenticationCleartextPassword: what would a client send?
        socket.write(Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 3]));
        socket.once("data", (m: Buffer) => {
          if (m[0] === 0x70) received.push(m.subarray(5, 1 + m.readInt32BE(1) - 1).toString());
          const fields = Buffer.from("SFATAL\0C28P01\0Mfake server: noted\0\0");
          const head = Buffer.alloc(5);
          head.write("E", 0);
          head.writeInt32BE(fields.length + 4, 1);
          socket.end(Buffer.concat([head, fields]));
        });
      });
    });
    const port = await listen(server);
    const saved = process.env.PGPASSWORD;
    process.env.PGPASSWORD = "the-hosts-own-secret";
    const clients = new SqlClients({ ...networkPolicyFromEnv({} as NodeJS.ProcessEnv), allowedHosts: ["127.0.0.1"] }, 30_000);
    try {
      const call = { executionId: "exec-pgpass", signal: new AbortController().signal };
      await expect(clients.call(call, "query", { ...PG, port }, ["select 1"])).rejects.toThrow(/fake server: noted \(SQLSTATE 28P01\)/);
      await expect(clients.call(call, "query", { ...PG, port, password: "given" }, ["select 1"])).rejects.toThrow(/noted/);
      expect(received).toEqual(["", "given"]);
    } finally {
      if (saved === undefined) delete process.env.PGPASSWORD;
      else process.env.PGPASSWORD = saved;
      await clients.closeAll();
      server.close();
    }
  });
});

describe("tls (mysql)", () => {
  const clients = new SqlClients({ ...networkPolicyFromEnv({} as NodeJS.ProcessEnv), allowedHosts: ["127.0.0.1"] }, 30_000);
  const call = { executionId: "exec-tls-mysql", signal: new AbortController().signal };
  let server: Awaited<ReturnType<typeof fakeTlsMysql>>;
  beforeAll(async () => void (server = await fakeTlsMysql()));
  afterAll(async () => {
    await clients.closeAll();
    server?.close();
  });
  const connect = (tls: unknown) => clients.call(call, "query", { ...MY, port: server.port, tls }, ["SELECT 1"]);

  test("tls: true refuses a self-signed certificate", async () => {
    await expect(connect(true)).rejects.toThrow(/Cannot connect to MySQL at 127\.0\.0\.1:\d+: self[- ]signed certificate/);
  });

  test("with the CA and the certificate's name the handshake completes; without the name it is refused", async () => {
    await expect(connect({ ca: server.cert, servername: "localhost" })).rejects.toThrow(
      /fake server: the TLS handshake got through \(ER_ACCESS_DENIED_ERROR, errno 1045, SQLSTATE 28000\)/,
    );
    await expect(connect({ ca: server.cert, servername: "db.example.com" })).rejects.toThrow(
      /does not match certificate's altnames: Host: db\.example\.com/,
    );
  });

  test("rejectUnauthorized: false encrypts without checking", async () => {
    await expect(connect({ rejectUnauthorized: false })).rejects.toThrow(/fake server: the TLS handshake got through/);
  });
});
