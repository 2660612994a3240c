/**
 * Redis: get, set, delete, increment, publish, and any other command. Everything goes through the
 * host's `context.redis` (one connection per execution and server, closed with the execution,
 * under the network policy; commands that would change the shared connection or administer the
 * server are refused there).
 */
import { action, component, input } from "@junction/sdk";
import { redisServer, toRedisConnection } from "./connection";

const connection = input({
  label: "Connection",
  type: "credential",
  connection: redisServer,
  required: true,
  clean: toRedisConnection,
});
const key = input({ label: "Key", type: "string", required: true });

/** text as it is; numbers and true/false as text; objects and lists as JSON; bytes as bytes */
function toValue(v: unknown): string | Uint8Array {
  if (typeof v === "string") return v;
  if (v instanceof Uint8Array) return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return JSON.stringify(v);
}

const CONDITIONS = ["always", "ifNotExists", "ifExists"] as const;

export default component({
  key: "redis",
  label: "Redis",
  description: "Get, set, delete and increment keys, publish messages and run commands on a Redis server",
  category: "Databases",
  connections: [redisServer],
  actions: {
    get: action({
      label: "Get",
      description: "Reads a key's value; answers { key, value } with value null when the key does not exist",
      inputs: { connection, key },
      perform: async (context, i) => {
        const value = await context.redis.command(i.connection, ["GET", i.key]);
        return { data: { key: i.key, value: value ?? null } };
      },
    }),
    set: action({
      label: "Set",
      description: "Stores a value under a key, optionally expiring and only when the key is absent or present; answers { key, set }",
      inputs: {
        connection,
        key,
        value: input({
          label: "Value",
          type: "data",
          required: true,
          description: "text is stored as it is, objects and lists as JSON, bytes (a file) as bytes",
          clean: toValue,
        }),
        expirySeconds: input({
          label: "Expire after (seconds)",
          type: "number",
          description: "the key is deleted after this many seconds; empty: it never expires (and a previous expiry is cleared)",
          clean: (v) => {
            const n = typeof v === "string" ? Number(v) : v;
            if (typeof n !== "number" || !Number.isInteger(n) || n < 1) throw new Error("expected a whole number of seconds, at least 1");
            return n;
          },
        }),
        condition: input({
          label: "Condition",
          type: "picklist",
          options: CONDITIONS,
          default: "always",
          description: "always; ifNotExists (NX): only when the key does not exist; ifExists (XX): only when it does",
        }),
      },
      perform: async (context, i) => {
        const args: (string | number | Uint8Array)[] = ["SET", i.key, i.value];
        if (i.expirySeconds !== undefined) args.push("EX", i.expirySeconds);
        if (i.condition === "ifNotExists") args.push("NX");
        if (i.condition === "ifExists") args.push("XX");
        const reply = await context.redis.command(i.connection, args);
        // SET answers nil when its condition was not met
        return { data: { key: i.key, set: reply === "OK" } };
      },
    }),
    delete: action({
      label: "Delete",
      description: "Deletes one key or a list of keys; answers { deleted } (how many existed)",
      inputs: {
        connection,
        keys: input({
          label: "Keys",
          type: "data",
          required: true,
          description: "a key, or a list of keys",
          clean: (v) => {
            const list = Array.isArray(v) ? v : [v];
            if (list.length === 0 || !list.every((k) => typeof k === "string" && k !== "")) {
              throw new Error("expected a key or a list of keys (non-empty text)");
            }
            return list as string[];
          },
        }),
      },
      perform: async (context, i) => ({ data: { deleted: await context.redis.command(i.connection, ["DEL", ...i.keys]) } }),
    }),
    increment: action({
      label: "Increment",
      description: "Adds to a key's number (a missing key counts as 0; negative amounts subtract); answers { key, value }",
      inputs: {
        connection,
        key,
        by: input({ label: "By", type: "number", default: 1, description: "a whole number (INCRBY) or a decimal one (INCRBYFLOAT)" }),
      },
      perform: async (context, i) => {
        const whole = Number.isInteger(i.by);
        const reply = await context.redis.command(i.connection, [whole ? "INCRBY" : "INCRBYFLOAT", i.key, i.by]);
        return { data: { key: i.key, value: Number(reply) } };
      },
    }),
    publish: action({
      label: "Publish",
      description: "Publishes a message on a channel; answers { channel, receivers } (subscribers that got it)",
      inputs: {
        connection,
        channel: input({ label: "Channel", type: "string", required: true }),
        message: input({
          label: "Message",
          type: "data",
          required: true,
          description: "text as it is, objects and lists as JSON",
          clean: toValue,
        }),
      },
      perform: async (context, i) => {
        const receivers = await context.redis.command(i.connection, ["PUBLISH", i.channel, i.message]);
        return { data: { channel: i.channel, receivers } };
      },
    }),
    command: action({
      label: "Run Command",
      description: 'Runs any Redis command given as a list, e.g. ["HSET", "user:1", "name", "Ada"]; answers { reply }',
      inputs: {
        connection,
        args: input({
          label: "Command",
          type: "data",
          required: true,
          description: "the command and its arguments as a list of text and numbers",
          clean: (v) => {
            if (!Array.isArray(v) || v.length === 0) throw new Error('expected a list, the command first: ["SET", "key", "value"]');
            return v.map((a, n) => {
              if (typeof a === "string" || typeof a === "number" || a instanceof Uint8Array) return a;
              throw new Error(`item ${n} must be text, a number or bytes`);
            });
          },
        }),
      },
      perform: async (context, i) => ({ data: { reply: await context.redis.command(i.connection, i.args) } }),
    }),
  },
});
