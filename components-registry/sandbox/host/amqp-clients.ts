/**
 * AMQP 0-9-1 (RabbitMQ) for actions and triggers: `context.amqp.publish|get|ack|nack` run on the
 * host with amqplib. Per (execution, connection value) one connection and one confirm channel
 * (ExecutionPool), opened at the address the network policy allowed (amqps: the certificate is
 * checked against the host name), closed when the execution ends — which hands every message the
 * execution took and did not acknowledge back to its queue.
 *
 * - publish: waits for the broker's confirm, so `{ published: true }` means the broker has the
 *   message (persistent by default). Straight to a queue (exchange "") is published mandatory: a
 *   queue that does not exist is an error instead of a silent drop. A named exchange is checked
 *   once per connection on a throwaway channel, so a missing one is a clear error and does not
 *   close the channel holding the execution's unacknowledged messages; same for `get`'s queue.
 * - get: up to `max` (default 1, at most 100) messages without acknowledging them; their bodies
 *   together at most JUNCTION_FETCH_MAX_MB (the fetch body limit, reused) — the message that would
 *   pass it goes back to the queue and the rest wait for the next get; one that alone is larger
 *   is refused (and returned to the queue). They also count against the call's budget
 *   (JUNCTION_SANDBOX_INFLIGHT_MB) until handed over.
 * - ack / nack: by the deliveryTag `get` answered. Tags are numbered by the host, unique for the
 *   process, so a tag from a channel that has since closed (its messages went back to the queue)
 *   is refused as unknown instead of acknowledging another message.
 * - The idle timeout (the sandbox's idle time for connections) does not close a connection while
 *   messages it took wait for ack/nack (a trigger acknowledges only after the flow runs are
 *   recorded), for at most HOLD_TAKEN_MS (15 minutes); endExecution closes it in any case.
 */
import { randomUUID } from "node:crypto";
import { connect, type ChannelModel, type ConfirmChannel, type GetMessage, type Message, type Options } from "amqplib";
import type { AmqpMessage } from "@/components-registry/sdk/context";
import type { NetworkPolicy } from "../limits";
import { CallBudget } from "./call-budget";
import { PooledHostClients } from "./execution-pool";
import type { HostCall } from "./host-clients";
import { resolveAllowedAddress } from "./network-guard";
import {
  checkEndpoint,
  connectionObject,
  describeValue,
  tlsSocketOptions,
  withoutSecret,
  type CheckedEndpoint,
} from "./redis-clients-endpoint";

const CONNECT_TIMEOUT_MS = 10_000;
export const AMQP_MAX_GET = 100;
/** how long taken, unacknowledged messages may keep an otherwise idle connection open */
export const HOLD_TAKEN_MS = 15 * 60_000;

interface CheckedAmqpConnection extends CheckedEndpoint {
  vhost: string;
}

/** host-wide delivery tag numbers, so a stale tag can never name another message */
let nextTag = 1;

class AmqpSession {
  /** host tag → the message on this channel */
  taken = new Map<number, Message>();
  /** exchanges and queues seen to exist on this connection */
  known = new Set<string>();
  broken?: Error;
  returned?: Message;
  /** whether an ExecutionPool.use is holding the connection open for the taken messages */
  holding = false;
  private publishing: Promise<unknown> = Promise.resolve();
  private onSettled: (() => void)[] = [];

  constructor(
    readonly model: ChannelModel,
    readonly channel: ConfirmChannel,
  ) {
    const fail = (err?: Error) => {
      this.broken ??= err ?? new Error("the AMQP channel closed");
      this.settled();
    };
    // an 'error' without a listener would throw in the host
    model.on("error", fail);
    model.on("close", fail);
    channel.on("error", fail);
    channel.on("close", fail);
    channel.on("return", (m: Message) => (this.returned = m));
  }

  usable(): boolean {
    return !this.broken;
  }

  /** resolves once no taken message waits for ack/nack, the channel is gone, or after `maxMs` */
  whenSettled(maxMs: number): Promise<void> {
    if (this.taken.size === 0 || this.broken) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, maxMs).unref();
      this.onSettled.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** called when the taken messages may all be settled */
  settled(): void {
    if (this.taken.size > 0 && !this.broken) return;
    const waiting = this.onSettled;
    this.onSettled = [];
    for (const w of waiting) w();
  }

  /** publishes run one at a time, so a basic.return belongs to the publish awaiting its confirm */
  serial<T>(op: () => Promise<T>): Promise<T> {
    const next = this.publishing.then(op, op);
    this.publishing = next.catch(() => undefined);
    return next;
  }

