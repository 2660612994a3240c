/**
 * A web process for the benches (chaos, scale): the webhook fast path with no worker (production's web role),
 * taking part in the leader election like every process. Prints "ready <port>".
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createDatabase } from "@/db/client";
import { createSandboxRunner } from "@/components-registry/sandbox/sandbox-runner";
import { createDbBundleLoader } from "@/components-registry/store/db-bundle-loader";
import { startBoss } from "@/runtime/queue/boss";
import { startRuntime } from "@/runtime/runtime";

const url = process.env.DATABASE_URL!;
const { pool, db } = createDatabase(url);
const boss = await startBoss(url, { supervise: false });
const runner = createSandboxRunner({ loadBundle: createDbBundleLoader(db) });
const runtime = await startRuntime({ url, pool, boss, runner, worker: false });
const server = http.createServer((req, res) => void runtime.webhookHandler(req, res));
server.listen(0, "127.0.0.1", () => console.log(`ready ${(server.address() as AddressInfo).port}`));
