/**
 * A fresh, migrated database for one bench run: on DATABASE_URL's server, or on an embedded
 * PostgreSQL in a temporary folder. Dropped (or stopped) afterwards.
 */
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { createDatabase, type Database } from "@/db/client";
import { startEmbeddedPostgres } from "@/db/embedded";
import { migrateDatabase } from "@/db/migrate";

export interface BenchDatabase extends Database {
  close(): Promise<void>;
}

export async function benchDatabase(name: string): Promise<BenchDatabase> {
  let adminUrl = process.env.DATABASE_URL;
  let stopEmbedded: (() => Promise<void>) | undefined;
  let tmp: string | undefined;
  if (!adminUrl) {
    tmp = mkdtempSync(join(tmpdir(), "junction-bench-"));
    chmodSync(tmp, 0o755);
    const embedded = await startEmbeddedPostgres({ dataDir: join(tmp, "pg"), database: "postgres" });
    adminUrl = embedded.url;
    stopEmbedded = embedded.stop;
  }
  const dbName = `junction_bench_${name}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database "${dbName}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  await migrateDatabase(url.toString());
  const database = createDatabase(url.toString(), { max: 20 });
  return {
    ...database,
    async close() {
      await database.pool.end();
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`drop database if exists "${dbName}" with (force)`);
      await a.end();
      await stopEmbedded?.();
      if (tmp) rmSync(tmp, { recursive: true, force: true });
    },
  };
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Prints rows as an aligned table: figure, measured, target, verdict. */
export function printTable(rows: Array<{ figure: string; measured: string; target: string; ok: boolean }>): void {
  const widths = [0, 1, 2].map((i) =>
    Math.max(...rows.map((r) => [r.figure, r.measured, r.target][i]!.length), ["figure", "measured", "target"][i]!.length),
  );
  const line = (a: string, b: string, c: string, d: string) =>
    `${a.padEnd(widths[0]!)}  ${b.padStart(widths[1]!)}  ${c.padEnd(widths[2]!)}  ${d}`;
  console.log(line("figure", "measured", "target", ""));
  for (const r of rows) console.log(line(r.figure, r.measured, r.target, r.ok ? "ok" : "MISSED"));
}
