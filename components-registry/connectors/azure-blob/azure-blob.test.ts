/**
 * The Azure Blob connector installed from this folder and run in the real sandbox against Azurite,
 * which checks Shared Key and SAS signatures.
 */
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { hostCrypto } from "../../sandbox/host/host-crypto";
import { preparePackage } from "../../packages/prepare-package";
import { createMemoryBundleLoader } from "../../sandbox/memory-loader";
import { createSandboxRunner, type SandboxRunner } from "../../sandbox/sandbox-runner";
import { invocation } from "../../test-support/invocation";
import { parseConnectionString, readAzureConnection } from "./src/read-connection";
import { stringToSign, sharedKeyAuthorization } from "./src/shared-key";
import { startAzurite, type RunningAzurite } from "./test-support/azurite";

let azurite: RunningAzurite;
let runner: SandboxRunner;
let loader: ReturnType<typeof createMemoryBundleLoader>;

beforeAll(async () => {
  azurite = await startAzurite();
  loader = createMemoryBundleLoader([await preparePackage({ path: __dirname })]);
  runner = createSandboxRunner({ loadBundle: loader, network: { allowedHosts: ["127.0.0.1"] } });
}, 60_000);
afterAll(async () => {
  await runner?.close();
  await azurite?.stop();
});

const byString = () => ({ connectionString: azurite.connectionString });
const byKey = () => ({ accountName: azurite.accountName, accountKey: azurite.accountKey, blobEndpoint: azurite.blobEndpoint });
const run = async (action: string, inputs: Record<string, unknown>, connection: Record<string, unknown> = byString()) =>
  (await runner.run(invocation("azureBlob", action, { connection, ...inputs }))).data as Record<string, unknown>;
const names = (list: unknown, field = "name") => (list as Record<string, string>[]).map((x) => x[field]);

/** An account SAS (version 2019-12-12 string-to-sign), computed here with Node's crypto. */
function accountSas(permissions: string): string {
  const expiry = new Date(Date.now() + 3600_000).toISOString().replace(/\.\d{3}/, "");
  const fields = { sv: "2019-12-12", ss: "b", srt: "sco", sp: permissions, se: expiry, spr: "https,http" };
  const toSign = [azurite.accountName, fields.sp, fields.ss, fields.srt, "", fields.se, "", fields.spr, fields.sv, ""].join("\n");
  const sig = createHmac("sha256", Buffer.from(azurite.accountKey, "base64")).update(toSign).digest("base64");
  return new URLSearchParams({ ...fields, sig }).toString();
}

describe("Azure Blob Storage connector", () => {
  test("the manifest lists the actions and the storageAccount connection", async () => {
    const { manifest } = await loader("azureBlob");
    expect(Object.keys(manifest.actions)).toEqual(["listContainers", "createContainer", "listBlobs", "getBlob", "putBlob", "deleteBlob"]);
    expect(manifest.connections?.storageAccount.fields.map((f) => f.key)).toEqual([
      "connectionString",
      "accountName",
      "accountKey",
      "sasToken",
      "blobEndpoint",
    ]);
  });

  test("containers, put, get as text and bytes, list with prefix/delimiter/paging, delete — with a connection string", async () => {
    expect(await run("createContainer", { container: "orders" })).toEqual({ container: "orders", created: true });
    expect(await run("createContainer", { container: "orders" })).toEqual({ container: "orders", created: false });
    await run("createContainer", { container: "archive" });
    const containers = await run("listContainers", {});
    expect(names(containers.containers)).toEqual(["archive", "orders"]);
    expect(names((await run("listContainers", { prefix: "or" })).containers)).toEqual(["orders"]);

    const put = await run("putBlob", {
      container: "orders",
      blob: "in/ünï code & space.txt",
      content: "hello Azure",
      contentType: "text/plain",
    });
    expect(put).toMatchObject({ container: "orders", blob: "in/ünï code & space.txt", size: 11, etag: expect.any(String) });
    await run("putBlob", { container: "orders", blob: "in/b.bin", content: new Uint8Array([0, 1, 2, 255]) });
    await run("putBlob", { container: "orders", blob: "in/deeper/c.txt", content: "c" });
    await run("putBlob", { container: "orders", blob: "other.txt", content: "o" });

    const text = await run("getBlob", { container: "orders", blob: "in/ünï code & space.txt" });
    expect(text).toMatchObject({ body: "hello Azure", size: 11, contentType: "text/plain", etag: put.etag });
    expect((await run("getBlob", { container: "orders", blob: "in/b.bin", as: "bytes" })).body).toEqual(new Uint8Array([0, 1, 2, 255]));

    const all = await run("listBlobs", { container: "orders" });
    expect(names(all.blobs)).toEqual(["in/b.bin", "in/deeper/c.txt", "in/ünï code & space.txt", "other.txt"]);
    expect((all.blobs as unknown[])[0]).toMatchObject({ name: "in/b.bin", size: 4, contentType: "application/octet-stream" });
    expect((all.blobs as { lastModified: string }[])[0].lastModified).toMatch(/Z$/);
    const folder = await run("listBlobs", { container: "orders", prefix: "in/", delimiter: "/" });
    expect(names(folder.blobs)).toEqual(["in/b.bin", "in/ünï code & space.txt"]);
    expect(folder.prefixes).toEqual(["in/deeper/"]);
    const page1 = await run("listBlobs", { container: "orders", maxResults: 3 });
    expect(names(page1.blobs)).toHaveLength(3);
    const page2 = await run("listBlobs", { container: "orders", maxResults: 3, marker: page1.nextMarker });
    expect(names(page2.blobs)).toEqual(["other.txt"]);
    expect(page2.nextMarker).toBeUndefined();

    expect(await run("deleteBlob", { container: "orders", blob: "other.txt" })).toEqual({
      container: "orders",
      blob: "other.txt",
      deleted: true,
    });
    expect(names((await run("listBlobs", { container: "orders" })).blobs)).not.toContain("other.txt");
  });

  test("account name + key, and a SAS token, work as the connection", async () => {
    await run("putBlob", { container: "archive", blob: "by-key.txt", content: "k" }, byKey());
    expect((await run("getBlob", { container: "archive", blob: "by-key.txt" }, byKey())).body).toBe("k");
    const sas = { accountName: azurite.accountName, sasToken: "?" + accountSas("rwdlac"), blobEndpoint: azurite.blobEndpoint };
    await run("putBlob", { container: "archive", blob: "by-sas.txt", content: "s" }, sas);
    expect((await run("getBlob", { container: "archive", blob: "by-sas.txt" }, sas)).body).toBe("s");
    const readOnly = { connectionString: `BlobEndpoint=${azurite.blobEndpoint};SharedAccessSignature=${accountSas("rl")}` };
    expect(names((await run("listBlobs", { container: "archive" }, readOnly)).blobs)).toEqual(["by-key.txt", "by-sas.txt"]);
    await expect(run("deleteBlob", { container: "archive", blob: "by-sas.txt" }, readOnly)).rejects.toThrow(
      /AuthorizationPermissionMismatch|HTTP 403/,
    );
  });

  test("errors carry Azure's code and first message line; a wrong key is refused and never shown", async () => {
    await expect(run("getBlob", { container: "orders", blob: "missing.txt" })).rejects.toThrow(
      /^Azure Blob GET orders\/missing\.txt failed: BlobNotFound: The specified blob does not exist\. \(HTTP 404\)$/,
    );
    await expect(run("listBlobs", { container: "no-such-container" })).rejects.toThrow(/ContainerNotFound/);
    const wrongKey = Buffer.from("not the key at all, not at all").toString("base64");
    const err = await runner.run(invocation("azureBlob", "listContainers", { connection: { ...byKey(), accountKey: wrongKey } })).then(
      () => null,
      (e: Error) => e,
    );
    expect(err?.message).toMatch(/AuthorizationFailure|AuthenticationFailed|HTTP 403/);
    expect(err?.message).not.toContain(wrongKey);
    await expect(run("listBlobs", { container: "Bad_Name" })).rejects.toThrow(/container must be a container name/);
  });

  test("127.0.0.1 is refused when the runner's network policy does not allow it", async () => {
    const strict = createSandboxRunner({ loadBundle: loader, network: { allowPrivateNetwork: false, allowedHosts: [] } });
    try {
      await expect(strict.run(invocation("azureBlob", "listContainers", { connection: byString() }))).rejects.toThrow(
        /Refused to connect to 127\.0\.0\.1/,
      );
    } finally {
      await strict.close();
    }
  });
});

