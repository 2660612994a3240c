import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startHttpServer } from "@/components-registry/test-support/http-server";
import type { NetworkPolicy } from "../limits";
import { CallBudget } from "./call-budget";
import { createGuardedAgent, guardedFetch, type FetchRequest } from "./guarded-fetch";

const policy: NetworkPolicy = {
  allowPrivateNetwork: true,
  allowedHosts: [],
  fetchMaxBytes: 1024,
  fetchTimeoutMs: 2000,
  hostConcurrency: 4,
  inflightBytes: 2048,
  sftpMaxBytes: 1024,
  sftpMaxListEntries: 100,
  maxConnectionsPerExecution: 8,
};
const agent = createGuardedAgent(policy);
let server: Awaited<ReturnType<typeof startHttpServer>>;
let other: Awaited<ReturnType<typeof startHttpServer>>;
/** called when a request for /slow (which is never answered) arrives */
let slowArrived: (() => void) | undefined;

beforeAll(async () => {
  other = await startHttpServer((req, res) => res.end(JSON.stringify({ method: req.method, headers: req.headers })));
  server = await startHttpServer((req, res) => {
    const path = req.url.split("?")[0];
    if (path === "/headers") {
      res.setHeader("set-cookie", ["a=1", "b=2"]);
      res.setHeader("x-many", ["one", "two"]);
      res.setHeader("content-type", "text/plain");
      return res.end("hello");
    }
    if (path === "/echo") {
      return res.end(
        JSON.stringify({
          method: req.method,
          body: req.body.toString(),
          type: req.headers["content-type"] ?? null,
          auth: req.headers.authorization ?? null,
        }),
      );
    }
    if (path === "/same-origin") {
      return res.end(JSON.stringify({ headers: req.headers }));
    }
    if (path === "/to-same-origin") {
      res.statusCode = 307;
      res.setHeader("location", "/same-origin");
      return res.end();
    }
    if (path === "/see-other" || path === "/found" || path === "/temporary") {
      res.statusCode = path === "/see-other" ? 303 : path === "/found" ? 302 : 307;
      res.setHeader("location", "/echo");
      return res.end("moved");
    }
    if (path === "/elsewhere") {
      res.statusCode = 302;
      res.setHeader("location", `${other.url}/who`);
      return res.end();
    }
    if (path === "/loop") {
      res.statusCode = 302;
      res.setHeader("location", "/loop");
      return res.end();
    }
    if (path === "/big") return res.end("x".repeat(4096));
    if (path === "/big-chunked") {
      res.write("x".repeat(800)); // written before the end: sent chunked, with no length
      return res.end("y".repeat(800));
    }
    if (path === "/slow") {
      // never answered: the caller's time limit or its abort ends the request
      return slowArrived?.();
    }
    res.statusCode = 404;
    res.end();
  });
});
afterAll(async () => {
  await server.close();
  await other.close();
  await agent.close();
});

const run = (req: Partial<FetchRequest> & { url: string }, signal = new AbortController().signal) =>
  guardedFetch({ method: "GET", headers: [], ...req }, { agent, policy, signal });
const text = (b: Uint8Array) => Buffer.from(b).toString();

