import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";
import { activeSession, authenticate, baseUrl } from "./authenticate";
import { JunctionError } from "./errors";

let server: Server;
let url: string;
const received: { path: string; body: string; cookie?: string }[] = [];

const read = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => resolve(body));
  });

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const body = await read(req);
    received.push({ path: req.url!, body, cookie: req.headers.cookie });
    const { token } = JSON.parse(body) as { token: string };
    res.setHeader("content-type", "application/json");
    if (token === "good") {
      res.end(
        JSON.stringify({
          sessionToken: "jes_session",
          expiresAt: "2030-01-01T00:00:00.000Z",
          user: { id: "u1", name: "Ann", email: "ann@example.com", role: "customer" },
          customer: { id: "c1", name: "Acme", externalId: "acme" },
        }),
      );
    } else if (token === "html") {
      res.statusCode = 502;
      res.setHeader("content-type", "text/html");
      res.end("<h1>Bad gateway</h1>");
    } else {
      res.statusCode = 401;
      res.end(JSON.stringify({ error: "token_expired", message: "the token expired at 2026-01-01T00:00:00Z: sign a fresh one" }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

test("posts the JWT once and keeps the session for the views", async () => {
  const session = await authenticate({ url, token: "good" });
  expect(session).toEqual({
    expiresAt: "2030-01-01T00:00:00.000Z",
    user: { id: "u1", name: "Ann", email: "ann@example.com", role: "customer" },
    customer: { id: "c1", name: "Acme", externalId: "acme" },
  });
  expect(session).not.toHaveProperty("sessionToken");
  expect(received.at(-1)).toMatchObject({ path: "/api/embedded/session", body: '{"token":"good"}', cookie: undefined });
  expect(activeSession()).toMatchObject({ token: "jes_session", base: url.slice(0, -1), origin: url.slice(0, -1) });
});

test("a refusal rejects with the server's code and message, and is not retried", async () => {
  const before = received.length;
  const err = (await authenticate({ url, token: "expired" }).catch((e: unknown) => e)) as JunctionError;
  expect(err).toBeInstanceOf(JunctionError);
  expect(err).toMatchObject({ code: "token_expired", status: 401, message: "the token expired at 2026-01-01T00:00:00Z: sign a fresh one" });
  expect(received.length).toBe(before + 1);
  const bad = (await authenticate({ url, token: "html" }).catch((e: unknown) => e)) as JunctionError;
  expect(bad).toMatchObject({ code: "http_502", status: 502 });
});

test("an unreachable Junction or a bad URL says so", async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  await expect(authenticate({ url: `http://127.0.0.1:${port}`, token: "good" })).rejects.toMatchObject({ code: "network_error" });
  expect(() => baseUrl("javascript:alert(1)")).toThrow("Junction is reached over http(s)");
  expect(() => baseUrl("not a url")).toThrow(JunctionError);
  expect(() => baseUrl("https://j.example.com/base/?x=1")).toThrow("without a query or fragment");
  expect(baseUrl("https://j.example.com/base/")).toEqual({ base: "https://j.example.com/base", origin: "https://j.example.com" });
});
