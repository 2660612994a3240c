import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startHttpServer } from "@/components-registry/test-support/http-server";
import { builtinRunner } from "@/components-registry/test-support/builtin-runner";
import { invocation } from "@/components-registry/test-support/invocation";
import type { SandboxRunner } from "@/components-registry/sandbox/sandbox-runner";

let runner: SandboxRunner;
let server: Awaited<ReturnType<typeof startHttpServer>>;
let flaky = 0;

beforeAll(async () => {
  runner = await builtinRunner(["http"]);
  server = await startHttpServer((req, res) => {
    const path = req.url.split("?")[0];
    if (path === "/json") {
      res.setHeader("content-type", "application/json");
      return res.end(
        JSON.stringify({
          method: req.method,
          url: req.url,
          auth: req.headers.authorization ?? null,
          key: req.headers["x-api-key"] ?? null,
        }),
      );
    }
    if (path === "/echo") {
      res.setHeader("content-type", "text/plain");
      return res.end(`${req.headers["content-type"]}|${req.body.toString("utf8")}`);
    }
    if (path === "/bytes") {
      res.setHeader("content-type", "application/octet-stream");
      return res.end(Buffer.from([0, 1, 2, 255]));
    }
    if (path === "/missing") {
      res.statusCode = 404;
      return res.end("no such thing");
    }
    if (path === "/flaky") {
      flaky++;
      if (flaky < 3) {
        res.statusCode = flaky === 1 ? 503 : 429;
        res.setHeader("retry-after", "0");
        return res.end("busy");
      }
      return res.end("finally");
    }
    if (path === "/token") {
      res.setHeader("content-type", "application/json");
      const ok =
        req.headers.authorization === `Basic ${Buffer.from("id:sec").toString("base64")}` &&
        req.body.toString().includes("grant_type=client_credentials");
      return res.end(JSON.stringify(ok ? { access_token: "tok123", token_type: "bearer" } : { error: "bad" }));
    }
    if (path === "/to-private") {
      res.statusCode = 302;
      res.setHeader("location", "http://10.0.0.1/secret");
      return res.end();
    }
    if (path === "/redirect") {
      res.statusCode = 302;
      res.setHeader("location", "/json");
      return res.end();
    }
    res.statusCode = 500;
    res.end();
  });
});
afterAll(async () => {
  await runner.close();
  await server.close();
});

const run = (action: string, inputs: Record<string, unknown>) => runner.run(invocation("http", action, inputs));

