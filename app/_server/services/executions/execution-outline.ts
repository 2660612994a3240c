/**
 * The flow an execution ran, as the designer shows it: the flow's name and its steps' names and
 * keys in the order they run (a step, then the steps inside it), from the definition the run used
 * (the published version's, or a test run's draft). Step results and logs carry keys only; the
 * execution page reads names and the timeline's order from this.
 */
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { Definition, Step } from "@/runtime/definition/schema";
import { flowKey, stepKey } from "@/runtime/definition/step-key";
import { childStepLists } from "@/runtime/definition/walk";
import { notFound } from "../errors";

export interface OutlineStep {
  key: string;
  name: string;
  action: string;
  /** 0 for the flow's own steps, 1 for steps inside a loop or branch, … */
  depth: number;
}

export interface ExecutionOutline {
  flow: { key: string; name: string } | null;
  /** in the order they run; empty when the definition is gone (a deleted version) */
  steps: OutlineStep[];
}

export function outlineOf(definition: Definition | null, key: string): ExecutionOutline {
  const flow = definition?.flows?.find((f) => flowKey(f.name) === key);
  if (!flow) return { flow: null, steps: [] };
  const steps: OutlineStep[] = [];
  const visit = (list: Step[], depth: number) => {
    for (const s of list) {
      steps.push({ key: stepKey(s.name), name: s.name, action: s.action, depth });
      for (const child of childStepLists(s, [])) visit(child.steps, depth + 1);
    }
  };
  visit(flow.steps ?? [], 0);
  return { flow: { key, name: flow.name }, steps };
}

export async function getExecutionOutline(db: Db, id: string): Promise<ExecutionOutline> {
  const r = await db.execute<{ flow_key: string; definition: Definition | null }>(sql`
    select e.flow_key, coalesce(e.test_definition, v.definition) as definition
      from executions e left join integration_versions v on v.id = e.version_id
     where e.id = ${id}::uuid`);
  const row = r.rows[0];
  if (!row) throw notFound("execution");
  return outlineOf(row.definition, row.flow_key);
}
