/**
 * A load generator in its own process (so it does not share the server's event loop): `clients`
 * keep-alive connections POST to `url` for `seconds`, then it prints one JSON line of figures.
 *   node --import tsx bench/support/load-generator.ts URL CLIENTS SECONDS [BODY]
 * It speaks just enough HTTP/1.1 over raw sockets (one request at a time per connection, answers
 * with Content-Length, which is what the webhook path sends): a general client (undici) cost
 * 0.7 ms of CPU per request here, a share of the two cores the server under test then lacked.
 */
import net from "node:net";

const [url, clientsArg, secondsArg, body = '{"orderId":1,"items":[1,2,3]}'] = process.argv.slice(2);
const clients = Number(clientsArg);
const deadline = Date.now() + Number(secondsArg) * 1000;
const target = new URL(url!);
const payload = Buffer.from(body);
const request = Buffer.concat([
  Buffer.from(
    `POST ${target.pathname}${target.search} HTTP/1.1\r\nhost: ${target.host}\r\ncontent-type: application/json\r\n` +
      `content-length: ${payload.length}\r\nconnection: keep-alive\r\n\r\n`,
  ),
  payload,
]);
const latencies: number[] = [];
const statuses: Record<number, number> = {};
const ids: string[] = [];
let errors = 0;

/** one connection sending requests back to back until the deadline */
function client(): Promise<void> {
  return new Promise((resolve) => {
    const socket = net.connect(Number(target.port), target.hostname);
    socket.setNoDelay(true);
    let buffered: Buffer = Buffer.alloc(0);
    let started = 0;
    const send = () => {
      if (Date.now() >= deadline) return socket.end(resolve);
      started = performance.now();
      socket.write(request);
    };
    socket.on("connect", send);
    socket.on("error", () => {
      errors++;
      resolve();
    });
    socket.on("data", (chunk: Buffer) => {
      buffered = buffered.length ? Buffer.concat([buffered, chunk]) : chunk;
      const headEnd = buffered.indexOf("\r\n\r\n");
      if (headEnd < 0) return;
      const head = buffered.subarray(0, headEnd).toString("latin1");
      const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
      if (buffered.length < headEnd + 4 + length) return;
      const status = Number(head.slice(9, 12));
      const text = buffered.subarray(headEnd + 4, headEnd + 4 + length).toString("utf8");
      buffered = buffered.subarray(headEnd + 4 + length);
      latencies.push(performance.now() - started);
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status === 202) ids.push(JSON.parse(text).executionId);
      send();
    });
  });
}

const began = performance.now();
const cpuAtStart = process.cpuUsage();
await Promise.all(Array.from({ length: clients }, client));
const elapsed = (performance.now() - began) / 1000;
latencies.sort((a, b) => a - b);
const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
const used = process.cpuUsage(cpuAtStart);
console.log(JSON.stringify({ cpuMs: (used.user + used.system) / 1000, requests: latencies.length, elapsed, perSecond: latencies.length / elapsed, p50: pct(50), p99: pct(99), statuses, errors, accepted: ids }));
