/**
 * A load generator in its own process (so it does not share the server's event loop): `clients`
 * keep-alive connections POST to `url` for `seconds`, then it prints one JSON line of figures.
 *   node --import tsx bench/support/load-generator.ts URL CLIENTS SECONDS [BODY] [POISON_URL]
 * With POISON_URL, every tenth request of each connection is a poisoned one sent there instead (a
 * NUL in the query and body, an unpaired surrogate, JSON nested 1,000 deep, in turn), and the
 * figures are those of the honest requests, with the poisoned ones' statuses beside them.
 * It speaks just enough HTTP/1.1 over raw sockets (one request at a time per connection, answers
 * with Content-Length, which is what the webhook path sends): a general client (undici) cost
 * 0.7 ms of CPU per request here, a share of the two cores the server under test then lacked.
 */
import net from "node:net";

const [url, clientsArg, secondsArg, bodyArg, poisonUrl] = process.argv.slice(2);
const body = bodyArg || '{"orderId":1,"items":[1,2,3]}';
const clients = Number(clientsArg);
const deadline = Date.now() + Number(secondsArg) * 1000;
const target = new URL(url!);

function post(to: URL, text: string, search = to.search): Buffer {
  const payload = Buffer.from(text);
  return Buffer.concat([
    Buffer.from(
      `POST ${to.pathname}${search} HTTP/1.1\r\nhost: ${to.host}\r\ncontent-type: application/json\r\n` +
        `content-length: ${payload.length}\r\nconnection: keep-alive\r\n\r\n`,
    ),
    payload,
  ]);
}

const request = post(target, body);
const poisons = poisonUrl
  ? [
      post(new URL(poisonUrl), '{"a":"\\u0000"}', "?x=%00"),
      post(new URL(poisonUrl), '{"a":["ok","\\ud800"]}'),
      post(new URL(poisonUrl), "[".repeat(1_000) + "]".repeat(1_000)),
    ]
  : [];
const POISON_EVERY = 10;
const latencies: number[] = [];
const statuses: Record<number, number> = {};
const poisonStatuses: Record<number, number> = {};
const ids: string[] = [];
let errors = 0;

/** one connection sending requests back to back until the deadline */
function client(offset: number): Promise<void> {
  return new Promise((resolve) => {
    const socket = net.connect(Number(target.port), target.hostname);
    socket.setNoDelay(true);
    let buffered: Buffer = Buffer.alloc(0);
    let started = 0;
    let sent = 0;
    let poisoned = false;
    const send = () => {
      if (Date.now() >= deadline) return socket.end(resolve);
      started = performance.now();
      // each connection starts at a different point of the cycle, so poisons are spread in time
      poisoned = poisons.length > 0 && (sent + offset) % POISON_EVERY === POISON_EVERY - 1;
      socket.write(poisoned ? poisons[Math.floor((sent + offset) / POISON_EVERY) % poisons.length]! : request);
      sent++;
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
      if (poisoned) poisonStatuses[status] = (poisonStatuses[status] ?? 0) + 1;
      else {
        latencies.push(performance.now() - started);
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (status === 202) ids.push(JSON.parse(text).executionId);
      }
      send();
    });
  });
}

const began = performance.now();
const cpuAtStart = process.cpuUsage();
await Promise.all(Array.from({ length: clients }, (_, i) => client(i)));
const elapsed = (performance.now() - began) / 1000;
latencies.sort((a, b) => a - b);
const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
const used = process.cpuUsage(cpuAtStart);
console.log(JSON.stringify({ cpuMs: (used.user + used.system) / 1000, requests: latencies.length, elapsed, perSecond: latencies.length / elapsed, p50: pct(50), p99: pct(99), statuses, poisonStatuses, errors, accepted: ids }));
