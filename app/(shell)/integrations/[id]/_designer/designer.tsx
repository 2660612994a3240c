"use client";
/** The integration designer: loads the draft, then holds it (with undo) for every pane. */
import { useQuery } from "@tanstack/react-query";
import { useCallback, useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState, type ReactNode } from "react";
import { flowKey, type Definition } from "@/runtime/definition";
import { historyReducer, initialHistory } from "@/app/_ui/designer/history";
import { draftProblems, problemsByStep } from "@/app/_ui/designer/draft-problems";
import { useTRPC } from "@/app/_ui/trpc";
import { AttachmentsTab } from "./attachments-tab";
import { ConfigPane } from "./config-pane";
import { ConfigVarsDrawer } from "./config-vars-drawer";
import { ConflictDialog } from "./conflict-dialog";
import { DesignerContext, type CatalogAction, type CatalogComponentInfo, type DesignerValue, type Selection } from "./designer-context";
import { DesignerHeader, type DesignerTab } from "./designer-header";
import { EditorPane } from "./editor-pane";
import { InstancesTab } from "./instances-tab";
import { PaneSeparator } from "./pane-separator";
import { PublicationPane } from "./publication-pane";
import { TestingPane } from "./testing-pane";
import { useAutosave, readStoredDraft, type Conflict } from "./use-autosave";
import { useLastRun } from "./use-last-run";
import { usePaneSize, type PaneSize } from "./use-pane-size";
import { YamlTab } from "./yaml-tab";

export function Designer({ id }: { id: string }) {
  const trpc = useTRPC();
  // read once: after loading, the designer's own state is the truth and autosave keeps the server up to date
  const integration = useQuery({ ...trpc.integrations.get.queryOptions({ id }), staleTime: Infinity, refetchOnWindowFocus: false });
  const components = useQuery({ ...trpc.designer.components.queryOptions(), staleTime: 60_000 });
  if (integration.error)
    return (
      <p className="text-sm text-red-700" role="alert">
        {integration.error.message}
      </p>
    );
  if (!integration.data || !components.data) return <p className="text-sm text-slate-500">Loading the designer…</p>;
  const actions: CatalogAction[] = components.data.flatMap((c) =>
    Object.entries(c.actions).map(([key, manifest]) => ({
      action: `${c.key}.${key}`,
      componentLabel: c.label,
      manifest,
      component: c.key,
      category: c.category,
      componentDescription: c.description,
    })),
  );
  return (
    <LoadedDesigner
      id={id}
      server={integration.data.draft}
      revision={integration.data.draftRevision}
      samplePayloads={integration.data.samplePayloads}
      actions={actions}
      components={components.data}
    />
  );
}

/** What was on screen before a reload wins over the server's copy; a newer server copy is a conflict. */
function startingPoint(id: string, server: Definition, revision: number): { draft: Definition; conflict: Conflict | null } {
  const stored = typeof window === "undefined" ? null : readStoredDraft(id);
  if (!stored || JSON.stringify(stored.draft) === JSON.stringify(server)) return { draft: server, conflict: null };
  if (stored.baseRevision === revision) return { draft: stored.draft, conflict: null };
  return { draft: stored.draft, conflict: { server, revision } };
}