  async close(): Promise<void> {
    const within = (p: Promise<unknown>) =>
      Promise.race([p.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
    // the channel first: its close waits for the broker to have handled the acks sent before it
    // (a connection close can overtake them), then hands the unacknowledged messages back
    if (!this.broken) await within(this.channel.close());
    await within(this.model.close());
    this.broken ??= new Error("the AMQP connection was closed");
    this.settled();
  }
}

export class AmqpClients extends PooledHostClients<AmqpSession> {
  constructor(policy: NetworkPolicy, idleMs: number) {
    super(policy, idleMs, "AMQP");
  }

  async call(call: HostCall, method: string, connection: unknown, args: unknown[]): Promise<unknown> {
    if (!["publish", "get", "ack", "nack"].includes(method)) {
      throw new Error(`Unknown AMQP operation "${method}" (publish, get, ack, nack)`);
    }
    const c = checkAmqpConnection(connection);
    // arguments are checked before anything is opened
    const op =
      method === "publish"
        ? checkPublish(args[0])
        : method === "get"
          ? checkGet(args[0])
          : { tags: checkTags(method, args[0]), requeue: args[1] === undefined || args[1] === null ? true : args[1] };
    if ("requeue" in op && typeof op.requeue !== "boolean") throw new Error("amqp.nack: requeue must be true or false");
    if (call.signal.aborted) throw new Error("The action call has ended");
    let session: AmqpSession;
    try {
      session = await this.pool.get(call.executionId, c);
      if (!session.usable() && method !== "ack" && method !== "nack") {
        await this.pool.discard(call.executionId, c);
        session = await this.pool.get(call.executionId, c);
      }
    } catch (err) {
      throw this.failure(err, c, "connect");
    }
    try {
      // through `use`: a publish waiting for its confirm keeps its connection from closing as idle
      if (method === "publish") return await this.pool.use(call.executionId, c, () => this.publish(session, op as PublishArgs));
      if (method === "get") {
        const budget = call.budget ?? new CallBudget(1, this.policy.inflightBytes);
        const got = await this.pool.use(call.executionId, c, () => this.get(session, op as GetArgs, budget));
        this.holdWhileTaken(call.executionId, c, session);
        return got;
      }
      const { tags, requeue } = op as { tags: number[]; requeue: boolean };
      settle(session, method as "ack" | "nack", tags, requeue);
      return null;
    } catch (err) {
      throw this.failure(err, c, method);
    } finally {
      if (!session.usable()) void this.pool.discard(call.executionId, c);
    }
  }

  private failure(err: unknown, c: CheckedAmqpConnection, during: string): Error {
    const e = err as Error;
    if (e?.name === "NetworkPolicyError" || /JUNCTION_/.test(String(e?.message))) return e;
    const where = during === "connect" ? `Cannot connect to AMQP at ${c.host}:${c.port} (virtual host "${c.vhost}")` : `amqp.${during}`;
    return new Error(withoutSecret(`${where}: ${String(e?.message ?? err)}`, c.password), { cause: err });
  }

  protected async close(client: AmqpSession): Promise<void> {
    await client.close();
  }

  protected async open(c: CheckedAmqpConnection): Promise<AmqpSession> {
    const to = await resolveAllowedAddress(c.host, this.policy);
    const options: Options.Connect = {
      protocol: c.tls ? "amqps" : "amqp",
      hostname: to.address,
      port: c.port,
      username: c.username,
      password: c.password,
      vhost: c.vhost,
      heartbeat: 30,
    };
    const socket: Record<string, unknown> = {
      timeout: CONNECT_TIMEOUT_MS,
      family: to.family,
      clientProperties: { connection_name: "junction" },
      ...(c.tls ? tlsSocketOptions(c.host, c.tls) : {}),
    };
    const model = await connect(options, socket);
    try {
      return new AmqpSession(model, await model.createConfirmChannel());
    } catch (err) {
      await model.close().catch(() => undefined);
      throw err;
    }
  }

  /**
   * Messages taken and not yet acknowledged keep their connection from closing as idle (closing
   * would hand them back and make their later ack fail) — up to HOLD_TAKEN_MS, so an execution that
   * is never ended cannot hold them for ever. endExecution closes it regardless.
   */
  private holdWhileTaken(executionId: string, c: CheckedAmqpConnection, session: AmqpSession): void {
    if (session.holding || session.taken.size === 0) return;
    session.holding = true;
    const maxMs = Math.max(this.idleMs, HOLD_TAKEN_MS);
    void this.pool
      .use(executionId, c, () => session.whenSettled(maxMs))
      .catch(() => undefined)
      .finally(() => (session.holding = false));
  }

  /** whether the exchange or queue exists, asked on a throwaway channel (a 404 closes the channel it was asked on) */
  private async mustExist(session: AmqpSession, kind: "exchange" | "queue", name: string): Promise<void> {
    const key = `${kind}:${name}`;
    if (session.known.has(key)) return;
    const probe = await session.model.createChannel();
    probe.on("error", () => undefined);
    try {
      if (kind === "exchange") await probe.checkExchange(name);
      else await probe.checkQueue(name);
    } catch (err) {
      if ((err as { code?: number }).code === 404)
        throw new Error(`there is no ${kind} named "${name}" in this virtual host`, { cause: err });
      throw err;
    } finally {
      await probe.close().catch(() => undefined);
    }
    session.known.add(key);
  }

  private async publish(session: AmqpSession, p: PublishArgs): Promise<{ published: true }> {
    if (p.exchange !== "") await this.mustExist(session, "exchange", p.exchange);
    const mandatory = p.exchange === "";
    return session.serial(async () => {
      if (session.broken) throw session.broken;
      session.returned = undefined;
      await new Promise<void>((resolve, reject) => {
        session.channel.publish(p.exchange, p.routingKey, p.content, { ...p.options, mandatory }, (err) =>
          err ? reject(new Error("the broker refused the message (nack)")) : resolve(),
        );
      });
      // set by the 'return' listener while the confirm was awaited
      const returned = session.returned as Message | undefined;
      if (returned) {
        const r = returned.fields as unknown as { replyText?: string };
        throw new Error(`the message was not routed: there is no queue named "${p.routingKey}" (${r.replyText ?? "NO_ROUTE"})`);
      }
      return { published: true as const };
    });
  }

  private async get(session: AmqpSession, g: GetArgs, budget: CallBudget): Promise<AmqpMessage[]> {
    await this.mustExist(session, "queue", g.queue);
    const max = this.policy.fetchMaxBytes;
    const out: AmqpMessage[] = [];
    let bytes = 0;
    try {
      while (out.length < g.max) {
        if (session.broken) throw session.broken;
        const m = await session.channel.get(g.queue, { noAck: false });
        if (m === false) break;
        const size = m.content.byteLength;
        if (bytes + size > max) {
          session.channel.nack(m, false, true);
          if (out.length > 0) break;
          throw new Error(
            `The message is larger than ${max / 1024 / 1024} MB (JUNCTION_FETCH_MAX_MB); it was returned to the queue "${g.queue}"`,
          );
        }
        budget.take(size);
        bytes += size;
        const tag = nextTag++;
        session.taken.set(tag, m);
        out.push(toAmqpMessage(tag, m));
      }
      return out;
    } finally {
      budget.give(bytes);
    }
  }
}

/** acknowledges or returns the messages; every tag is checked before any is settled */
function settle(session: AmqpSession, method: "ack" | "nack", tags: number[], requeue: boolean): void {
  const unknown = tags.filter((t) => !session.taken.has(t));
  if (unknown.length > 0) {
    throw new Error(
      `unknown delivery tag${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}: already acknowledged or returned, taken by another execution or connection, ` +
        "or its channel closed (which put the message back on its queue)",
    );
  }
  if (session.broken) throw session.broken;
  for (const t of tags) {
    const m = session.taken.get(t)!;
    session.taken.delete(t);
    if (method === "ack") session.channel.ack(m);
    else session.channel.nack(m, false, requeue);
  }
  session.settled();
}

interface PublishArgs {
  exchange: string;
  routingKey: string;
  content: Buffer;
  options: Options.Publish;
}

interface GetArgs {
  queue: string;
  max: number;
}

function shortText(v: unknown, what: string, allowEmpty: boolean): string {
  if (v === undefined || v === null) v = "";
  if (typeof v !== "string") throw new Error(`${what} must be text, got ${describeValue(v)}`);
  if (!allowEmpty && v === "") throw new Error(`${what} must be non-empty text`);
  if (Buffer.byteLength(v) > 255) throw new Error(`${what} may be at most 255 bytes`);
  return v;
}

function checkPublish(value: unknown): PublishArgs {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new Error(
      "amqp.publish: expected { exchange?, routingKey?, content, contentType?, headers?, persistent?, messageId?, correlationId? }",
    );
  }
  const m = value as Record<string, unknown>;
  const exchange = shortText(m.exchange, "amqp.publish: exchange", true);
  const routingKey = shortText(m.routingKey, "amqp.publish: routingKey", true);
  if (exchange === "" && routingKey === "") {
    throw new Error('amqp.publish: give an exchange, or a queue name as routingKey (with exchange "", the default exchange)');
  }
  let content: Buffer;
  if (typeof m.content === "string") content = Buffer.from(m.content, "utf8");
  else if (m.content instanceof Uint8Array) content = Buffer.from(m.content);
  else throw new Error(`amqp.publish: content must be text or bytes (Uint8Array), got ${describeValue(m.content)}`);
  const options: Options.Publish = {
    persistent: m.persistent === undefined || m.persistent === null ? true : m.persistent === true,
    timestamp: Math.floor(Date.now() / 1000),
  };
  if (m.persistent !== undefined && m.persistent !== null && typeof m.persistent !== "boolean") {
    throw new Error("amqp.publish: persistent must be true or false");
  }
  if (m.contentType !== undefined && m.contentType !== null && m.contentType !== "") {
    options.contentType = shortText(m.contentType, "amqp.publish: contentType", false);
  }
  for (const field of ["messageId", "correlationId"] as const) {
    if (m[field] !== undefined && m[field] !== null && m[field] !== "")
      options[field] = shortText(m[field], `amqp.publish: ${field}`, false);
  }
  if (options.messageId === undefined) options.messageId = randomUUID();
  if (m.headers !== undefined && m.headers !== null) {
    if (typeof m.headers !== "object" || Array.isArray(m.headers))
      throw new Error("amqp.publish: headers must be an object of name: value");
    const headers: Record<string, string | number | boolean> = {};
    for (const [k, v] of Object.entries(m.headers)) {
      if (k === "" || Buffer.byteLength(k) > 128) throw new Error(`amqp.publish: header name ${describeValue(k)} must be 1 to 128 bytes`);
      if (typeof v !== "string" && typeof v !== "boolean" && !(typeof v === "number" && Number.isFinite(v))) {
        throw new Error(`amqp.publish: header "${k}" must be text, a finite number or true/false, got ${describeValue(v)}`);
      }
      headers[k] = v;
    }
    options.headers = headers;
  }
  return { exchange, routingKey, content, options };
}

function checkGet(value: unknown): GetArgs {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error("amqp.get: expected { queue, max? }");
  const g = value as Record<string, unknown>;
  const queue = shortText(g.queue, "amqp.get: queue", false);
  let max = 1;
  if (g.max !== undefined && g.max !== null) {
    max = g.max as number;
    if (!Number.isInteger(max) || max < 1 || max > AMQP_MAX_GET) {
      throw new Error(`amqp.get: max must be a whole number from 1 to ${AMQP_MAX_GET}, got ${describeValue(g.max)}`);
    }
  }
  return { queue, max };
}

function checkTags(method: string, value: unknown): number[] {
  const list = typeof value === "number" ? [value] : value;
  if (!Array.isArray(list) || list.length === 0 || !list.every((t) => Number.isSafeInteger(t) && t > 0)) {
    throw new Error(`amqp.${method}: deliveryTags must be a non-empty list of the deliveryTag numbers amqp.get answered`);
  }
  return [...new Set(list as number[])];
}

function checkAmqpConnection(value: unknown): CheckedAmqpConnection {
  const c = connectionObject("AMQP", value, "host, port?, username?, password?, vhost?, tls?");
  const endpoint = checkEndpoint("AMQP", c, 5672, 5671);
  let vhost = "/";
  if (c.vhost !== undefined && c.vhost !== null && c.vhost !== "") {
    vhost = shortText(c.vhost, "AMQP connection: vhost", false);
  }
  return { ...endpoint, vhost };
}

function toAmqpMessage(tag: number, m: GetMessage): AmqpMessage {
  const p = m.properties;
  const out: AmqpMessage = {
    deliveryTag: tag,
    content: new Uint8Array(m.content),
    headers: plain(p.headers ?? {}) as Record<string, unknown>,
    exchange: m.fields.exchange,
    routingKey: m.fields.routingKey,
    redelivered: m.fields.redelivered,
  };
  if (p.contentType) out.contentType = String(p.contentType);
  if (p.messageId) out.messageId = String(p.messageId);
  if (p.correlationId) out.correlationId = String(p.correlationId);
  if (typeof p.timestamp === "number") out.timestamp = new Date(p.timestamp * 1000).toISOString();
  return out;
}

/** header values as structured-clone data: bytes as Uint8Array, big integers as text when unsafe */
function plain(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === "bigint") return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (Buffer.isBuffer(v)) return new Uint8Array(v);
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(plain);
  if (typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = plain(x);
    return out;
  }
  return v;
}
