"use client";
/** A flow's `execution` block and a setter that drops unset fields (and the block itself when empty), so the YAML stays minimal. */
import type { Execution } from "@/runtime/definition";
import { useDesigner } from "./designer-context";

export function useExecution(flow: number): { execution: Execution; set(next: Execution, tag?: string): void } {
  const d = useDesigner();
  return {
    execution: d.draft.flows[flow]!.execution ?? {},
    set: (next, tag) =>
      d.edit(
        (x) => {
          const cleaned = Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined)) as Execution;
          x.flows[flow]!.execution = Object.keys(cleaned).length ? cleaned : undefined;
        },
        tag && `execution:${flow}:${tag}`,
      ),
  };
}
