"use client";
import Link from "next/link";
import { Button } from "@/app/_ui/ui";
import { useDesigner } from "./designer-context";
import { InlineText } from "./inline-text";
import { ProblemsMenu } from "./problems-menu";
import type { SaveStatus } from "./use-autosave";

export type DesignerTab = "designer" | "yaml" | "attachments" | "instances";

const STATUS_TEXT: Record<SaveStatus, string> = {
  saved: "All changes saved",
  unsaved: "Unsaved changes…",
  saving: "Saving…",
  error: "Not saved",
  conflict: "Conflict: not saved",
};

export function DesignerHeader(props: {
  tab: DesignerTab;
  onTab(tab: DesignerTab): void;
  status: SaveStatus;
  saveError: string | null;
  side: "configuration" | "publication";
  onSide(side: "configuration" | "publication"): void;
  onConfigVars(): void;
}) {
  const d = useDesigner();
  const firstProblem = d.problemList[0]?.text;
  const tabs: [DesignerTab, string][] = [
    ["designer", "Designer"],
    ["yaml", "YAML"],
    ["attachments", "Attachments"],
    ["instances", "Instances"],
  ];
  return (
    <header className="border-b border-slate-200 bg-white px-4 pt-3">
      <div className="flex items-start gap-4">
        <Link href="/integrations" className="mt-1 text-sm text-slate-500 hover:text-slate-800" aria-label="Back to integrations">
          ←
        </Link>
        <div className="min-w-0 flex-1">
          <InlineText
            label="Integration name"
            value={d.draft.name}
            className="text-lg font-semibold text-slate-900"
            onCommit={(name) => name.trim() && d.edit((x) => void (x.name = name.trim()))}
          />
          <InlineText
            label="Integration description"
            value={d.draft.description ?? ""}
            placeholder="Add a description"
            className="text-sm text-slate-500"
            onCommit={(description) => d.edit((x) => void (x.description = description))}
          />
        </div>
        <p
          role="status"
          data-testid="save-status"
          title={props.saveError ?? firstProblem ?? undefined}
          className={`mt-1 max-w-xs truncate text-xs ${props.status === "error" || props.status === "conflict" || firstProblem ? "text-red-700" : "text-slate-500"}`}
        >
          {props.status === "error" && props.saveError
            ? props.saveError
            : props.status === "saved" && firstProblem
              ? `Saved with problems: ${firstProblem}`
              : STATUS_TEXT[props.status]}
        </p>
        <ProblemsMenu onConfigVars={props.onConfigVars} />
        <div className="flex gap-1">
          <Button variant="ghost" onClick={d.undo} disabled={!d.canUndo} aria-label="Undo" title="Undo (Ctrl+Z)">
            ↶
          </Button>
          <Button variant="ghost" onClick={d.redo} disabled={!d.canRedo} aria-label="Redo" title="Redo (Ctrl+Shift+Z)">
            ↷
          </Button>
          <Button variant="secondary" onClick={props.onConfigVars}>
            Config variables
          </Button>
          <Button
            variant={props.side === "publication" ? "primary" : "secondary"}
            onClick={() => {
              props.onTab("designer");
              props.onSide(props.side === "publication" ? "configuration" : "publication");
            }}
          >
            Publish…
          </Button>
        </div>
      </div>
      <nav className="mt-2 flex gap-4" aria-label="Designer tabs">
        {tabs.map(([key, label]) => (
          <button
            key={key}
            role="tab"
            aria-selected={props.tab === key}
            onClick={() => props.onTab(key)}
            className={`border-b-2 px-1 pb-2 text-sm font-medium ${props.tab === key ? "border-brand-600 text-brand-700" : "border-transparent text-slate-500 hover:text-slate-800"}`}
          >
            {label}
          </button>
        ))}
      </nav>
    </header>
  );
}
