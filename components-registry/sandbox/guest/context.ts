/** Builds the `context` an action's perform receives, from the run's facts and the host bridge. */
import type { ActionContext } from "../../sdk/context";
import type { RunFacts } from "../../contract";
import { makeLogger } from "./console";
import { fetch } from "./fetch";
import { callHost, callHostSync } from "./host-bridge";
import { loadModule } from "./modules";

// every TCP capability crosses as `<namespace>.<method>` with the connection and the arguments
const hostCall =
  (namespace: string, op: string) =>
  (connection: unknown, ...args: unknown[]) =>
    callHost(`${namespace}.${op}`, { connection, args });
const cryptoCall =
  (op: string) =>
  (...args: unknown[]) =>
    callHostSync(`crypto.${op}`, { args });

type Capabilities = Pick<ActionContext, "state" | "fetch" | "sftp" | "sql" | "redis" | "amqp" | "smtp" | "crypto" | "loadModule">;

/**
 * The lent capabilities depend on nothing of the call (the host knows which call is bound), so they
 * are made once per sandbox context, frozen (a context may serve several executions of a customer),
 * rather than on every call.
 */
let capabilities: Capabilities | undefined;

function makeCapabilities(): Capabilities {
  const freeze = <T extends object>(o: T) => Object.freeze(o);
  return freeze({
    state: freeze({
      get: (key: string, scope = "flow") => callHost("state.get", { key, scope }),
      set: async (key: string, value: unknown, scope = "flow") => void (await callHost("state.set", { key, value, scope })),
      delete: async (key: string, scope = "flow") => void (await callHost("state.delete", { key, scope })),
    }) as ActionContext["state"],
    fetch: fetch as ActionContext["fetch"],
    sftp: freeze({
      list: hostCall("sftp", "list"),
      read: hostCall("sftp", "read"),
      write: hostCall("sftp", "write"),
      delete: hostCall("sftp", "delete"),
      rename: hostCall("sftp", "rename"),
      stat: hostCall("sftp", "stat"),
    }) as ActionContext["sftp"],
    sql: freeze({ query: hostCall("sql", "query") }) as ActionContext["sql"],
    redis: freeze({ command: hostCall("redis", "command") }) as ActionContext["redis"],
    amqp: freeze({
      publish: hostCall("amqp", "publish"),
      get: hostCall("amqp", "get"),
      ack: hostCall("amqp", "ack"),
      nack: hostCall("amqp", "nack"),
    }) as ActionContext["amqp"],
    smtp: freeze({ send: hostCall("smtp", "send") }) as ActionContext["smtp"],
    crypto: freeze({
      hmac: cryptoCall("hmac"),
      hash: cryptoCall("hash"),
      randomBytes: cryptoCall("randomBytes"),
      randomUUID: cryptoCall("randomUUID"),
    }) as ActionContext["crypto"],
    loadModule,
  });
}

export function makeContext(facts: RunFacts, sent?: Record<string, unknown>): ActionContext {
  let stepResults = sent;
  return {
    ...facts,
    ...(capabilities ??= makeCapabilities()),
    logger: makeLogger(),
    // copied across only when an action reads it (or sent with the call when its manifest says it
    // always does): most never do, and it can be large
    get stepResults() {
      return (stepResults ??= callHostSync("stepResults", null) as Record<string, unknown>);
    },
  };
}
