import type pg from "pg";
import type { StateScope, StateStore } from "@/components-registry/contract";
import type { DbSink } from "./execution-sink";
import { readState } from "./store";
import { toStoredJson } from "./stored-json";

/**
 * Persist Data in PostgreSQL for one run. `ownerId` is the instance (or, for designer test runs,
 * the integration); flow-scoped keys live under the flow's key, instance-scoped ones under ''.
 *
 * Writes go through the run's sink: they reach the database with its next batch of step results
 * (within 100 ms) or with the statement that records the run's outcome, a round trip and a commit
 * fewer per write. The run reads its own writes from memory until then.
 */
export function createStateStore(pool: pg.Pool, ownerId: string, flowKey: string, sink: Pick<DbSink, "writeState">): StateStore {
  const scopeKey = (scope: StateScope) => (scope === "instance" ? "" : flowKey);
  /** what this run wrote, as stored (null: deleted), by scope key and key */
  const written = new Map<string, string | null>();
  const write = (scope: StateScope, key: string, value: string | null) => {
    written.set(`${scopeKey(scope)}\u0000${key}`, value);
    sink.writeState({ flowKey: scopeKey(scope), key, value });
  };
  return {
    async get(scope, key) {
      const mine = written.get(`${scopeKey(scope)}\u0000${key}`);
      if (mine !== undefined) return mine === null ? null : JSON.parse(mine);
      return (await readState(pool, ownerId, scopeKey(scope), key)) ?? null;
    },
    async set(scope, key, value) {
      write(scope, key, toStoredJson(value, Number.POSITIVE_INFINITY) ?? "null");
    },
    async delete(scope, key) {
      write(scope, key, null);
    },
  };
}
