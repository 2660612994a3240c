/**
 * The S3 connector installed from this folder and run in the real sandbox against s3rver, behind
 * a proxy that checks every SigV4 signature with aws4 (s3rver checks none).
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { preparePackage } from "../../packages/prepare-package";
import { createMemoryBundleLoader } from "../../sandbox/memory-loader";
import { createSandboxRunner, type SandboxRunner } from "../../sandbox/sandbox-runner";
import type { ActionContext } from "../../sdk/context";
import { hostCrypto } from "../../sandbox/host/host-crypto";
import { invocation } from "../../test-support/invocation";
import { listObjects } from "./src/list-objects";
import { startS3rver, type RunningS3 } from "./test-support/s3-server";

let s3: RunningS3;
let runner: SandboxRunner;
let loader: ReturnType<typeof createMemoryBundleLoader>;

beforeAll(async () => {
  s3 = await startS3rver({ buckets: ["inbox", "archive"] });
  loader = createMemoryBundleLoader([await preparePackage({ path: __dirname })]);
  runner = createSandboxRunner({ loadBundle: loader, network: { allowedHosts: ["127.0.0.1"] } });
}, 60_000);
afterAll(async () => {
  await runner?.close();
  await s3?.stop();
});

const run = async (action: string, inputs: Record<string, unknown>, r: SandboxRunner = runner) =>
  (await r.run(invocation("amazonS3", action, { connection: s3.connection, ...inputs }))).data as Record<string, unknown>;

describe("Amazon S3 connector", () => {
  test("the manifest lists the actions and the accessKey connection", async () => {
    const { manifest } = await loader("amazonS3");
    expect(Object.keys(manifest.actions)).toEqual(["listObjects", "getObject", "putObject", "deleteObject", "copyObject", "presignedUrl"]);
    expect(manifest.connections?.accessKey.fields.map((f) => f.key)).toEqual([
      "accessKeyId",
      "secretAccessKey",
      "sessionToken",
      "region",
      "endpoint",
      "forcePathStyle",
    ]);
    expect(manifest.actions.getObject.inputs[0]).toMatchObject({ key: "connection", type: "credential", connection: "accessKey" });
  });

  test("put, get as text and bytes, list with prefix/delimiter/paging, copy, delete — every request correctly signed", async () => {
    const before = s3.requests.length;
    const put = await run("putObject", { bucket: "inbox", key: "in/ünï code & space.txt", content: "hello S3", contentType: "text/plain" });
    expect(put).toMatchObject({ bucket: "inbox", key: "in/ünï code & space.txt", size: 8 });
    expect(put.etag).toMatch(/^[0-9a-f]{32}$/);
    await run("putObject", { bucket: "inbox", key: "in/b.bin", content: new Uint8Array([0, 1, 2, 255]) });
    await run("putObject", { bucket: "inbox", key: "in/deeper/c.txt", content: "c" });
    await run("putObject", { bucket: "inbox", key: "other.txt", content: "o" });

    const text = await run("getObject", { bucket: "inbox", key: "in/ünï code & space.txt" });
    expect(text).toMatchObject({ body: "hello S3", size: 8, contentType: "text/plain", etag: put.etag });
    expect(text.lastModified).toMatch(/^\d{4}-\d\d-\d\dT/);
    const bytes = await run("getObject", { bucket: "inbox", key: "in/b.bin", as: "bytes" });
    expect(bytes.body).toEqual(new Uint8Array([0, 1, 2, 255]));

    const all = await run("listObjects", { bucket: "inbox" });
    expect((all.objects as { key: string }[]).map((o) => o.key)).toEqual([
      "in/b.bin",
      "in/deeper/c.txt",
      "in/ünï code & space.txt",
      "other.txt",
    ]);
    expect((all.objects as unknown[])[0]).toMatchObject({ key: "in/b.bin", size: 4, etag: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(all.nextContinuationToken).toBeUndefined();

    const folder = await run("listObjects", { bucket: "inbox", prefix: "in/", delimiter: "/" });
    expect((folder.objects as { key: string }[]).map((o) => o.key)).toEqual(["in/b.bin", "in/ünï code & space.txt"]);
    expect(folder.prefixes).toEqual(["in/deeper/"]);

    const page1 = await run("listObjects", { bucket: "inbox", maxKeys: 3 });
    expect((page1.objects as unknown[]).length).toBe(3);
    expect(page1.nextContinuationToken).toEqual(expect.any(String));
    const page2 = await run("listObjects", { bucket: "inbox", maxKeys: 3, continuationToken: page1.nextContinuationToken });
    expect((page2.objects as { key: string }[]).map((o) => o.key)).toEqual(["other.txt"]);

    // s3rver decodes x-amz-copy-source with decodeURI, which leaves %26 ("&") encoded: S3 itself decodes it
    await run("putObject", { bucket: "inbox", key: "in/ünï code.txt", content: "hello S3" });
    const copied = await run("copyObject", {
      sourceBucket: "inbox",
      sourceKey: "in/ünï code.txt",
      destinationBucket: "archive",
      destinationKey: "2024/copy.txt",
    });
    expect(copied).toMatchObject({ bucket: "archive", key: "2024/copy.txt", etag: put.etag });
    expect((await run("getObject", { bucket: "archive", key: "2024/copy.txt" })).body).toBe("hello S3");

    await run("deleteObject", { bucket: "inbox", key: "in/ünï code.txt" });
    expect(await run("deleteObject", { bucket: "inbox", key: "other.txt" })).toEqual({ bucket: "inbox", key: "other.txt", deleted: true });
    const after = await run("listObjects", { bucket: "inbox" });
    expect((after.objects as { key: string }[]).map((o) => o.key)).not.toContain("other.txt");

    const seen = s3.requests.slice(before);
    expect(seen.length).toBeGreaterThanOrEqual(14);
    expect(seen.every((r) => r.signature === "header" && r.valid)).toBe(true);
  });

  test("the exported listObjects (for the new-objects trigger) pages with startAfter and maxKeys", async () => {
    await run("putObject", { bucket: "archive", key: "a/1", content: "1" });
    await run("putObject", { bucket: "archive", key: "a/2", content: "2" });
    await run("putObject", { bucket: "archive", key: "a/3", content: "3" });
    // called as the trigger will, with a context whose fetch and crypto are Node's and the host's own
    const context = {
      fetch: (url: string, init: RequestInit) => fetch(url, init),
      crypto: { hmac: (...a: unknown[]) => hostCrypto("hmac", a), hash: (...a: unknown[]) => hostCrypto("hash", a) },
    } as unknown as ActionContext;
    const first = await listObjects(context, s3.connection, { bucket: "archive", prefix: "a/", maxKeys: 2 });
    expect(first.objects.map((o) => o.key)).toEqual(["a/1", "a/2"]);
    expect(first.nextContinuationToken).toEqual(expect.any(String));
    const after = await listObjects(context, s3.connection, { bucket: "archive", prefix: "a/", startAfter: "a/1" });
    expect(after.objects.map((o) => o.key)).toEqual(["a/2", "a/3"]);
    expect(after.objects[0]).toEqual({ key: "a/2", size: 1, lastModified: expect.stringMatching(/Z$/), etag: expect.any(String) });
  });

  test("temporary credentials: the session token is sent as x-amz-security-token and signed", async () => {
    const before = s3.requests.length;
    const withToken = { ...s3.connection, sessionToken: "FwoGZXIvYXdzEXAMPLETOKEN" };
    await runner.run(invocation("amazonS3", "putObject", { connection: withToken, bucket: "archive", key: "sts.txt", content: "t" }));
    const got = await runner.run(invocation("amazonS3", "getObject", { connection: withToken, bucket: "archive", key: "sts.txt" }));
    expect((got.data as { body: string }).body).toBe("t");
    expect(s3.requests.slice(before)).toEqual([
      expect.objectContaining({ method: "PUT", signature: "header", valid: true }),
      expect.objectContaining({ method: "GET", signature: "header", valid: true }),
    ]);
  });

  test("S3 error documents become errors with Code and Message; a wrong secret is refused", async () => {
    await expect(run("getObject", { bucket: "inbox", key: "missing.txt" })).rejects.toThrow(
      /S3 GET inbox\/missing\.txt failed: NoSuchKey: The specified key does not exist\. \(HTTP 404\)/,
    );
    await expect(run("listObjects", { bucket: "no-such-bucket" })).rejects.toThrow(/NoSuchBucket/);
    const wrong = { ...s3.connection, secretAccessKey: "not-the-secret" };
    const err = await runner.run(invocation("amazonS3", "listObjects", { connection: wrong, bucket: "inbox" })).then(
      () => null,
      (e: Error) => e,
    );
    expect(err?.message).toMatch(/SignatureDoesNotMatch/);
    expect(err?.message).not.toContain("not-the-secret");
    await expect(run("listObjects", { bucket: "inbox", maxKeys: 5000 })).rejects.toThrow(/maxKeys must be a whole number from 1 to 1000/);
    await expect(run("presignedUrl", { bucket: "inbox", key: "k", expiresSeconds: 604801 })).rejects.toThrow(/expiresSeconds/);
  });

  test("presigned GET and PUT URLs work with plain fetch; a tampered one, or a GET URL used to PUT, is refused", async () => {
    await run("putObject", { bucket: "inbox", key: "share/report.csv", content: "a,b\n1,2\n", contentType: "text/csv" });
    const get = await run("presignedUrl", { bucket: "inbox", key: "share/report.csv", expiresSeconds: 600 });
    expect(get.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/inbox\/share\/report\.csv\?X-Amz-Algorithm=AWS4-HMAC-SHA256&/);
    expect(Date.parse(get.expiresAt as string) - Date.now()).toBeGreaterThan(590_000);
    const response = await fetch(get.url as string);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("a,b\n1,2\n");
    expect(s3.requests.at(-1)).toMatchObject({ signature: "query", valid: true });

    const tampered = (get.url as string).replace("report.csv", "secret.csv");
    expect((await fetch(tampered)).status).toBe(403);

    const put = await run("presignedUrl", { bucket: "inbox", key: "uploads/new.txt", method: "PUT", expiresSeconds: 60 });
    expect((await fetch(put.url as string, { method: "PUT", body: "uploaded" })).status).toBe(200);
    expect((await run("getObject", { bucket: "inbox", key: "uploads/new.txt" })).body).toBe("uploaded");
    // a GET URL does not allow a PUT
    expect((await fetch(get.url as string, { method: "PUT", body: "x" })).status).toBe(403);
  });

  test("127.0.0.1 is refused when the runner's network policy does not allow it", async () => {
    const strict = createSandboxRunner({ loadBundle: loader, network: { allowPrivateNetwork: false, allowedHosts: [] } });
    try {
      const before = s3.requests.length;
      await expect(run("listObjects", { bucket: "inbox" }, strict)).rejects.toThrow(/Refused to connect to 127\.0\.0\.1/);
      expect(s3.requests.length).toBe(before);
    } finally {
      await strict.close();
    }
  });
});
