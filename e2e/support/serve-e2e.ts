/**
 * The server Playwright tests drive: the real app (`startRole("all")`), on a database of its own — a fresh
 * database on DATABASE_URL's server, or a fresh embedded PostgreSQL — so runs never share rows.
 */
import { mkdtempSync, chmodSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { startRole } from "@/server/roles";
import { publishConnectors } from "@/components-registry/connectors/publish-connectors";
import { startVerdaccio } from "@/test/support/verdaccio";

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
// a registry of its own (verdaccio, no uplinks) with the connector packages, unless one is given
if (!process.env.JUNCTION_NPM_REGISTRY) {
  const registry = await startVerdaccio();
  process.env.JUNCTION_NPM_REGISTRY = registry.url;
  await publishConnectors(registry.url).then(
    (published) =>
      console.log(`[e2e] verdaccio at ${registry.url}: ${published.map((p) => `${p.name}@${p.version}`).join(", ") || "no connectors"}`),
    (err: Error) => console.error(`[e2e] verdaccio at ${registry.url}; publishing the connectors failed: ${err.message}`),
  );
}
await startRole("all");