describe("guardedFetch", () => {
  test("status, status text, headers as fetch lists them (set-cookie apart, others joined), and the body", async () => {
    const r = await run({ url: `${server.url}/headers` });
    expect(r).toMatchObject({ status: 200, statusText: "OK", url: `${server.url}/headers`, redirected: false });
    expect(r.headers.filter(([k]) => k === "set-cookie" || k === "x-many" || k === "content-type")).toEqual([
      ["content-type", "text/plain"],
      ["set-cookie", "a=1"],
      ["set-cookie", "b=2"],
      ["x-many", "one, two"],
    ]);
    expect(text(r.body)).toBe("hello");
    const missing = await run({ url: `${server.url}/nothing` });
    expect(missing).toMatchObject({ status: 404, statusText: "Not Found" });
  });

  test("bodies and methods are sent as given, with an accept and a user agent unless set, and no accept-encoding", async () => {
    const r = await run({
      url: `${server.url}/echo`,
      method: "post",
      body: "a=1",
      headers: [
        ["content-type", "application/x-www-form-urlencoded"],
        ["Accept-Encoding", "gzip"],
      ],
    });
    expect(JSON.parse(text(r.body))).toEqual({ method: "POST", body: "a=1", type: "application/x-www-form-urlencoded", auth: null });
    expect(server.received.at(-1)!.headers).toMatchObject({ accept: "*/*", "user-agent": "Junction" });
    expect(server.received.at(-1)!.headers["accept-encoding"]).toBeUndefined();
    await run({
      url: `${server.url}/echo`,
      headers: [
        ["user-agent", "acme/1.0"],
        ["accept", "application/json"],
      ],
    });
    expect(server.received.at(-1)!.headers).toMatchObject({ accept: "application/json", "user-agent": "acme/1.0" });
  });

  test("redirects are followed as fetch does: 303 and a POST's 302 become GET, 307 keeps method and body", async () => {
    const post = { method: "POST", body: "payload", headers: [["content-type", "text/plain"]] as [string, string][] };
    const seeOther = await run({ url: `${server.url}/see-other`, ...post });
    expect(seeOther).toMatchObject({ status: 200, redirected: true, url: `${server.url}/echo` });
    expect(JSON.parse(text(seeOther.body))).toEqual({ method: "GET", body: "", type: null, auth: null });
    expect(JSON.parse(text((await run({ url: `${server.url}/found`, ...post })).body))).toMatchObject({ method: "GET", body: "" });
    expect(JSON.parse(text((await run({ url: `${server.url}/temporary`, ...post })).body))).toEqual({
      method: "POST",
      body: "payload",
      type: "text/plain",
      auth: null,
    });
  });

  test("a redirect to another origin drops the credentials; manual and error modes; a redirect loop ends", async () => {
    const r = await run({
      url: `${server.url}/elsewhere`,
      headers: [
        ["authorization", "Bearer secret"],
        ["cookie", "s=1"],
      ],
    });
    expect(r.url).toBe(`${other.url}/who`);
    const seen = JSON.parse(text(r.body)) as { method: string; headers: Record<string, string> };
    expect(seen.method).toBe("GET");
    expect([seen.headers.authorization, seen.headers.cookie]).toEqual([undefined, undefined]);
    const manual = await run({ url: `${server.url}/found`, redirect: "manual" });
    expect(manual).toMatchObject({ status: 302, redirected: false, url: `${server.url}/found` });
    expect(manual.headers).toContainEqual(["location", "/echo"]);
    await expect(run({ url: `${server.url}/found`, redirect: "error" })).rejects.toThrow(/redirect/);
    await expect(run({ url: `${server.url}/loop` })).rejects.toThrow(/redirect/);
  });

  test("API-key headers are not forwarded on a redirect to another origin: custom key headers, proxy credentials and the HTTP component's credential header are dropped, plain headers kept", async () => {
    const secrets: [string, string][] = [
      ["x-api-key", "k1"],
      ["api-key", "k2"],
      ["x-auth-token", "k3"],
      ["proxy-authorization", "Basic k4"],
      ["x-vendor-secret", "k5"], // an apiKey credential's own headerName
      ["cookie", "s=1"],
    ];
    const r = await run({
      url: `${server.url}/elsewhere`,
      headers: [...secrets, ["accept", "application/json"], ["accept-language", "fr"]],
    });
    const { headers } = JSON.parse(text(r.body)) as { headers: Record<string, string> };
    for (const [name] of secrets) expect(headers[name], name).toBeUndefined();
    expect(headers).toMatchObject({ accept: "application/json", "accept-language": "fr", "user-agent": "Junction" });
    // the same origin keeps them, as fetch does
    const same = await run({ url: `${server.url}/to-same-origin`, headers: secrets });
    expect(JSON.parse(text(same.body)).headers).toMatchObject(Object.fromEntries(secrets));
  });

  test("a body over the size limit is refused, by its length or as it arrives", async () => {
    await expect(run({ url: `${server.url}/big` })).rejects.toThrow(/larger than 0\.0009765625 MB \(JUNCTION_FETCH_MAX_MB\)/);
    await expect(run({ url: `${server.url}/big-chunked` })).rejects.toThrow(/JUNCTION_FETCH_MAX_MB/);
  });

  test("the timeout, the call's end and bad URLs", async () => {
    await expect(run({ url: `${server.url}/slow`, timeoutMs: 100 })).rejects.toThrow(`The request to ${server.url} timed out after 100 ms`);
    // the call ends while the server holds the request
    const ended = new AbortController();
    slowArrived = () => ended.abort(new Error("call ended"));
    await expect(run({ url: `${server.url}/slow` }, ended.signal)).rejects.toThrow(`The request to ${server.url} was aborted`);
    slowArrived = undefined;
    await expect(run({ url: "not a url" })).rejects.toThrow("Invalid URL: not a url");
    await expect(run({ url: "ftp://example.com/x" })).rejects.toThrow(/Only http and https/);
    await expect(run({ url: `${server.url.replace("//", "//me:pw@")}/echo` })).rejects.toThrow(/credentials/);
    const closed = await startHttpServer(() => undefined);
    await closed.close();
    await expect(run({ url: `${closed.url}/` })).rejects.toThrow(new RegExp(`^The request to ${closed.url} failed \\(.*ECONNREFUSED`));
  });
});

describe("per-call limits", () => {
  test("a call's reads together may not hold more than its in-flight budget; each read gives its bytes back when done", async () => {
    const roomy = { ...policy, fetchMaxBytes: 4096 };
    const budget = new CallBudget(policy.hostConcurrency, policy.inflightBytes);
    budget.take(1500); // another read of the same call, still arriving
    await expect(
      guardedFetch(
        { method: "GET", headers: [], url: `${server.url}/big-chunked` },
        { agent, policy: roomy, signal: new AbortController().signal, budget },
      ),
    ).rejects.toThrow(/JUNCTION_SANDBOX_INFLIGHT_MB/);
    budget.give(1500);
    const r = await guardedFetch(
      { method: "GET", headers: [], url: `${server.url}/big-chunked` },
      { agent, policy: roomy, signal: new AbortController().signal, budget },
    );
    expect(r.body.byteLength).toBe(1600);
    budget.take(2048); // all of it is free again
  });

  test("10,000 operations started at once run a few at a time, and past the waiting limit are refused with a clear error", async () => {
    const budget = new CallBudget(4, 1 << 20);
    let running = 0;
    let most = 0;
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const op = async () => {
      most = Math.max(most, ++running);
      await gate;
      running--;
      return 1;
    };
    const results = Array.from({ length: 10_000 }, () =>
      budget.run(op).then(
        () => "ran",
        (e: Error) => e.message,
      ),
    );
    open();
    const outcomes = await Promise.all(results);
    expect(most).toBe(4);
    expect(outcomes.filter((o) => o === "ran")).toHaveLength(1004);
    expect(outcomes.find((o) => o !== "ran")).toMatch(
      /more than 4 network operations running and 1000 waiting \(JUNCTION_SANDBOX_HOST_CONCURRENCY\)/,
    );
  });
});
