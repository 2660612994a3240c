import { startBoss } from "@/runtime/queue/boss";

/** Creates pg-boss's schema and queues in a template database once, so each test database starts with them. */
export async function prepareQueueSchema(url: string): Promise<void> {
  const boss = await startBoss(url, { supervise: false });
  await boss.stop({ graceful: false, wait: true });
}
