/**
 * Finds the database a process should use: DATABASE_URL, or the embedded PostgreSQL under
 * `.junction/pg` — then applies the migrations.
 */
import { startEmbeddedPostgres, type EmbeddedDatabase } from "./embedded";
import { migrateDatabase } from "./migrate";

export interface DatabaseHandle {
  url: string;
  embedded?: EmbeddedDatabase;
}

export async function prepareDatabase(options: { log?: (m: string) => void } = {}): Promise<DatabaseHandle> {
  const log = options.log ?? ((m: string) => console.log(`[junction] ${m}`));
  let url = process.env.DATABASE_URL;
  let embedded: EmbeddedDatabase | undefined;
  if (!url) {
    const started = Date.now();
    embedded = await startEmbeddedPostgres();
    url = embedded.url;
    process.env.DATABASE_URL = url;
    log(`embedded PostgreSQL on 127.0.0.1:${embedded.port} (data in ${embedded.dataDir}) in ${Date.now() - started} ms`);
  }
  await migrateDatabase(url);
  return { url, embedded };
}
