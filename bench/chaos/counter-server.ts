/**
 * What the chaos flow's HTTP step calls: counts the calls per key (a key per webhook), answering
 * after a few milliseconds so that runs are in flight when a worker is killed.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface CounterServer {
  url: string;
  hits: Map<string, number>;
  close(): Promise<void>;
}

export async function startCounterServer(delayMs = 20): Promise<CounterServer> {
  const hits = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const key = decodeURIComponent((req.url ?? "").replace(/^\/hit\//, ""));
    hits.set(key, (hits.get(key) ?? 0) + 1);
    setTimeout(() => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ key, n: hits.get(key) }));
    }, delayMs);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
