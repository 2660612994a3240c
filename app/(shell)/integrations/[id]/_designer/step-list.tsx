"use client";
import { useDroppable } from "@dnd-kit/core";
import { SortableContext, verticalListSortingStrategy } from "@dnd-kit/sortable";
import type { Step } from "@/runtime/definition";
import { listId, type ListRef } from "@/app/_ui/designer/step-tree";
import { AddStep } from "./add-step";
import { StepNode } from "./step-node";

const dragId = (name: string) => `step:${name}`;

/** A list of steps with an add button before the first and after each; empty lists still take drops. */
export function StepList({ listRef, steps, label }: { listRef: ListRef; steps: Step[]; label?: string }) {
  const { setNodeRef, isOver } = useDroppable({ id: listId(listRef) });
  return (
    <SortableContext items={steps.map((s) => dragId(s.name))} strategy={verticalListSortingStrategy}>
      <ol
        ref={setNodeRef}
        aria-label={label ?? "Steps"}
        className={`flex min-h-10 flex-col items-center rounded-md ${isOver && steps.length === 0 ? "bg-brand-50 ring-1 ring-brand-500" : ""}`}
      >
        <AddStep listRef={listRef} index={0} />
        {steps.map((step, i) => (
          <li key={step.name} className="flex flex-col items-center">
            <StepNode step={step} />
            <AddStep listRef={listRef} index={i + 1} after={step.name} />
          </li>
        ))}
      </ol>
    </SortableContext>
  );
}
