/**
 * The real `junction` binary as a child process, for what needs no server: offline validation,
 * and the one-line errors when the CLI is not signed in or the server cannot be reached.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const BIN = join(ROOT, "cli", "bin", "junction.mjs");
const FIXTURES = join(ROOT, "e2e", "fixtures");
const temp = mkdtempSync(join(tmpdir(), "junction-cli-test-"));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function junction(args: string[], env: Record<string, string> = {}): Promise<Run> {
  // a config dir of our own, and nothing of the developer's JUNCTION_* settings (the cast: Next's
  // types make NODE_ENV a required key of ProcessEnv)
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("JUNCTION_")));
  return new Promise((resolve) => {
    const options = {
      cwd: ROOT,
      env: { ...base, XDG_CONFIG_HOME: join(temp, "config"), ...env } as unknown as NodeJS.ProcessEnv,
      encoding: "utf8" as const,
    };
    execFile(process.execPath, [BIN, ...args], options, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const noStackTrace = (text: string) => expect(text).not.toMatch(/^\s+at /m);

describe.concurrent("integrations:validate (offline)", () => {
  it("accepts a good definition and says what it is", async () => {
    const run = await junction(["integrations:validate", "--path", join(FIXTURES, "cli-order-sync.yml")]);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toMatch(/cli-order-sync\.yml is valid: CLI Order Sync \(2 flows\)/);
  });

  it("lists every problem with its path and line, exit code 1, no stack trace", async () => {
    const run = await junction(["integrations:validate", "--path", join(FIXTURES, "cli-invalid.yml")]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("cli-invalid.yml: 2 problems:");
    expect(run.stderr).toContain('flows[0].steps[0].inputs.url.reference: unknown reference "missingStep" (line 11)');
    expect(run.stderr).toMatch(/flows\[0\]\.steps\[1\]\.name: steps "Fetch" .* have the same key "fetch" \(line 12\)/);
    noStackTrace(run.stderr);
  });

  it("reports YAML syntax errors with their line", async () => {
    const path = join(temp, "syntax.yml");
    writeFileSync(path, "definitionVersion: 1\nname: [unclosed\nflows: []\n");
    const run = await junction(["integrations", "validate", "--path", path]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/1 problem:\n .*\(line \d\)/);
  });

  it("reports schema errors (a missing required field) with their line", async () => {
    const path = join(temp, "schema.yml");
    writeFileSync(path, "definitionVersion: 1\nname: No flows here\nlabels: [a]\nflows:\n  - name: F\n    steps: []\n");
    const run = await junction(["integrations:validate", "--path", path]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/flows\[0\]\.trigger: .*\(line 5\)/);
  });

  it("prints one JSON object with --output json, still exiting 1 when invalid", async () => {
    const run = await junction(["integrations:validate", "--path", join(FIXTURES, "cli-invalid.yml"), "--output", "json"]);
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({ valid: false, name: null });
    expect(result.problems).toContainEqual({
      path: "flows[0].steps[0].inputs.url.reference",
      message: 'unknown reference "missingStep"',
      line: 11,
    });
  });

  it("says a file is missing in one line", async () => {
    const run = await junction(["integrations:validate", "--path", join(temp, "nope.yml")]);
    expect(run).toMatchObject({ code: 1, stdout: "" });
    expect(run.stderr.trim()).toBe(`error: ${join(temp, "nope.yml")}: no such file`);
  });
});

describe.concurrent("errors without a server", () => {
  it("not signed in: one line telling how to log in, exit code 1", async () => {
    const run = await junction(["integrations:list"], { JUNCTION_URL: "http://127.0.0.1:3999" });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toContain("junction login --url http://127.0.0.1:3999 --email");
    expect(run.stderr).toContain("JUNCTION_TOKEN");
  });

  it("server unreachable: one line naming the URL", async () => {
    // a port that was free a moment ago: nothing listens there
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, "127.0.0.1", () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const run = await junction(["instances:list"], { JUNCTION_URL: `http://127.0.0.1:${port}`, JUNCTION_TOKEN: "jct_whatever" });
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(`error: cannot reach the Junction server at http://127.0.0.1:${port} (ECONNREFUSED)`);
  });

  it("an id that is not an id is not found, before any server is asked", async () => {
    const run = await junction(["instances:get", "nope"], { JUNCTION_URL: "http://127.0.0.1:3999", JUNCTION_TOKEN: "jct_x" });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: instance not found/);
  });

  it("prints the stack trace with --debug", async () => {
    const run = await junction(["--debug", "instances:list"], { JUNCTION_URL: "http://127.0.0.1:3999", JUNCTION_TOKEN: "jct_x" });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^\s+at /m);
  });

  it("an unknown command or option is a usage error, exit code 1", async () => {
    expect((await junction(["integrations:nope"])).code).toBe(1);
    expect((await junction(["integrations:list", "--nope"])).code).toBe(1);
    const help = await junction(["integrations:import", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("--path <file>");
  });
});
