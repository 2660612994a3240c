"use client";
/**
 * The editor: the trigger, then the steps top to bottom. One DndContext spans every list so a step
 * can be dragged within its list or into another (a branch, a loop); drops into its own inside are refused.
 */
import { closestCenter, DndContext, KeyboardSensor, pointerWithin, PointerSensor, useSensor, useSensors, type CollisionDetection, type DragEndEvent } from "@dnd-kit/core";
import { sortableKeyboardCoordinates } from "@dnd-kit/sortable";
import { flowKey } from "../../../../../runtime/definition";
import { locate, moveStep, parseListId } from "../../../../_ui/designer/step-tree";
import { useDesigner } from "./designer-context";
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
    <section aria-label="Editor" className="min-h-0 flex-1 overflow-auto bg-slate-50 px-6 py-4">
        <div className="mb-4 flex items-center gap-2">
          <label htmlFor="flow-select" className="text-xs font-medium text-slate-500 uppercase">
            Flow
          </label>
          <select
            id="flow-select"
            value={d.flow}
            onChange={(e) => d.setFlow(Number(e.target.value))}
            className="rounded-md border-0 py-1 text-sm ring-1 ring-slate-300"
          >
            {d.draft.flows.map((f, i) => (
              <option key={i} value={i}>
                {f.name}
              </option>
            ))}
          </select>
          <button
            className="text-xs font-medium text-brand-700 hover:underline"
            onClick={() => {
              const taken = new Set(d.draft.flows.map((f) => flowKey(f.name)));
              let n = d.draft.flows.length + 1;
              while (taken.has(flowKey(`Flow ${n}`))) n++;
              d.edit((x) => void x.flows.push({ name: `Flow ${n}`, trigger: { type: "webhook" }, steps: [] }));
              d.setFlow(d.draft.flows.length);
            }}
          >
            + Flow
          </button>
        </div>
      <div className="mx-auto flex w-fit min-w-[320px] flex-col items-center">
        <DndContext sensors={sensors} collisionDetection={innermost} onDragEnd={onDragEnd}>
          <TriggerCard flow={d.flow} />
          <StepList listRef={{ flow: d.flow }} steps={flow.steps} />
        </DndContext>
      </div>
    </section>
  );
}
