"use client";
/**
 * The data picker: everything a step's input can use — the trigger's body, headers and query, the
 * results of every earlier step, the loops around it, the config variables by label — as a tree to
 * search, expand and click (or drag into a template). Fields come from the last test run, or from
 * the flow's saved sample payload before there is one.
 */
import { useMemo, useState } from "react";
import { fieldsOf, filterTree, preview, type DataNode } from "@/app/_ui/designer/data-tree";
import { configVarKeys } from "@/app/_ui/designer/config-vars";
import { valueOfReference } from "@/app/_ui/designer/run-values";
import type { ScopeEntry } from "@/app/_ui/designer/step-tree";
import { useDesigner } from "./designer-context";

const TRIGGER_PARTS = ["body", "headers", "query"] as const;

export function useDataTree(scope: ScopeEntry[]): DataNode[] {
  const d = useDesigner();
  const sample = d.samplePayload(d.flow);
  return useMemo(() => {
    const run = d.lastRun && { trigger: d.lastRun.trigger, steps: d.lastRun.steps };
    const nodes: DataNode[] = [];
    for (const entry of scope) {
      if (entry.kind === "trigger") {
        const seen = (run?.trigger ?? sample) as Record<string, unknown> | null | undefined;
        const parts = TRIGGER_PARTS.map((part) => {
          const path = `${entry.base}.${part}`;
          const value = seen?.[part];
          return { label: part, path, preview: preview(value), children: fieldsOf(value, path) };
        });
        const others =
          seen && typeof seen === "object" ? fieldsOf(seen, entry.base).filter((n) => !TRIGGER_PARTS.includes(n.label as never)) : [];
        nodes.push({ label: "Trigger", path: entry.base, children: [...parts, ...others] });
      } else if (entry.kind === "index") {
        nodes.push({ label: entry.label, path: entry.base, preview: "0, 1, 2…", children: [] });
      } else {
        const value = run ? valueOfReference(d.draft, run, entry.base) : undefined;
        nodes.push({ label: entry.label, path: entry.base, preview: preview(value), children: fieldsOf(value, entry.base) });
      }
    }
    const vars = configVarKeys(d.draft).map((v) => ({ label: v.label, path: `configVars.${v.key}`, preview: v.key, children: [] }));
    if (vars.length > 0) nodes.push({ label: "Config variables", path: "configVars", children: vars });
    return nodes;
  }, [d.draft, d.lastRun, sample, scope]);
}

export function DataPicker({ scope, label, onPick }: { scope: ScopeEntry[]; label: string; onPick(path: string): void }) {
  const d = useDesigner();
  const tree = useDataTree(scope);
  const [query, setQuery] = useState("");
  const shown = filterTree(tree, query);
  const hasData = !!d.lastRun || !!d.samplePayload(d.flow);
  return (
    <div className="space-y-1 rounded-md bg-slate-50 p-2 ring-1 ring-slate-200">
      <input
        type="search"
        aria-label={`Search data for ${label}`}
        placeholder="Search fields, steps, config variables"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        className="block w-full rounded-md border-0 px-2 py-1 text-xs ring-1 ring-slate-300 focus:ring-2 focus:ring-brand-500 focus:outline-none"
      />
      {!hasData && (
        <p className="text-[11px] text-slate-500">Run a test (or save a sample payload) to see the fields of each step&apos;s result.</p>
      )}
      <ul role="tree" aria-label={`Data for ${label}`} className="max-h-64 overflow-y-auto text-xs">
        {shown.map((node) => (
          <TreeNode key={node.path} node={node} depth={0} onPick={onPick} open={query.trim() !== ""} />
        ))}
        {shown.length === 0 && <li className="px-1 py-1 text-slate-500">Nothing matches.</li>}
      </ul>
    </div>
  );
}

function TreeNode({ node, depth, onPick, open }: { node: DataNode; depth: number; onPick(path: string): void; open: boolean }) {
  const [expanded, setExpanded] = useState(depth === 0 && node.label === "Trigger");
  const isOpen = open || expanded;
  const branch = node.children.length > 0;
  return (
    <li role="treeitem" aria-expanded={branch ? isOpen : undefined} aria-label={node.label} aria-selected={false}>
      <div className="flex items-center gap-1 rounded hover:bg-brand-50" style={{ paddingLeft: depth * 12 }}>
        {branch ? (
          <button
            type="button"
            aria-label={`${isOpen ? "Collapse" : "Expand"} ${node.label}`}
            className="w-4 shrink-0 text-slate-500"
            onClick={() => setExpanded(!isOpen)}
          >
            {isOpen ? "▾" : "▸"}
          </button>
        ) : (
          <span className="w-4 shrink-0" />
        )}
        <button
          type="button"
          draggable
          title={`Insert ${node.path} (or drag it into a template)`}
          aria-label={`Insert ${node.path}`}
          // a template field takes the dragged text where it is dropped, as any text field does
          onDragStart={(e) => e.dataTransfer.setData("text/plain", `{{ ${node.path} }}`)}
          onClick={() => onPick(node.path)}
          className="flex min-w-0 flex-1 items-baseline gap-2 py-0.5 text-left"
        >
          <span className="truncate font-medium text-slate-800">{node.label}</span>
          {node.preview && <span className="truncate font-mono text-[11px] text-slate-400">{node.preview}</span>}
        </button>
      </div>
      {branch && isOpen && (
        <ul role="group">
          {node.children.map((child) => (
            <TreeNode key={child.path} node={child} depth={depth + 1} onPick={onPick} open={open} />
          ))}
        </ul>
      )}
    </li>
  );
}
