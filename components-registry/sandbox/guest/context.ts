/** Builds the `context` an action's perform receives, from the run's facts and the host bridge. */
import type { ActionContext } from "../../sdk/context";
import type { RunFacts } from "../../contract";
import { makeLogger } from "./console";
import { fetch } from "./fetch";
import { callHost, callHostSync } from "./host-bridge";
import { loadModule } from "./modules";

export function makeContext(facts: RunFacts, sent?: Record<string, unknown>): ActionContext {
  let stepResults = sent;
  // every TCP capability crosses as `<namespace>.<method>` with the connection and the arguments
  const hostCall =
    (namespace: string, op: string) =>
    (connection: unknown, ...args: unknown[]) =>
      callHost(`${namespace}.${op}`, { connection, args });
  const sftpCall = (op: string) => hostCall("sftp", op);
  const cryptoCall =
    (op: string) =>
    (...args: unknown[]) =>
      callHostSync(`crypto.${op}`, { args });
  return {
    ...facts,
    logger: makeLogger(),
    state: {
      get: (key, scope = "flow") => callHost("state.get", { key, scope }),
      set: async (key, value, scope = "flow") => void (await callHost("state.set", { key, value, scope })),
      delete: async (key, scope = "flow") => void (await callHost("state.delete", { key, scope })),
    },
    fetch: fetch as ActionContext["fetch"],
    sftp: {
      list: sftpCall("list"),
      read: sftpCall("read"),
      write: sftpCall("write"),
      delete: sftpCall("delete"),
      rename: sftpCall("rename"),
      stat: sftpCall("stat"),
    } as ActionContext["sftp"],
    sql: { query: hostCall("sql", "query") } as ActionContext["sql"],
    redis: { command: hostCall("redis", "command") } as ActionContext["redis"],
    amqp: {
      publish: hostCall("amqp", "publish"),
      get: hostCall("amqp", "get"),
      ack: hostCall("amqp", "ack"),
      nack: hostCall("amqp", "nack"),
    } as ActionContext["amqp"],
    smtp: { send: hostCall("smtp", "send") } as ActionContext["smtp"],
    crypto: {
      hmac: cryptoCall("hmac"),
      hash: cryptoCall("hash"),
      randomBytes: cryptoCall("randomBytes"),
      randomUUID: cryptoCall("randomUUID"),
    } as ActionContext["crypto"],
    // copied across only when an action reads it (or sent with the call when its manifest says it
    // always does): most never do, and it can be large
    get stepResults() {
      return (stepResults ??= callHostSync("stepResults", null) as Record<string, unknown>);
    },
    loadModule,
  };
}
