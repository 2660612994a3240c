import type pg from "pg";
import type { StateScope, StateStore } from "../../components-registry/contract";
import { toStoredJson } from "./stored-json";

/**
 * Persist Data in PostgreSQL, with named statements (parsed and planned once per connection).
 * `ownerId` is the instance (or, for designer test runs, the integration); flow-scoped keys live
 * under the flow's key, instance-scoped ones under ''.
 */
export function createStateStore(pool: pg.Pool, ownerId: string, flowKey: string): StateStore {
  const scopeKey = (scope: StateScope) => (scope === "instance" ? "" : flowKey);
  return {
    async get(scope, key) {
      const r = await pool.query({
        name: "junction.state.get",
        text: "select value from persisted_data where owner_id = $1 and flow_key = $2 and key = $3",
        values: [ownerId, scopeKey(scope), key],
      });
      return r.rows[0]?.value ?? null;
    },
    async set(scope, key, value) {
      await pool.query({
        name: "junction.state.set",
        text: `insert into persisted_data (owner_id, flow_key, key, value, updated_at) values ($1, $2, $3, $4::jsonb, now())
               on conflict (owner_id, flow_key, key) do update set value = excluded.value, updated_at = now()`,
        values: [ownerId, scopeKey(scope), key, toStoredJson(value, Number.POSITIVE_INFINITY)],
      });
    },
    async delete(scope, key) {
      await pool.query({
        name: "junction.state.delete",
        text: "delete from persisted_data where owner_id = $1 and flow_key = $2 and key = $3",
        values: [ownerId, scopeKey(scope), key],
      });
    },
  };
}
