/**
 * Redis for actions: `context.redis.command(connection, ["SET", "k", "v"])` runs on the host with
 * ioredis. The server's address passes the network policy first (TLS checks the host name); one
 * connection per (execution, connection value) carries the execution's commands and closes with
 * it. No reconnecting and no offline queue: a connection that breaks is dropped and the next
 * command opens a new one. Refused commands: redis-clients-commands.ts.
 *
 * Replies are plain data: bulk strings as text (UTF-8), integers as numbers, arrays as lists, nil
 * as null (HGETALL as its flat field, value list), errors inside an EXEC reply as { error }. A reply may be at most
 * JUNCTION_FETCH_MAX_MB (the fetch body limit, reused): the bytes read from the socket are counted
 * while the command runs and past the limit the connection is closed, so a huge value never
 * builds up in the host's memory. The reply also counts against the call's budget
 * (JUNCTION_SANDBOX_INFLIGHT_MB). A call that ends (timeout, cancel) while its command is still
 * running (a blocking BLPOP, a slow script) closes the connection.
 */
import { Redis, type RedisOptions } from "ioredis";
import type { NetworkPolicy } from "../limits";
import { CallBudget } from "./call-budget";
import { PooledHostClients } from "./execution-pool";
import type { HostCall } from "./host-clients";
import { resolveAllowedAddress } from "./network-guard";
import { checkRedisCommand } from "./redis-clients-commands";
import {
  checkEndpoint,
  connectionObject,
  describeValue,
  tlsSocketOptions,
  withoutSecret,
  type CheckedEndpoint,
} from "./redis-clients-endpoint";

const CONNECT_TIMEOUT_MS = 10_000;

interface CheckedRedisConnection extends CheckedEndpoint {
  database: number;
}

interface Watcher {
  start: number;
  fail: (err: Error) => void;
}

/** one ioredis client and the bytes read on its socket */
class RedisSession {
  bytesRead = 0;
  watchers = new Set<Watcher>();
  lastError?: Error;

  constructor(
    readonly client: Redis,
    readonly maxBytes: number,
  ) {
    client.on("error", (err: Error) => (this.lastError = err));
  }

  usable(): boolean {
    return this.client.status === "ready";
  }

  /** counts the socket's bytes from now on; past the limit the connection is closed */
  watch(): void {
    this.client.stream.on("data", (chunk: Buffer) => {
      this.bytesRead += chunk.byteLength;
      for (const w of this.watchers) {
        if (this.bytesRead - w.start > this.maxBytes) {
          this.client.disconnect();
          w.fail(
            new Error(
              `The Redis reply is larger than ${this.maxBytes / 1024 / 1024} MB (JUNCTION_FETCH_MAX_MB): read less at a time (GETRANGE, SCAN, LRANGE with bounds)`,
            ),
          );
        }
      }
    });
  }

