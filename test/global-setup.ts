/**
 * Vitest global setup: a PostgreSQL for the `*.db.test.ts` files (DATABASE_URL, or an embedded
 * one in a temporary folder) and a migrated template database that each test file clones.
 */
import { createHash } from "node:crypto";
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { MIGRATIONS_DIR, migrateDatabase } from "@/db/migrate";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "@/db/embedded";
import { prepareQueueSchema } from "./queue-schema";

declare module "vitest" {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
    templateDatabase: string;
  }
}

function migrationsHash(): string {
  const h = createHash("sha256");
  for (const f of readdirSync(MIGRATIONS_DIR, { recursive: true }).map(String).sort()) {
    if (f.endsWith(".sql")) h.update(f).update(readFileSync(join(MIGRATIONS_DIR, f)));
  }
  return h.digest("hex").slice(0, 12);
}

export default async function setup(project: TestProject) {
  let embedded: EmbeddedDatabase | undefined;
  let tmp: string | undefined;
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    // /tmp is world-traversable, so the postgres user can reach it when we run as root
    tmp = mkdtempSync(join(tmpdir(), "junction-test-pg-"));
    chmodSync(tmp, 0o755);
    embedded = await startEmbeddedPostgres({ dataDir: join(tmp, "pg"), database: "postgres" });
    adminUrl = embedded.url;
  }

  const template = `junction_test_tpl_${migrationsHash()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const exists = await admin.query("select 1 from pg_database where datname = $1", [template]);
  if (exists.rowCount === 0) {
    const building = `${template}_building_${process.pid}`;
    await admin.query(`create database "${building}"`);
    const url = withDatabase(adminUrl, building);
    await migrateDatabase(url);
    await prepareQueueSchema(url);
    // rename into place only when complete, so a killed run never leaves a half-made template
    await admin.query(`alter database "${building}" rename to "${template}"`).catch(async (err) => {
      await admin.query(`drop database if exists "${building}"`);
      if (!String(err.message).includes("already exists")) throw err;
    });
  }
  await admin.end();

  project.provide("adminDatabaseUrl", adminUrl);
  project.provide("templateDatabase", template);

  return async () => {
    if (embedded) await embedded.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
