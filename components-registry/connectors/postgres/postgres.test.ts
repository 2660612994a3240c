/**
 * The PostgreSQL connector installed from its folder and run in the real sandbox against the
 * machine's PostgreSQL: every action, the network policy, identifiers refused, values verbatim.
 */
import { randomUUID } from "node:crypto";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { preparePackage } from "@/components-registry/packages/prepare-package";
import { createMemoryBundleLoader } from "@/components-registry/sandbox/memory-loader";
import { createSandboxRunner, type SandboxRunner } from "@/components-registry/sandbox/sandbox-runner";
import type { ComponentManifest } from "@/components-registry/contract";
import { invocation } from "@/components-registry/test-support/invocation";

const TABLE = `junction_pg_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
const VICTIM = `${TABLE}_victim`;
const connection = { host: "127.0.0.1", port: 5432, database: "postgres", user: "postgres", password: "", tls: "disable" };

let manifest: ComponentManifest;
let runner: SandboxRunner;
let strict: SandboxRunner;
let admin: pg.Client;

beforeAll(async () => {
  const prepared = await preparePackage({ path: dirname(fileURLToPath(import.meta.url)) });
  manifest = prepared.manifest;
  const loader = createMemoryBundleLoader([prepared]);
  runner = createSandboxRunner({ loadBundle: loader, network: { allowPrivateNetwork: false, allowedHosts: ["127.0.0.1"] } });
  strict = createSandboxRunner({ loadBundle: loader, network: { allowPrivateNetwork: false, allowedHosts: [] } });
  admin = new pg.Client({ connectionString: process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres" });
  await admin.connect();
  await admin.query(
    `create table ${TABLE} (id serial primary key, sku text unique, name text not null, note text, qty int default 1,
      doc jsonb, created timestamptz not null default now())`,
  );
  await admin.query(`create table ${VICTIM} (id int)`);
}, 60_000);
afterAll(async () => {
  await admin?.query(`drop table if exists ${TABLE}, ${VICTIM}`);
  await admin?.end();
  await runner?.close();
  await strict?.close();
});

const run = async (action: string, inputs: Record<string, unknown>, r = runner) => {
  const inv = invocation("postgres", action, { connection, ...inputs });
  inv.facts.executionId = `exec-${randomUUID()}`;
  try {
    return (await r.run(inv)).data as { rows: Record<string, unknown>[]; rowCount: number; fields?: string[] };
  } finally {
    await r.endExecution(inv.facts.executionId);
  }
};

describe("postgres connector", () => {
  test("the manifest declares the database connection and the actions' inputs use it", () => {
    expect(manifest.key).toBe("postgres");
    expect(Object.keys(manifest.actions).sort()).toEqual(["insertRows", "query", "upsertRows"]);
    const fields = manifest.connections!.database.fields;
    expect(fields.map((f) => f.key)).toEqual(["host", "port", "database", "user", "password", "tls", "caCertificate"]);
    expect(fields.find((f) => f.key === "password")!.type).toBe("password");
    expect(fields.find((f) => f.key === "tls")).toMatchObject({ type: "picklist", options: ["disable", "require", "verify-full"] });
    for (const a of Object.values(manifest.actions))
      expect(a.inputs.find((i) => i.key === "connection")).toMatchObject({ connection: "database" });
  });

  test("insertRows: one multi-row INSERT, the stored rows back (defaults and generated keys), quotes and SQL stored verbatim", async () => {
    const tricky = `O'Brien"); drop table ${VICTIM}; --`;
    const r = await run("insertRows", {
      table: TABLE,
      rows: [
        { sku: "a-1", name: tricky, qty: 3, doc: { tags: ["x", "y'z"] } },
        { sku: "a-2", name: "plain", note: "\\ backslash $1 ?" },
      ],
    });
    expect(r.rowCount).toBe(2);
    expect(r.rows).toEqual([
      { id: expect.any(Number), sku: "a-1", name: tricky, note: null, qty: 3, doc: { tags: ["x", "y'z"] }, created: expect.any(Date) },
      { id: expect.any(Number), sku: "a-2", name: "plain", note: "\\ backslash $1 ?", qty: 1, doc: null, created: expect.any(Date) },
    ]);
    const stored = await admin.query(`select name, note from ${TABLE} order by id`);
    expect(stored.rows).toEqual([
      { name: tricky, note: null },
      { name: "plain", note: "\\ backslash $1 ?" },
    ]);
    expect((await admin.query(`select to_regclass($1) as t`, [VICTIM])).rows[0].t).not.toBeNull();
  });

  test("insertRows with schema.table, rows given as JSON text, without returning rows", async () => {
    const r = await run("insertRows", {
      table: `public.${TABLE}`,
      rows: JSON.stringify([{ sku: "b-1", name: "json" }]),
      returnRows: false,
    });
    expect(r).toEqual({ rows: [], rowCount: 1 });
  });

  test("query: parameters, rows and fields", async () => {
    const r = await run("query", { sql: `select sku, qty from ${TABLE} where sku = any($1) order by sku`, params: [["a-1", "b-1"]] });
    expect(r).toEqual({
      rows: [
        { sku: "a-1", qty: 3 },
        { sku: "b-1", qty: 1 },
      ],
      rowCount: 2,
      fields: ["sku", "qty"],
    });
    const u = await run("query", { sql: `update ${TABLE} set qty = qty + $1 where sku = $2`, params: [10, "a-2"] });
    expect(u).toEqual({ rows: [], rowCount: 1, fields: [] });
  });

  test("upsertRows: updates on the conflict key, inserts the rest, leaves columns the rows do not name", async () => {
    const r = await run("upsertRows", {
      table: TABLE,
      keyColumns: "sku",
      rows: [
        { sku: "a-1", name: "renamed" },
        { sku: "c-1", name: "new" },
      ],
    });
    expect(r.rowCount).toBe(2);
    const stored = await admin.query(`select sku, name, qty, doc from ${TABLE} where sku in ('a-1', 'c-1') order by sku`);
    expect(stored.rows).toEqual([
      { sku: "a-1", name: "renamed", qty: 3, doc: { tags: ["x", "y'z"] } },
      { sku: "c-1", name: "new", qty: 1, doc: null },
    ]);
    expect(r.rows.map((x) => x.sku)).toEqual(["a-1", "c-1"]);
    // a row without a column the others name would reset it to its default: refused
    await expect(run("upsertRows", { table: TABLE, keyColumns: "sku", rows: [{ sku: "a-1", qty: 5 }, { sku: "a-2" }] })).rejects.toThrow(
      /every row of an upsert must name the same columns: rows\[1\] has no "qty"/,
    );
  });

  test("identifiers that are not plain names are refused before anything reaches the server", async () => {
    await expect(run("insertRows", { table: `x; drop table ${VICTIM}`, rows: [{ name: "a" }] })).rejects.toThrow(
      /Input "table" \(Table\): table "x; drop table .*" is not a plain table name/,
    );
    await expect(run("insertRows", { table: `a.b.c`, rows: [{ name: "a" }] })).rejects.toThrow(/not a plain table name/);
    await expect(run("insertRows", { table: TABLE, rows: [{ 'name"); drop table x; --': "a" }] })).rejects.toThrow(
      /is not a plain column name/,
    );
    await expect(run("upsertRows", { table: TABLE, keyColumns: "sku; drop", rows: [{ sku: "a" }] })).rejects.toThrow(
      /Input "keyColumns".*not a plain column name/,
    );
    await expect(run("upsertRows", { table: TABLE, keyColumns: "id", rows: [{ sku: "a" }] })).rejects.toThrow(
      /no value for the conflict key column\(s\) id/,
    );
    await expect(run("insertRows", { table: TABLE, rows: [] })).rejects.toThrow(/rows must be a non-empty list of objects/);
    await expect(run("insertRows", { table: TABLE, rows: [1] })).rejects.toThrow(/rows\[0\] must be an object/);
    expect((await admin.query(`select to_regclass($1) as t`, [VICTIM])).rows[0].t).not.toBeNull();
  });

  test("the server's errors come back with their SQLSTATE", async () => {
    await expect(run("insertRows", { table: TABLE, rows: [{ sku: "z" }] })).rejects.toThrow(
      /null value in column "name".*\(SQLSTATE 23502\)/,
    );
    await expect(run("query", { sql: "select * from nowhere_at_all" })).rejects.toThrow(
      /relation "nowhere_at_all" does not exist \(SQLSTATE 42P01\)/,
    );
  });

  test("a private address is refused unless the network policy allows it; a bad tls mode is named", async () => {
    await expect(run("query", { sql: "select 1" }, strict)).rejects.toThrow(
      /Refused to connect to 127\.0\.0\.1.*JUNCTION_ALLOW_PRIVATE_NETWORK/,
    );
    const inv = invocation("postgres", "query", { connection: { ...connection, tls: "maybe" }, sql: "select 1" });
    await expect(runner.run(inv)).rejects.toThrow(/Input "connection".*tls must be one of disable, require, verify-full/);
  });
});
