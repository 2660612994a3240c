/**
 * The S3 connector's "new objects" polling trigger, installed from its folder and run in the real
 * sandbox against s3rver: the first poll takes a baseline, later polls report new objects in
 * (lastModified, key) order, at most maxItems a poll, and the cursor carries the rest to the next.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { preparePackage } from "@/components-registry/packages/prepare-package";
import { createMemoryBundleLoader } from "@/components-registry/sandbox/memory-loader";
import { createSandboxRunner, type SandboxRunner } from "@/components-registry/sandbox/sandbox-runner";
import { startS3rver, type RunningS3 } from "@/components-registry/connectors/s3/test-support/s3-server";
import { invocation } from "@/components-registry/test-support/invocation";
import { triggerInvocation } from "./test-support/trigger-invocation";

let s3: RunningS3;
let runner: SandboxRunner;
let loader: ReturnType<typeof createMemoryBundleLoader>;

beforeAll(async () => {
  s3 = await startS3rver({ buckets: ["incoming"] });
  loader = createMemoryBundleLoader([await preparePackage({ path: join(process.cwd(), "components-registry/connectors/s3") })]);
  runner = createSandboxRunner({ loadBundle: loader, network: { allowedHosts: ["127.0.0.1"] } });
}, 60_000);
afterAll(async () => {
  await runner?.close();
  await s3?.stop();
});

const put = (key: string, content = "x") =>
  runner.run(invocation("amazonS3", "putObject", { connection: s3.connection, bucket: "incoming", key, content }));

const poll = async (cursor: unknown, maxItems = 100) =>
  (await runner.runTrigger(
    triggerInvocation(
      "amazonS3",
      "newObjects",
      "poll",
      { connection: s3.connection, bucket: "incoming", prefix: "in/", maxItems },
      { cursor },
    ),
  )) as { items: { key: string; bucket: string; size: number; lastModified: string }[]; cursor: unknown };

describe("amazonS3 newObjects trigger", () => {
  test("the manifest declares the polling trigger with its inputs", async () => {
    const { manifest } = await loader("amazonS3");
    expect(manifest.triggers?.newObjects).toMatchObject({ key: "newObjects", kind: "polling" });
    expect(manifest.triggers?.newObjects.inputs.map((i) => i.key)).toEqual(["connection", "bucket", "prefix", "maxItems"]);
    expect(manifest.triggers?.newObjects.inputs[0]).toMatchObject({ type: "credential", connection: "accessKey" });
  });

  test("baseline first, then each new object once, at most maxItems a poll, only under the prefix", async () => {
    await put("in/old.txt");
    const first = await poll(undefined);
    expect(first.items).toEqual([]);

    await put("in/a.txt", "aa");
    await put("in/b.txt");
    await put("in/c.txt");
    await put("elsewhere.txt");
    const second = await poll(first.cursor, 2);
    expect(second.items.map((i) => i.key)).toEqual(["in/a.txt", "in/b.txt"]);
    expect(second.items[0]).toMatchObject({ bucket: "incoming", size: 2 });
    expect(second.items[0].lastModified).toMatch(/^\d{4}-\d\d-\d\dT/);

    const third = await poll(second.cursor, 2);
    expect(third.items.map((i) => i.key)).toEqual(["in/c.txt"]);
    const empty = await poll(third.cursor, 2);
    expect(empty.items).toEqual([]);
    expect(empty.cursor).toEqual(third.cursor);

    // a poll from an older cursor reports again (the runtime keeps the cursor only after its executions are committed)
    expect((await poll(second.cursor)).items.map((i) => i.key)).toEqual(["in/c.txt"]);
  });

  test("a bad bucket fails the poll with S3's error", async () => {
    await expect(
      runner.runTrigger(triggerInvocation("amazonS3", "newObjects", "poll", { connection: s3.connection, bucket: "missing-bucket" })),
    ).rejects.toThrow(/NoSuchBucket|does not exist/);
  });
});
