/**
 * A load generator in its own process (so it does not share the server's event loop): `clients`
 * keep-alive connections POST to `url` for `seconds`, then it prints one JSON line of figures.
 *   node --import tsx bench/support/load-generator.ts URL CLIENTS SECONDS [BODY] [POISON_URL POISON_PER_SECOND]
 * With POISON_URL, attacker connections of their own (beside the honest ones, which send only
 * honest requests) send poisoned requests there at POISON_PER_SECOND in all (a NUL in the query
 * and body, an unpaired surrogate, JSON nested 1,000 deep, in turn); the figures are those of the
 * honest requests, with the poisoned ones' statuses beside them.
 * It speaks just enough HTTP/1.1 over raw sockets (one request at a time per connection, answers
 * with Content-Length, which is what the webhook path sends): a general client (undici) cost
 * 0.7 ms of CPU per request here, a share of the two cores the server under test then lacked.
 */
import net from "node:net";

const [url, clientsArg, secondsArg, bodyArg, poisonUrl, poisonRateArg] = process.argv.slice(2);
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
/** attacker connections; each waits for its slot so that together they keep to the rate */
const ATTACKERS = 5;
const poisonInterval = poisonUrl ? (1000 * ATTACKERS) / Math.max(1, Number(poisonRateArg || 100)) : 0;
const latencies: number[] = [];
const statuses: Record<number, number> = {};
const poisonStatuses: Record<number, number> = {};
const ids: string[] = [];
let errors = 0;

/** one connection sending requests back to back until the deadline (an attacker's: poisons, paced) */
function client(offset: number, attacker = false): Promise<void> {
  return new Promise((resolve) => {
    const socket = net.connect(Number(target.port), target.hostname);
    socket.setNoDelay(true);
    let buffered: Buffer = Buffer.alloc(0);
    let started = 0;
    let sent = 0;
    const poisoned = attacker;
    // attackers start spread over one interval, then keep to it
    let due = performance.now() + (offset * poisonInterval) / ATTACKERS;
    const write = () => {
      if (Date.now() >= deadline) return socket.end(resolve);
      started = performance.now();
      socket.write(poisoned ? poisons[(sent + offset) % poisons.length]! : request);
      sent++;
    };
    const send = () => {
      if (!attacker) return write();
      const wait = due - performance.now();
      due = Math.max(due, performance.now()) + poisonInterval;
      if (wait > 0) setTimeout(write, wait);
      else write();
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
await Promise.all([
  ...Array.from({ length: clients }, (_, i) => client(i)),
  ...(poisons.length ? Array.from({ length: ATTACKERS }, (_, i) => client(i, true)) : []),
]);
const elapsed = (performance.now() - began) / 1000;
latencies.sort((a, b) => a - b);
const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
const used = process.cpuUsage(cpuAtStart);
console.log(
  JSON.stringify({
    cpuMs: (used.user + used.system) / 1000,
    requests: latencies.length,
    elapsed,
    perSecond: latencies.length / elapsed,
    p50: pct(50),
    p99: pct(99),
    statuses,
    poisonStatuses,
    errors,
    accepted: ids,
  }),
);