function LoadedDesigner({
  id,
  server,
  revision,
  actions,
  components,
  samplePayloads,
}: {
  id: string;
  server: Definition;
  revision: number;
  samplePayloads: Record<string, unknown>;
  actions: CatalogAction[];
  components: CatalogComponentInfo[];
}) {
  const [start] = useState(() => startingPoint(id, server, revision));
  const [history, dispatch] = useReducer(historyReducer, start.draft, initialHistory);
  const present = useRef(history.present);
  // kept current for the callbacks below, which run after the commit (layout effects run first)
  useLayoutEffect(() => {
    present.current = history.present;
  });
  const draft = history.present;
  const autosave = useAutosave(id, draft, { revision, saved: server, conflict: start.conflict });
  const [flow, setFlow] = useState(0);
  const [selected, select] = useState<Selection>(null);
  const [tab, setTab] = useState<DesignerTab>("designer");
  const [side, setSide] = useState<"configuration" | "publication">("configuration");
  const [drawer, setDrawer] = useState(false);
  const [lastRunId, setLastRunId] = useState<string | null>(null);
  const lastRun = useLastRun(id, lastRunId);
  // sized so that at 1280×720 the canvas keeps most of the height and the side pane leaves room for the editor
  const testing = usePaneSize("testing", ({ height }) => ({
    initial: Math.round(Math.min(288, height * 0.3)),
    min: 120,
    max: height - 320,
  }));
  const sidePane = usePaneSize("side", ({ width }) => ({ initial: width < 1400 ? 360 : 420, min: 300, max: Math.min(800, width - 600) }));
  const showSide = (s: "configuration" | "publication") => {
    setSide(s);
    sidePane.setCollapsed(false);
  };

  const change = useCallback((next: Definition, tag?: string) => dispatch({ type: "apply", next, tag, at: Date.now() }), []);
  const edit = useCallback((mutate: (d: Definition) => void, tag?: string) => {
    const next = structuredClone(present.current);
    mutate(next);
    dispatch({ type: "apply", next, tag, at: Date.now() });
  }, []);
  const byAction = useMemo(() => new Map(actions.map((a) => [a.action, a.manifest])), [actions]);
  const problemList = useMemo(() => draftProblems(draft, (action) => byAction.get(action)), [draft, byAction]);
  const problems = useMemo(() => problemsByStep(problemList), [problemList]);

  // keyboard undo/redo, except while typing in a field (the field undoes its own text)
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (target.closest("input, textarea, select, .cm-editor")) return;
      if ((e.metaKey || e.ctrlKey) && e.key.toLowerCase() === "z") {
        e.preventDefault();
        dispatch({ type: e.shiftKey ? "redo" : "undo" });
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const value: DesignerValue = {
    integrationId: id,
    draft,
    change,
    edit,
    undo: () => dispatch({ type: "undo" }),
    redo: () => dispatch({ type: "redo" }),
    canUndo: history.past.length > 0,
    canRedo: history.future.length > 0,
    replace: (definition) => dispatch({ type: "replace", definition }),
    flow: Math.min(flow, draft.flows.length - 1),
    setFlow,
    selected,
    select: (s) => {
      select(s);
      showSide("configuration");
    },
    actions,
    components,
    actionManifest: (action) => byAction.get(action),
    problems,
    problemList,
    lastRun,
    samplePayload: (index) => {
      const f = draft.flows[index];
      return f ? (samplePayloads[flowKey(f.name)] ?? null) : null;
    },
    setLastRunId,
    flush: autosave.flush,
  };

  return (
    <DesignerContext.Provider value={value}>
      <div className="-mx-8 -my-6 flex h-screen flex-col">
        <DesignerHeader
          tab={tab}
          onTab={setTab}
          status={autosave.status}
          saveError={autosave.error}
          side={side}
          onSide={showSide}
          onConfigVars={() => setDrawer(true)}
        />
        {tab === "designer" && (
          <div className="flex min-h-0 flex-1">
            <div className="flex min-w-0 flex-1 flex-col">
              <EditorPane />
              {!testing.collapsed && (
                <PaneSeparator label="Resize the testing pane" controls="designer-testing" orientation="horizontal" pane={testing} />
              )}
              <TestingPane id="designer-testing" height={testing.size} open={!testing.collapsed} onOpen={(o) => testing.setCollapsed(!o)} />
            </div>
            <SidePane pane={sidePane} label={side === "configuration" ? "Configuration" : "Publication"}>
              {side === "configuration" ? <ConfigPane /> : <PublicationPane />}
            </SidePane>
          </div>
        )}
        {tab === "yaml" && <YamlTab />}
        {tab === "attachments" && <AttachmentsTab />}
        {tab === "instances" && <InstancesTab />}
        {drawer && <ConfigVarsDrawer onClose={() => setDrawer(false)} />}
        {autosave.conflict && (
          <ConflictDialog
            conflict={autosave.conflict}
            onReload={(c) => {
              autosave.acceptServer(c);
              dispatch({ type: "replace", definition: c.server });
            }}
            onOverwrite={autosave.overwrite}
          />
        )}
      </div>
    </DesignerContext.Provider>
  );
}

/** The right-hand pane (configuration or publication): resizable from its left edge, or collapsed to a strip. */
function SidePane({ pane, label, children }: { pane: PaneSize; label: string; children: ReactNode }) {
  if (pane.collapsed)
    return (
      <div className="flex w-9 shrink-0 flex-col items-center gap-3 border-l border-slate-200 bg-white py-2">
        <button
          type="button"
          aria-label={`Show the ${label.toLowerCase()} pane`}
          aria-expanded={false}
          className="rounded px-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-800"
          onClick={() => pane.setCollapsed(false)}
        >
          «
        </button>
        <span className="text-xs font-medium text-slate-500 [writing-mode:vertical-rl]">{label}</span>
      </div>
    );
  return (
    <>
      <PaneSeparator label={`Resize the ${label.toLowerCase()} pane`} controls="designer-side" orientation="vertical" pane={pane} />
      <aside id="designer-side" style={{ width: pane.size }} className="relative shrink-0 overflow-y-auto bg-white" aria-label={label}>
        <button
          type="button"
          aria-label={`Hide the ${label.toLowerCase()} pane`}
          aria-expanded
          aria-controls="designer-side"
          className="absolute top-3 right-2 z-10 rounded px-1.5 text-slate-400 hover:bg-slate-100 hover:text-slate-800"
          onClick={() => pane.setCollapsed(true)}
        >
          »
        </button>
        {children}
      </aside>
    </>
  );
}
