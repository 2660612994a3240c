/**
 * The MySQL/MariaDB connector installed from its folder and run in the real sandbox against the
 * machine's MariaDB: every action, the network policy, identifiers refused, values verbatim.
 */
import { randomUUID } from "node:crypto";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import mysql from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { preparePackage } from "@/components-registry/packages/prepare-package";
import { createMemoryBundleLoader } from "@/components-registry/sandbox/memory-loader";
import { createSandboxRunner, type SandboxRunner } from "@/components-registry/sandbox/sandbox-runner";
import type { ComponentManifest } from "@/components-registry/contract";
import { invocation } from "@/components-registry/test-support/invocation";

const TABLE = `junction_my_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
const VICTIM = `${TABLE}_victim`;
const connection = { host: "127.0.0.1", port: 3306, database: "test", user: "root", password: "", tls: "disable" };

let manifest: ComponentManifest;
let runner: SandboxRunner;
let strict: SandboxRunner;
let admin: mysql.Connection;

const tableExists = async (name: string) => {
  const [rows] = await admin.query("SELECT COUNT(*) AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'test' AND TABLE_NAME = ?", [
    name,
  ]);
  return Number((rows as { n: number }[])[0].n) === 1;
};

beforeAll(async () => {
  const prepared = await preparePackage({ path: dirname(fileURLToPath(import.meta.url)) });
  manifest = prepared.manifest;
  const loader = createMemoryBundleLoader([prepared]);
  runner = createSandboxRunner({ loadBundle: loader, network: { allowPrivateNetwork: false, allowedHosts: ["127.0.0.1"] } });
  strict = createSandboxRunner({ loadBundle: loader, network: { allowPrivateNetwork: false, allowedHosts: [] } });
  admin = await mysql.createConnection({
    host: "127.0.0.1",
    user: "root",
    database: "test",
    supportBigNumbers: true,
    bigNumberStrings: true,
  });
  await admin.query(
    `CREATE TABLE ${TABLE} (id INT AUTO_INCREMENT PRIMARY KEY, sku VARCHAR(40) UNIQUE, name VARCHAR(200) NOT NULL, note TEXT,
      qty INT DEFAULT 1, doc JSON, bin VARBINARY(16), created DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP) CHARACTER SET utf8mb4`,
  );
  await admin.query(`CREATE TABLE ${VICTIM} (id INT)`);
}, 60_000);
afterAll(async () => {
  await admin?.query(`DROP TABLE IF EXISTS ${TABLE}, ${VICTIM}`);
  await admin?.end();
  await runner?.close();
  await strict?.close();
});

const run = async (action: string, inputs: Record<string, unknown>, r = runner) => {
  const inv = invocation("mysql", action, { connection, ...inputs });
  inv.facts.executionId = `exec-${randomUUID()}`;
  try {
    return (await r.run(inv)).data as { rows?: Record<string, unknown>[]; rowCount: number; fields?: string[] };
  } finally {
    await r.endExecution(inv.facts.executionId);
  }
};

describe("mysql connector", () => {
  test("the manifest declares the database connection (the same fields as postgres) and the actions' inputs use it", () => {
    expect(manifest.key).toBe("mysql");
    expect(Object.keys(manifest.actions).sort()).toEqual(["insertRows", "query", "upsertRows"]);
    const fields = manifest.connections!.database.fields;
    expect(fields.map((f) => f.key)).toEqual(["host", "port", "database", "user", "password", "tls", "caCertificate"]);
    expect(fields.find((f) => f.key === "port")!.default).toBe(3306);
    expect(fields.find((f) => f.key === "password")!.type).toBe("password");
    expect(fields.find((f) => f.key === "tls")).toMatchObject({ type: "picklist", options: ["disable", "require", "verify-full"] });
    for (const a of Object.values(manifest.actions))
      expect(a.inputs.find((i) => i.key === "connection")).toMatchObject({ connection: "database" });
  });

  test("insertRows: one multi-row INSERT; quotes, backslashes and SQL stored verbatim; defaults for what a row leaves out", async () => {
    const tricky = `O'Brien\\'); DROP TABLE ${VICTIM}; -- "x"`;
    const r = await run("insertRows", {
      table: TABLE,
      rows: [
        { sku: "a-1", name: tricky, qty: 3, doc: { tags: ["x", "y'z"] }, bin: new Uint8Array([0, 255, 39, 92]) },
        { sku: "a-2", name: "plain ✓", note: "? and $1 stay" },
      ],
    });
    expect(r).toEqual({ rowCount: 2 });
    const [stored] = await admin.query(`SELECT sku, name, note, qty, doc, bin FROM ${TABLE} ORDER BY id`);
    expect(stored).toEqual([
      { sku: "a-1", name: tricky, note: null, qty: 3, doc: { tags: ["x", "y'z"] }, bin: Buffer.from([0, 255, 39, 92]) },
      { sku: "a-2", name: "plain ✓", note: "? and $1 stay", qty: 1, doc: null, bin: null },
    ]);
    expect(await tableExists(VICTIM)).toBe(true);
  });

  test("insertRows with database.table and rows given as JSON text", async () => {
    expect(await run("insertRows", { table: `test.${TABLE}`, rows: JSON.stringify([{ sku: "b-1", name: "json" }]) })).toEqual({
      rowCount: 1,
    });
  });

  test("query: ? parameters, rows and fields; changes count the rows changed", async () => {
    const r = await run("query", { sql: `SELECT sku, qty, doc FROM ${TABLE} WHERE sku IN (?, ?) ORDER BY sku`, params: ["a-1", "b-1"] });
    expect(r.fields).toEqual(["sku", "qty", "doc"]);
    expect(r.rowCount).toBe(2);
    expect(r.rows!.map((x) => ({ ...x, doc: typeof x.doc === "string" ? JSON.parse(x.doc) : x.doc }))).toEqual([
      { sku: "a-1", qty: 3, doc: { tags: ["x", "y'z"] } },
      { sku: "b-1", qty: 1, doc: null },
    ]);
    expect(await run("query", { sql: `UPDATE ${TABLE} SET qty = qty + ? WHERE sku = ?`, params: [10, "a-2"] })).toEqual({
      rows: [],
      rowCount: 1,
      fields: [],
    });
  });

  test("upsertRows: updates where a key matches, inserts the rest, leaves columns the rows do not name", async () => {
    const r = await run("upsertRows", {
      table: TABLE,
      keyColumns: "sku",
      rows: [
        { sku: "a-1", name: "renamed" },
        { sku: "c-1", name: "new" },
      ],
    });
    // MySQL counts 2 for an updated row and 1 for an inserted one
    expect(r).toEqual({ rowCount: 3 });
    const [stored] = await admin.query(`SELECT sku, name, qty FROM ${TABLE} WHERE sku IN ('a-1', 'c-1') ORDER BY sku`);
    expect(stored).toEqual([
      { sku: "a-1", name: "renamed", qty: 3 },
      { sku: "c-1", name: "new", qty: 1 },
    ]);
    // only key columns: the existing row stays as it is (found, so counted 1: mysql2 signs in with CLIENT_FOUND_ROWS)
    expect(await run("upsertRows", { table: TABLE, keyColumns: ["sku", "name"], rows: [{ sku: "c-1", name: "new" }] })).toEqual({
      rowCount: 1,
    });
    await expect(run("upsertRows", { table: TABLE, keyColumns: "sku", rows: [{ sku: "a-1", qty: 5 }, { sku: "a-2" }] })).rejects.toThrow(
      /every row of an upsert must name the same columns: rows\[1\] has no "qty"/,
    );
  });

  test("identifiers that are not plain names are refused before anything reaches the server", async () => {
    await expect(run("insertRows", { table: `x; DROP TABLE ${VICTIM}`, rows: [{ name: "a" }] })).rejects.toThrow(
      /Input "table" \(Table\): table "x; DROP TABLE .*" is not a plain table name/,
    );
    await expect(run("insertRows", { table: "x`y", rows: [{ name: "a" }] })).rejects.toThrow(/not a plain table name/);
    await expect(run("insertRows", { table: TABLE, rows: [{ "name`) VALUES (1); --": "a" }] })).rejects.toThrow(
      /is not a plain column name/,
    );
    await expect(run("upsertRows", { table: TABLE, keyColumns: "sku`", rows: [{ sku: "a" }] })).rejects.toThrow(
      /Input "keyColumns".*not a plain column name/,
    );
    await expect(run("upsertRows", { table: TABLE, keyColumns: "id", rows: [{ sku: "a", name: "b" }] })).rejects.toThrow(
      /no value for the key column\(s\) id/,
    );
    await expect(run("insertRows", { table: TABLE, rows: {} })).rejects.toThrow(/rows must be a non-empty list of objects/);
    expect(await tableExists(VICTIM)).toBe(true);
  });

  test("the server's errors come back with their code and SQLSTATE", async () => {
    await expect(run("insertRows", { table: TABLE, rows: [{ sku: "a-1", name: "dup" }] })).rejects.toThrow(
      /Duplicate entry 'a-1'.*\(ER_DUP_ENTRY, errno 1062, SQLSTATE 23000\)/,
    );
    await expect(run("query", { sql: "SELECT * FROM nowhere_at_all" })).rejects.toThrow(/ER_NO_SUCH_TABLE/);
  });

  test("a private address is refused unless the network policy allows it", async () => {
    await expect(run("query", { sql: "SELECT 1" }, strict)).rejects.toThrow(
      /Refused to connect to 127\.0\.0\.1.*JUNCTION_ALLOW_PRIVATE_NETWORK/,
    );
  });
});
