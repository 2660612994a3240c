/**
 * Which scheduled instance flows are polling component triggers: their schedule sends a poll job
 * (poll-queue.ts) instead of starting a run. Read from the flows' published versions when the
 * scheduler (re)loads its flows, not per tick.
 */
import type pg from "pg";
import { flowKey, type Definition } from "../definition";
import { versionDefinition } from "../executions/store";

export async function markPollingFlows<F extends { versionId: string; flowKey: string }>(
  pool: pg.Pool,
  flows: F[],
): Promise<(F & { poll?: true })[]> {
  const definitions = new Map<string, Promise<Definition | null>>();
  for (const f of flows) {
    if (!definitions.has(f.versionId))
      definitions.set(
        f.versionId,
        versionDefinition(pool, f.versionId).catch(() => null),
      );
  }
  const out: (F & { poll?: true })[] = [];
  for (const f of flows) {
    const definition = await definitions.get(f.versionId)!;
    // (a version that cannot be read — instances reference their version, so never in practice — fires as before)
    const flow = definition?.flows.find((d) => flowKey(d.name) === f.flowKey);
    out.push(flow?.trigger.type === "component" ? { ...f, poll: true } : f);
  }
  return out;
}
