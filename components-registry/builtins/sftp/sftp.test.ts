import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { builtinRunner } from "@/components-registry/test-support/builtin-runner";
import { invocation } from "@/components-registry/test-support/invocation";
import { startSftpServer } from "@/components-registry/test-support/sftp-server";
import type { SandboxRunner } from "@/components-registry/sandbox/sandbox-runner";

let runner: SandboxRunner;
let server: Awaited<ReturnType<typeof startSftpServer>>;
let connection: Record<string, unknown>;

beforeAll(async () => {
  runner = await builtinRunner(["sftp"]);
  server = await startSftpServer();
  connection = { host: "127.0.0.1", port: server.port, username: "tester", password: "secret" };
  mkdirSync(join(server.root, "in"));
  writeFileSync(join(server.root, "in", "a.csv"), "id\n1\n");
  writeFileSync(join(server.root, "in", "b.csv"), "id\n2\n");
  writeFileSync(join(server.root, "in", "notes.txt"), "hello");
  writeFileSync(join(server.root, "in", "blob.bin"), Buffer.from([0, 159, 255, 10]));
});
afterAll(async () => {
  await runner?.close();
  await server?.close();
});

const run = (action: string, inputs: Record<string, unknown>, executionId = "exec-sftp") => {
  const inv = invocation("sftp", action, { connection, ...inputs });
  inv.facts.executionId = executionId;
  return runner.run(inv);
};

describe("sftp", () => {
  test("listDirectory with a glob pattern", async () => {
    const r = await run("listDirectory", { path: "/in", pattern: "*.csv" });
    expect(r.data).toEqual([
      { name: "a.csv", path: "/in/a.csv", size: 5, modifiedAt: expect.any(String), isDirectory: false },
      { name: "b.csv", path: "/in/b.csv", size: 5, modifiedAt: expect.any(String), isDirectory: false },
    ]);
    const all = (await run("listDirectory", { path: "/in" })).data as unknown[];
    expect(all).toHaveLength(4);
  });

  test("readFile returns the exact bytes", async () => {
    const r = await run("readFile", { path: "/in/blob.bin" });
    expect(r.data).toEqual(new Uint8Array([0, 159, 255, 10]));
  });

  test("writeFile (bytes and text), stat, moveFile, deleteFile", async () => {
    expect((await run("writeFile", { path: "/out.bin", content: new Uint8Array([1, 2, 3]) })).data).toEqual({ path: "/out.bin", size: 3 });
    expect([...readFileSync(join(server.root, "out.bin"))]).toEqual([1, 2, 3]);
    expect((await run("writeFile", { path: "/hello.txt", content: "héllo" })).data).toEqual({ path: "/hello.txt", size: 6 });
    expect((await run("stat", { path: "/hello.txt" })).data).toMatchObject({ name: "hello.txt", size: 6, isDirectory: false });
    expect((await run("moveFile", { from: "/hello.txt", to: "/in/hello.txt" })).data).toEqual({ from: "/hello.txt", to: "/in/hello.txt" });
    expect(readFileSync(join(server.root, "in", "hello.txt"), "utf8")).toBe("héllo");
    expect((await run("deleteFile", { path: "/in/hello.txt" })).data).toEqual({ path: "/in/hello.txt" });
    expect(existsSync(join(server.root, "in", "hello.txt"))).toBe(false);
  });

  test("a private key signs in too", async () => {
    const inv = invocation("sftp", "readFile", {
      connection: { host: "127.0.0.1", port: server.port, username: "tester", privateKey: server.clientPrivateKey },
      path: "/in/notes.txt",
    });
    inv.facts.executionId = "exec-key";
    expect(new TextDecoder().decode((await runner.run(inv)).data as Uint8Array)).toBe("hello");
    await runner.endExecution("exec-key");
  });

  test("one connection per execution, closed when the execution ends", async () => {
    const before = server.connections();
    await run("stat", { path: "/in/a.csv" }, "exec-pool");
    await run("stat", { path: "/in/b.csv" }, "exec-pool");
    await run("readFile", { path: "/in/a.csv" }, "exec-pool");
    expect(server.connections() - before).toBe(1);
    await runner.endExecution("exec-pool");
    await run("stat", { path: "/in/a.csv" }, "exec-pool");
    expect(server.connections() - before).toBe(2);
    await runner.endExecution("exec-pool");
  });

  test("errors are clear: missing file, wrong password", async () => {
    await expect(run("readFile", { path: "/in/nope.txt" })).rejects.toThrow(/nope\.txt/);
    const inv = invocation("sftp", "stat", { connection: { ...connection, password: "wrong" }, path: "/in" });
    inv.facts.executionId = "exec-bad";
    await expect(runner.run(inv)).rejects.toThrow(/authentication/i);
  });

  test("the network guard applies to SFTP hosts too", async () => {
    const guarded = await builtinRunner(["sftp"], { network: { allowPrivateNetwork: false, allowedHosts: [] } });
    try {
      await expect(guarded.run(invocation("sftp", "stat", { connection, path: "/" }))).rejects.toThrow(
        /Refused to connect to 127\.0\.0\.1/,
      );
    } finally {
      await guarded.close();
    }
  });

  test("a file larger than the read limit is refused while it streams in; a folder past the list cap is refused, not half-listed", async () => {
    writeFileSync(join(server.root, "in", "big.bin"), Buffer.alloc(64 * 1024, 7));
    const capped = await builtinRunner(["sftp"], {
      network: { allowPrivateNetwork: true, sftpMaxBytes: 32 * 1024, sftpMaxListEntries: 4 },
    });
    const inv = (action: string, inputs: Record<string, unknown>) => {
      const i = invocation("sftp", action, { connection, ...inputs });
      i.facts.executionId = "exec-capped";
      return i;
    };
    try {
      await expect(capped.run(inv("readFile", { path: "/in/big.bin" }))).rejects.toThrow(
        "The file /in/big.bin is larger than 0.03125 MB (JUNCTION_SFTP_MAX_MB)",
      );
      expect((await capped.run(inv("readFile", { path: "/in/notes.txt" }))).data).toEqual(new TextEncoder().encode("hello"));
      await expect(capped.run(inv("listDirectory", { path: "/in" }))).rejects.toThrow(
        "The folder /in has more than 4 entries (JUNCTION_SFTP_MAX_LIST_ENTRIES): list a narrower folder",
      );
    } finally {
      await capped.endExecution("exec-capped");
      await capped.close();
      rmSync(join(server.root, "in", "big.bin"));
    }
  });
});
