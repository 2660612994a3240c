"use client";
/**
 * The editor: the trigger, then the steps top to bottom. One DndContext spans every list so a step
 * can be dragged within its list or into another (a branch, a loop); drops into its own inside are refused.
 */
import {
  closestCenter,
  DndContext,
  KeyboardSensor,
  pointerWithin,
  PointerSensor,
  useSensor,
  useSensors,
  type CollisionDetection,
  type DragEndEvent,
} from "@dnd-kit/core";
import { sortableKeyboardCoordinates } from "@dnd-kit/sortable";
import { useLayoutEffect, useRef } from "react";
import { locate, moveStep, parseListId } from "@/app/_ui/designer/step-tree";
import { useDesigner } from "./designer-context";
import { FlowBar } from "./flow-bar";
import { StepList } from "./step-list";
import { TriggerCard } from "./trigger-card";

/**
 * The innermost step or list under the pointer: lists nest (a loop's steps sit inside the loop's
 * node), so the smallest droppable holding the pointer is the one meant. Keyboard drags have no
 * pointer and use the closest centre.
 */
const innermost: CollisionDetection = (args) => {
  const within = pointerWithin(args);
  if (within.length === 0) return closestCenter(args);
  const area = (id: string | number) => {
    const r = args.droppableRects.get(id);
    return r ? r.width * r.height : Number.POSITIVE_INFINITY;
  };
  return [...within].sort((a, b) => area(a.id) - area(b.id)).slice(0, 1);
};

export function EditorPane() {
  const d = useDesigner();
  const pane = useRef<HTMLElement>(null);
  // wide branch lanes put the trigger and main column in the middle of the content: each flow
  // opens scrolled there, not at its leftmost lane (later edits keep wherever the user scrolled)
  useLayoutEffect(() => {
    const e = pane.current;
    if (e) e.scrollLeft = (e.scrollWidth - e.clientWidth) / 2;
  }, [d.flow]);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const name = String(active.id).replace(/^step:/, "");
    const overId = String(over.id);
    const target = overId.startsWith("step:") ? locate(d.draft, overId.slice(5)) : undefined;
    const to = target ? { ref: target.ref, index: target.index } : { ref: parseListId(overId), index: Number.MAX_SAFE_INTEGER };
    if (!to.ref) return;
    const next = moveStep(d.draft, name, to.ref, to.index);
    if (next) d.change(next);
  };
  const flow = d.draft.flows[d.flow]!;
  return (
    <section ref={pane} aria-label="Editor" className="min-h-0 flex-1 overflow-auto bg-slate-50 px-6 py-4">
      <FlowBar />
      <div className="mx-auto flex w-fit min-w-[320px] flex-col items-center">
        <DndContext sensors={sensors} collisionDetection={innermost} onDragEnd={onDragEnd}>
          <TriggerCard flow={d.flow} />
          <StepList listRef={{ flow: d.flow }} steps={flow.steps} />
        </DndContext>
      </div>
    </section>
  );
}
