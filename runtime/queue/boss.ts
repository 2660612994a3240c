import PgBoss from "pg-boss";
import { ensureQueues } from "./queues";

/** One pg-boss per process, on the same PostgreSQL as everything else (schema `pgboss`). */
export async function startBoss(url: string, options: { supervise?: boolean; schedule?: boolean } = {}): Promise<PgBoss> {
  // pg-boss keeps its own pool; it migrates its schema (`pgboss`) on start
  const boss = new PgBoss({
    connectionString: url,
    max: Number(process.env.JUNCTION_QUEUE_POOL_SIZE ?? 10),
    supervise: options.supervise ?? true,
    schedule: options.schedule ?? false,
  });
  boss.on("error", (err) => console.error(`[queue] ${err.message}`));
  await boss.start();
  await ensureQueues(boss);
  return boss;
}
