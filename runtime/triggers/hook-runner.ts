/**
 * The runner the instance services use for webhook-style triggers' deploy and delete hooks: the
 * process's sandbox runner, set by the server when it starts (server/roles.ts) and by tests.
 * Kept on globalThis because the web app's bundle has its own copy of this module.
 */
import type pg from "pg";
import type { Db } from "@/db/client";
import type { ActionRunner } from "@/components-registry/contract";
import { syncSubscriptions, TriggerHookError } from "./subscriptions";

const KEY = Symbol.for("junction.triggerHookRunner");
type G = typeof globalThis & { [KEY]?: ActionRunner };

export function setTriggerHookRunner(runner: ActionRunner | undefined): void {
  (globalThis as G)[KEY] = runner;
}

function hookRunner(): ActionRunner {
  const runner = (globalThis as G)[KEY];
  if (!runner) throw new TriggerHookError("this process has no sandbox to run component trigger hooks in");
  return runner;
}

/** see syncSubscriptions; a definition without component triggers costs one query and no sandbox */
export function applyTriggerHooks(db: Db, instanceId: string, removing = false): Promise<void> {
  // drizzle keeps the pool it was made with as $client (db/client.ts makes it from a pg.Pool)
  const pool = (db as unknown as { $client: pg.Pool }).$client;
  return syncSubscriptions(pool, { lazy: hookRunner }, instanceId, removing);
}