  async close(): Promise<void> {
    if (this.client.status === "end") return;
    try {
      await Promise.race([this.client.quit(), new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
    } catch {
      // already closing
    }
    this.client.disconnect();
  }
}

export class RedisClients extends PooledHostClients<RedisSession> {
  constructor(policy: NetworkPolicy, idleMs: number) {
    super(policy, idleMs, "Redis");
  }

  async call(call: HostCall, method: string, connection: unknown, args: unknown[]): Promise<unknown> {
    if (method !== "command") throw new Error(`Unknown Redis operation "${method}" (redis.command is the only one)`);
    const c = checkRedisConnection(connection);
    const command = commandArgs(args[0]);
    const name = checkRedisCommand(command.map((a) => (typeof a === "string" ? a : a.toString("latin1"))));
    if (call.signal.aborted) throw new Error("The action call has ended");
    let session: RedisSession;
    try {
      session = await this.pool.get(call.executionId, c);
      if (!session.usable()) {
        await this.pool.discard(call.executionId, c);
        session = await this.pool.get(call.executionId, c);
      }
    } catch (err) {
      throw this.failure(err, c, "connect");
    }
    const budget = call.budget ?? new CallBudget(1, this.policy.inflightBytes);
    let charged = 0;
    let watcher: Watcher | undefined;
    const onAbort = () => session.client.disconnect();
    call.signal.addEventListener("abort", onAbort, { once: true });
    try {
      // through `use`: a command that runs longer than the idle timeout keeps its connection
      const reply = await this.pool.use(
        call.executionId,
        c,
        () =>
          new Promise<unknown>((resolve, reject) => {
            watcher = { start: session.bytesRead, fail: reject };
            session.watchers.add(watcher);
            session.client.call(command[0] as string, ...command.slice(1)).then(resolve, reject);
          }),
      );
      const plain = toPlain(reply);
      charged = replySize(plain);
      budget.take(charged);
      return plain;
    } catch (err) {
      if (call.signal.aborted)
        throw new Error(`The action call ended while Redis ${name} was running (the connection was closed)`, { cause: err });
      throw this.failure(err, c, "command", name);
    } finally {
      budget.give(charged);
      call.signal.removeEventListener("abort", onAbort);
      if (watcher) session.watchers.delete(watcher);
      if (!session.usable()) void this.pool.discard(call.executionId, c);
    }
  }

  protected async close(client: RedisSession): Promise<void> {
    await client.close();
  }

  protected async open(c: CheckedRedisConnection): Promise<RedisSession> {
    const to = await resolveAllowedAddress(c.host, this.policy);
    const options: RedisOptions = {
      host: to.address,
      port: c.port,
      family: to.family,
      username: c.username,
      password: c.password,
      db: c.database,
      lazyConnect: true,
      connectTimeout: CONNECT_TIMEOUT_MS,
      // a broken connection is dropped, never retried in the background
      retryStrategy: () => null,
      reconnectOnError: () => false,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      autoResubscribe: false,
      // INFO may be forbidden by the user's ACL; the connection is ready once signed in
      enableReadyCheck: false,
      connectionName: "junction",
    };
    if (c.tls) options.tls = tlsSocketOptions(c.host, c.tls);
    const client = new Redis(options);
    const session = new RedisSession(client, this.policy.fetchMaxBytes);
    try {
      await client.connect();
      // the sign-in's answer: connect() resolves before the server has replied to AUTH/SELECT
      await client.ping();
    } catch (err) {
      client.disconnect();
      throw session.lastError ?? err;
    }
    session.watch();
    return session;
  }

  private failure(err: unknown, c: CheckedRedisConnection, during: "connect" | "command", name?: string): Error {
    const e = err as Error;
    if (e?.name === "NetworkPolicyError" || /JUNCTION_/.test(String(e?.message))) return e;
    const message = String(e?.message ?? err);
    const where = during === "connect" ? `Cannot connect to Redis at ${c.host}:${c.port}` : `Redis error from ${name}`;
    return new Error(withoutSecret(`${where}: ${message}`, c.password));
  }
}

function checkRedisConnection(value: unknown): CheckedRedisConnection {
  const c = connectionObject("Redis", value, "host, port?, username?, password?, database?, tls?");
  const endpoint = checkEndpoint("Redis", c, 6379);
  let database = 0;
  if (c.database !== undefined && c.database !== null && c.database !== "") {
    database = typeof c.database === "string" && /^\d+$/.test(c.database.trim()) ? Number(c.database) : (c.database as number);
    if (!Number.isInteger(database) || database < 0 || database > 10_000) {
      throw new Error(`Redis connection: database must be a whole number from 0 (the default), got ${describeValue(c.database)}`);
    }
  }
  return { ...endpoint, database };
}

/** the command as ioredis sends it: text, numbers as text, bytes as Buffers */
function commandArgs(value: unknown): (string | Buffer)[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new Error('redis.command: args must be a non-empty list, the command first (["SET", "key", "value"])');
  }
  if (typeof value[0] !== "string" || !/^[A-Za-z][\w.|-]*$/.test(value[0])) {
    throw new Error(`redis.command: the command name (args[0]) must be text like "GET", got ${describeValue(value[0])}`);
  }
  return value.map((a, i) => {
    if (typeof a === "string") return a;
    if (typeof a === "number" && Number.isFinite(a)) return String(a);
    if (a instanceof Uint8Array) return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    throw new Error(`redis.command: args[${i}] must be text, a finite number or bytes (Uint8Array), got ${describeValue(a)}`);
  });
}

/** a reply as data a structured clone carries: text for bulk strings, { error } for errors in EXEC */
function toPlain(reply: unknown): unknown {
  if (reply === null || reply === undefined) return null;
  if (typeof reply === "string" || typeof reply === "number") return reply;
  if (Buffer.isBuffer(reply)) return reply.toString("utf8");
  if (reply instanceof Error) return { error: reply.message };
  if (Array.isArray(reply)) return reply.map(toPlain);
  if (typeof reply === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(reply)) out[k] = toPlain(v);
    return out;
  }
  return String(reply);
}

function replySize(v: unknown): number {
  if (typeof v === "string") return Buffer.byteLength(v);
  if (Array.isArray(v)) return v.reduce((n: number, x) => n + replySize(x), 8);
  if (v && typeof v === "object") return Object.entries(v).reduce((n, [k, x]) => n + Buffer.byteLength(k) + replySize(x), 8);
  return 8;
}
