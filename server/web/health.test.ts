import type { IncomingMessage, ServerResponse } from "node:http";
import { expect, test, vi } from "vitest";
import { healthHandler } from "./health";

test("an unreachable database is reported without its address or user (anyone may call /api/health); the log has them", async () => {
  const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
  const pool = { query: () => Promise.reject(new Error('password authentication failed for user "junction_admin" at db.internal:5432')) };
  let status = 0;
  let body = "";
  const res = { writeHead: (s: number) => ((status = s), res), end: (b: string) => (body = b) } as unknown as ServerResponse;
  await healthHandler({ pool: pool as never, queue: () => true })({} as IncomingMessage, res);
  expect(status).toBe(503);
  expect(JSON.parse(body)).toEqual({ status: "error", database: "error: unreachable", queue: "ok" });
  expect(String(logged.mock.calls[0]![0])).toContain("junction_admin");
  logged.mockRestore();
});
