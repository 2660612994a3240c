/** Builds the `context` an action's perform receives, from the run's facts and the host bridge. */
import type { ActionContext } from "../../sdk/context";
import type { RunFacts } from "../../contract";
import { makeLogger } from "./console";
import { fetch } from "./fetch";
import { callHost, callHostSync } from "./host-bridge";
import { loadModule } from "./modules";

export function makeContext(facts: RunFacts, sent?: Record<string, unknown>): ActionContext {
  let stepResults = sent;
  const sftpCall =
    (op: string) =>
    (connection: unknown, ...args: unknown[]) =>
      callHost(`sftp.${op}`, { connection, args });
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
    // copied across only when an action reads it (or sent with the call when its manifest says it
    // always does): most never do, and it can be large
    get stepResults() {
      return (stepResults ??= callHostSync("stepResults", null) as Record<string, unknown>);
    },
    loadModule,
  };
}
