/**
 * A load generator in its own process (so it does not share the server's event loop): `clients`
 * keep-alive connections POST to `url` for `seconds`, then it prints one JSON line of figures.
 *   node --import tsx bench/support/load-generator.ts URL CLIENTS SECONDS [BODY]
 */
import { Pool } from "undici";

const [url, clientsArg, secondsArg, body = '{"orderId":1,"items":[1,2,3]}'] = process.argv.slice(2);
const clients = Number(clientsArg);
const deadline = Date.now() + Number(secondsArg) * 1000;
const target = new URL(url!);
const pool = new Pool(target.origin, { connections: clients, pipelining: 1 });
const latencies: number[] = [];
const statuses: Record<number, number> = {};
const ids: string[] = [];
let errors = 0;

async function client() {
  while (Date.now() < deadline) {
    const started = performance.now();
    try {
      const res = await pool.request({ method: "POST", path: target.pathname + target.search, body, headers: { "content-type": "application/json" } });
      const text = await res.body.text();
      latencies.push(performance.now() - started);
      statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
      if (res.statusCode === 202) ids.push(JSON.parse(text).executionId);
    } catch {
      errors++;
    }
  }
}

const began = performance.now();
const cpuAtStart = process.cpuUsage();
await Promise.all(Array.from({ length: clients }, client));
const elapsed = (performance.now() - began) / 1000;
await pool.close();
latencies.sort((a, b) => a - b);
const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
const used = process.cpuUsage(cpuAtStart);
console.log(JSON.stringify({ cpuMs: (used.user + used.system) / 1000, requests: latencies.length, elapsed, perSecond: latencies.length / elapsed, p50: pct(50), p99: pct(99), statuses, errors, accepted: ids }));
