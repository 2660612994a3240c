"use client";
/** Above the editor: which flow is shown, and adding, renaming and deleting flows (each asks first). */
import { useState } from "react";
import { flowKey } from "@/runtime/definition";
import { Modal } from "@/app/_ui/designer/modal";
import { Button, TextInput } from "@/app/_ui/ui";
import { useDesigner } from "./designer-context";
import { addFlow, deleteFlow, flowNameProblem, LAST_FLOW_MESSAGE, renameFlow } from "./flow-edits";

const linkButton = "text-xs font-medium text-brand-700 hover:underline";

export function FlowBar() {
  const d = useDesigner();
  const [dialog, setDialog] = useState<"rename" | "delete" | null>(null);
  const flow = d.draft.flows[d.flow]!;
  return (
    // sticky: the bar stays in view while wide branch lanes scroll the editor sideways
    <div className="sticky left-0 mb-4 flex w-fit items-center gap-3">
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
        className={linkButton}
        onClick={() => {
          d.change(addFlow(d.draft));
          d.setFlow(d.draft.flows.length);
        }}
      >
        + Flow
      </button>
      <button className={linkButton} aria-label={`Rename flow ${flow.name}`} onClick={() => setDialog("rename")}>
        Rename
      </button>
      <button
        className="text-xs font-medium text-red-700 hover:underline"
        aria-label={`Delete flow ${flow.name}`}
        onClick={() => setDialog("delete")}
      >
        Delete
      </button>
      {dialog === "rename" && <RenameFlowDialog onClose={() => setDialog(null)} />}
      {dialog === "delete" && <DeleteFlowDialog onClose={() => setDialog(null)} />}
    </div>
  );
}

function RenameFlowDialog({ onClose }: { onClose(): void }) {
  const d = useDesigner();
  const index = d.flow;
  const current = d.draft.flows[index]!.name;
  const [name, setName] = useState(current);
  const [error, setError] = useState<string | null>(null);
  const keyChanges = !flowNameProblem(d.draft, index, name) && flowKey(name.trim()) !== flowKey(current);
  const save = () => {
    const r = renameFlow(d.draft, index, name);
    if (!r.ok) return setError(r.error);
    d.change(r.definition);
    onClose();
  };
  return (
    <Modal title={`Rename flow ${current}`} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
        className="space-y-2"
      >
        <label htmlFor="flow-name" className="block text-sm font-medium text-slate-700">
          Flow name
        </label>
        <TextInput id="flow-name" autoFocus value={name} onChange={(e) => (setName(e.target.value), setError(null))} />
        {error && (
          <p role="alert" className="text-xs text-red-600">
            {error}
          </p>
        )}
        {keyChanges && (
          <p className="text-xs text-amber-700">
            The flow&apos;s key becomes <code>{flowKey(name.trim())}</code>: instances updated to a version with this name get a new webhook
            URL for it.
          </p>
        )}
        <div className="flex justify-end gap-2 pt-2">
          <Button type="button" variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit">Rename flow</Button>
        </div>
      </form>
    </Modal>
  );
}

function DeleteFlowDialog({ onClose }: { onClose(): void }) {
  const d = useDesigner();
  const index = d.flow;
  const flow = d.draft.flows[index]!;
  const last = d.draft.flows.length === 1;
  const remove = () => {
    const r = deleteFlow(d.draft, index);
    if (!r.ok) return;
    d.change(r.definition);
    d.setFlow(Math.min(index, r.definition.flows.length - 1));
    d.select(null);
    onClose();
  };
  return (
    <Modal title={`Delete flow ${flow.name}?`} onClose={onClose}>
      {last ? (
        <p role="alert" className="text-sm text-red-700">
          {LAST_FLOW_MESSAGE}
        </p>
      ) : (
        <p className="text-sm text-slate-700">
          {flow.steps.length === 0
            ? "Its trigger is"
            : flow.steps.length === 1
              ? "Its trigger and its one step are"
              : `Its trigger and its ${flow.steps.length} steps are`}{" "}
          removed from the draft (Undo brings {flow.steps.length === 0 ? "it" : "them"} back). Instances updated to a version without it
          lose its webhook URL and schedule.
        </p>
      )}
      <div className="mt-4 flex justify-end gap-2">
        <Button variant="secondary" onClick={onClose}>
          {last ? "Close" : "Cancel"}
        </Button>
        {!last && (
          <Button variant="danger" onClick={remove}>
            Delete flow
          </Button>
        )}
      </div>
    </Modal>
  );
}