describe("http", () => {
  test("get parses JSON and sends query parameters", async () => {
    const r = await run("get", { url: `${server.url}/json`, queryParams: { q: "a b", tag: ["x", "y"] } });
    expect(r.data).toMatchObject({ method: "GET", url: "/json?q=a+b&tag=x&tag=y" });
  });

  test("auth: basic, apiKey (default and custom header), bearer, oauth2 client credentials", async () => {
    const auth = async (a: Record<string, unknown>) =>
      (await run("get", { url: `${server.url}/json`, auth: a })).data as Record<string, unknown>;
    expect((await auth({ username: "ann", password: "pä" })).auth).toBe(`Basic ${Buffer.from("ann:pä").toString("base64")}`);
    expect((await auth({ key: "k1" })).key).toBe("k1");
    expect((await run("get", { url: `${server.url}/json`, auth: { key: "k2", headerName: "Authorization" } })).data).toMatchObject({
      auth: "k2",
    });
    expect((await auth({ token: "t1" })).auth).toBe("Bearer t1");
    expect((await auth({ tokenUrl: `${server.url}/token`, clientId: "id", clientSecret: "sec" })).auth).toBe("Bearer tok123");
    // the contract's example passes its API key credential as `apiKey`
    expect(((await run("get", { url: `${server.url}/json`, apiKey: { key: "k3" } })).data as Record<string, unknown>).key).toBe("k3");
  });

  test("post bodies: json, form, raw, binary", async () => {
    const post = async (body: unknown, bodyType: string) => (await run("post", { url: `${server.url}/echo`, body, bodyType })).data;
    expect(await post({ a: 1 }, "json")).toBe('application/json|{"a":1}');
    expect(await post({ a: "x y", b: 2 }, "form")).toBe("application/x-www-form-urlencoded;charset=UTF-8|a=x+y&b=2");
    expect(await post("plain text", "raw")).toBe("text/plain;charset=UTF-8|plain text");
    expect(await post(new Uint8Array([104, 105]), "binary")).toBe("application/octet-stream|hi");
  });

  test("request with any method; put and patch", async () => {
    expect((await run("request", { method: "PUT", url: `${server.url}/json` })).data).toMatchObject({ method: "PUT" });
    expect((await run("patch", { url: `${server.url}/json`, body: {} })).data).toMatchObject({ method: "PATCH" });
    expect((await run("delete", { url: `${server.url}/json` })).data).toMatchObject({ method: "DELETE" });
  });

  test("binary responses arrive as bytes; responseType text overrides", async () => {
    const r = await run("get", { url: `${server.url}/bytes` });
    expect(r.data).toEqual(new Uint8Array([0, 1, 2, 255]));
    expect(r.contentType).toBe("application/octet-stream");
    expect((await run("get", { url: `${server.url}/json`, responseType: "text" })).data).toMatch(/^\{"method"/);
  });

  test("failOnError, includeFullResponse, redirects", async () => {
    await expect(run("get", { url: `${server.url}/missing` })).rejects.toThrow("HTTP 404 Not Found from GET http://127.0.0.1");
    const full = await run("get", { url: `${server.url}/missing`, failOnError: "false", includeFullResponse: true });
    expect(full.data).toMatchObject({ status: 404, body: "no such thing" });
    expect((await run("get", { url: `${server.url}/redirect` })).data).toMatchObject({ url: "/json" });
  });

  test("retries on 503 and 429, honoring Retry-After", async () => {
    await expect(run("get", { url: `${server.url}/flaky` })).rejects.toThrow("HTTP 503");
    flaky = 0;
    const inv = invocation("http", "get", { url: `${server.url}/flaky`, retries: 3, retryDelayMs: 10 });
    expect((await runner.run(inv)).data).toBe("finally");
    expect(inv.lines.filter((l) => l.message.startsWith("retrying"))).toHaveLength(2);
  });

  test("answers are logged by their status: 2xx info, 4xx warn, 5xx error", async () => {
    const levelOf = async (path: string) => {
      const inv = invocation("http", "get", { url: `${server.url}${path}`, failOnError: "false" });
      await runner.run(inv);
      return inv.lines.map((l) => [l.level, l.message.replace(/\(\d+ ms\)/, "")]);
    };
    expect(await levelOf("/json")).toEqual([["info", `GET ${server.url}/json → 200 `]]);
    expect(await levelOf("/missing")).toEqual([["warn", `GET ${server.url}/missing → 404 `]]);
    expect(await levelOf("/broken")).toEqual([["error", `GET ${server.url}/broken → 500 `]]);
  });

  test("a missing url is refused by name", async () => {
    await expect(run("get", {})).rejects.toThrow('Input "url" (URL) is required');
  });
});

describe("network guard", () => {
  test("refuses loopback, private and mapped addresses by default", async () => {
    const guarded = await builtinRunner(["http"], { network: { allowPrivateNetwork: false, allowedHosts: [] } });
    try {
      for (const url of [
        `${server.url}/json`,
        "http://localhost:8080/",
        "http://[::1]:8080/",
        "http://[::ffff:127.0.0.1]:8080/",
        "http://[::ffff:7f00:1]/",
        "http://10.1.2.3/",
        "http://0.0.0.0:8080/",
        "http://169.254.169.254/latest",
      ]) {
        await expect(guarded.run(invocation("http", "get", { url })), url).rejects.toThrow(
          /Refused to connect to .* private, loopback and link-local addresses are blocked/,
        );
      }
      await expect(guarded.run(invocation("http", "get", { url: "file:///etc/passwd" }))).rejects.toThrow(/Only http and https/);
    } finally {
      await guarded.close();
    }
  });

  test("an allow-list entry lets one host through, but not where it redirects", async () => {
    const allowed = await builtinRunner(["http"], { network: { allowPrivateNetwork: false, allowedHosts: ["127.0.0.1"] } });
    try {
      expect((await allowed.run(invocation("http", "get", { url: `${server.url}/json` }))).data).toMatchObject({ method: "GET" });
      await expect(allowed.run(invocation("http", "get", { url: `${server.url}/to-private` }))).rejects.toThrow(
        /Refused to connect to 10\.0\.0\.1/,
      );
    } finally {
      await allowed.close();
    }
  });
});