describe("connection strings and Shared Key", () => {
  test("connection strings: keys with '=', defaults from AccountName/EndpointSuffix, development storage; clear errors", () => {
    expect(parseConnectionString("A=1;AccountKey=abc==;;")).toEqual({ a: "1", accountkey: "abc==" });
    const azure = readAzureConnection({
      connectionString: "DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=AAAA;EndpointSuffix=core.windows.net",
    });
    expect(azure).toMatchObject({
      accountName: "acme",
      endpoint: "https://acme.blob.core.windows.net",
      accountKey: new Uint8Array([0, 0, 0]),
    });
    expect(readAzureConnection({ connectionString: "UseDevelopmentStorage=true" }).endpoint).toBe(
      "http://127.0.0.1:10000/devstoreaccount1",
    );
    expect(
      readAzureConnection({ connectionString: "BlobEndpoint=https://acme.blob.core.windows.net/;SharedAccessSignature=sv=1&sig=x" }),
    ).toEqual({
      accountName: "acme",
      endpoint: "https://acme.blob.core.windows.net",
      sas: "sv=1&sig=x",
    });
    expect(() => readAzureConnection({})).toThrow("accountName is required");
    expect(() => readAzureConnection({ accountName: "acme" })).toThrow("accountKey or sasToken is required");
    expect(() => readAzureConnection({ accountName: "acme", accountKey: "not base64!" })).toThrow("accountKey is not valid base64");
    expect(() => readAzureConnection({ connectionString: "garbage" })).toThrow(/connectionString has a part without "="/);
  });

  test("the string to sign follows the documented layout; the signature is the key's HMAC-SHA256 of it", () => {
    const req = {
      method: "PUT",
      path: "/acme/orders/a%20b.txt",
      query: [
        ["comp", "block"],
        ["blockid", "x"],
      ] as [string, string][],
      headers: {
        "Content-Length": "3",
        "content-type": "text/plain",
        "x-ms-version": "2023-11-03",
        "x-ms-date": "Fri, 04 Dec 2026 07:00:00 GMT",
      },
    };
    const expected =
      "PUT\n\n\n3\n\ntext/plain\n\n\n\n\n\n\n" +
      "x-ms-date:Fri, 04 Dec 2026 07:00:00 GMT\nx-ms-version:2023-11-03\n" +
      "/acme/acme/orders/a%20b.txt\nblockid:x\ncomp:block";
    expect(stringToSign("acme", req)).toBe(expected);
    const key = new Uint8Array([1, 2, 3, 4]);
    const crypto = { hmac: (a: "sha256", k: string | Uint8Array, d: string | Uint8Array) => hostCrypto("hmac", [a, k, d]) as Uint8Array };
    expect(sharedKeyAuthorization(crypto, "acme", key, req)).toBe(
      `SharedKey acme:${createHmac("sha256", Buffer.from(key)).update(expected).digest("base64")}`,
    );
  });
});
