/**
 * The server Playwright tests drive: the real app (`startRole("all")`), on a database of its own — a fresh
 * database on DATABASE_URL's server, or a fresh embedded PostgreSQL — so runs never share rows.
 */
import { mkdtempSync, chmodSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { startRole } from "@/server/roles";

const base = process.env.DATABASE_URL;
if (base) {
  const name = `junction_e2e_${Date.now()}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
} else {
  const home = mkdtempSync(join(tmpdir(), "junction-e2e-"));
  chmodSync(home, 0o755); // the embedded postgres runs as the postgres user when we are root
  process.env.JUNCTION_HOME = home;
}
await startRole("all");
