"use client";
/**
 * The testing pane: a sample payload, test config values and credentials, Save & Run Test (the
 * draft is saved, then run through the real queue and worker), step outputs, logs, earlier runs.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { stepKey } from "@/runtime/definition";
import { allEntries } from "@/app/_ui/designer/step-tree";
import { JsonTree } from "@/app/_ui/json-tree";
import { Table } from "@/app/_ui/table";
import { useTRPC } from "@/app/_ui/trpc";
import { Button } from "@/app/_ui/ui";
import { useDesigner } from "./designer-context";
import { StepInputsView } from "./step-inputs-view";
import { TestConfigForm } from "./test-config-form";
import { useTestPayload } from "@/app/_ui/test-payload";
import { TestUrl } from "./test-url";
import { isFinished } from "./use-last-run";

type Tab = "payload" | "url" | "config" | "outputs" | "logs" | "runs";
const TABS: [Tab, string][] = [
  ["payload", "Payload"],
  ["url", "Test URL"],
  ["config", "Test configuration"],
  ["outputs", "Step outputs"],
  ["logs", "Logs"],
  ["runs", "Test runs"],
];

const STATUS_STYLE: Record<string, string> = {
  succeeded: "bg-emerald-100 text-emerald-800",
  failed: "bg-red-100 text-red-800",
  running: "bg-blue-100 text-blue-800",
  queued: "bg-slate-100 text-slate-700",
};

/** `height` and `open` come from the designer, which remembers them and sizes the pane with a drag handle above it. */
export function TestingPane({ id, height, open, onOpen }: { id: string; height: number; open: boolean; onOpen(open: boolean): void }) {
  const d = useDesigner();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [tab, setTab] = useState<Tab>("payload");
  // before anything was typed, the flow's saved sample payload (the last one a test run sent)
  const payload = useTestPayload({ storageKey: d.integrationId, sample: (d.samplePayload(d.flow) as { body?: unknown } | null)?.body });
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const test = useMutation(trpc.executions.test.mutationOptions());
  const run = d.lastRun;

  const runTest = async () => {
    setError(null);
    setStarting(true);
    try {
      const sent = payload.build();
      await d.flush();
      const flow = d.draft.flows[d.flow]!.name;
      const started = await test.mutateAsync({
        integrationId: d.integrationId,
        definition: d.draft,
        flow,
        ...sent.payload,
        headers: sent.headers,
      });
      d.setLastRunId(started.id);
      setTab("outputs");
      onOpen(true);
      void queryClient.invalidateQueries({ queryKey: trpc.executions.list.queryKey() });
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setStarting(false);
    }
  };

  return (
    <section
      id={id}
      aria-label="Testing"
      style={open ? { height } : undefined}
      className={`flex shrink-0 flex-col bg-white ${open ? "" : "border-t border-slate-200"}`}
    >
      {/* in a narrow pane the tabs wrap onto a second row: every tab and the run button show whole */}
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-slate-200 px-4 py-1.5">
        <button
          type="button"
          className="shrink-0 text-sm font-semibold whitespace-nowrap text-slate-800"
          aria-expanded={open}
          aria-controls={`${id}-body`}
          onClick={() => onOpen(!open)}
        >
          {open ? "▾" : "▸"} Testing
        </button>
        <nav role="tablist" aria-label="Testing tabs" className="flex flex-wrap gap-1">
          {TABS.map(([key, label]) => (
            <button
              key={key}
              role="tab"
              aria-selected={tab === key}
              onClick={() => (setTab(key), onOpen(true))}
              className={`rounded px-2 py-1 text-xs font-medium whitespace-nowrap ${tab === key ? "bg-brand-50 text-brand-700" : "text-slate-500 hover:text-slate-800"}`}
            >
              {label}
            </button>
          ))}
        </nav>
        <div className="ml-auto flex shrink-0 items-center gap-2">
          {run && (
            <span
              data-testid="run-status"
              data-run-id={run.id}
              className={`rounded px-2 py-0.5 text-xs font-medium ${STATUS_STYLE[run.status ?? "queued"] ?? "bg-slate-100"}`}
            >
              {run.status ?? "queued"}
            </span>
          )}
          <Button onClick={runTest} disabled={starting} className="whitespace-nowrap">
            {starting ? "Starting…" : "Save & Run Test"}
          </Button>
        </div>
      </div>
      {error && (
        <p role="alert" className="bg-red-50 px-4 py-1 text-xs text-red-800">
          {error}
        </p>
      )}
      {open && (
        <div id={`${id}-body`} className="min-h-0 flex-1 overflow-auto p-3">
          {tab === "payload" && payload.view}
          {tab === "url" && <TestUrl />}
          {tab === "config" && <TestConfigForm />}
          {tab === "outputs" && <StepOutputs />}
          {tab === "logs" && <Logs />}
          {tab === "runs" && <Runs onPick={() => setTab("outputs")} />}
        </div>
      )}
    </section>
  );
}

function StepOutputs() {
  const d = useDesigner();
  const run = d.lastRun;
  const [picked, setPicked] = useState<string>("");
  if (!run) return <p className="text-sm text-slate-500">Run a test to see each step&apos;s output here.</p>;
  const entries = allEntries(d.draft);
  const names = new Map(entries.map((e) => [stepKey(e.step.name), e.step.name]));
  // the inputs its action declares as code
  const codeKeys = (key: string) => {
    const action = entries.find((e) => stepKey(e.step.name) === key)?.step.action;
    const inputs = action ? (d.actionManifest(action)?.inputs ?? []) : [];
    return new Set(inputs.filter((i) => i.type === "code").map((i) => i.key));
  };
  const rows = run.steps.map((s, i) => ({
    id: String(i),
    label: `${names.get(s.stepKey) ?? s.stepKey}${s.iteration?.length ? ` [${s.iteration.join(", ")}]` : ""}`,
    step: s,
  }));
  const chosen = picked === "trigger" ? null : (rows.find((r) => r.id === picked) ?? rows.at(-1));
  return (
    <div className="space-y-2">
      <div className="flex items-center gap-2">
        <label htmlFor="output-step" className="text-xs font-medium text-slate-600">
          Step
        </label>
        <select
          id="output-step"
          value={picked === "trigger" ? "trigger" : (chosen?.id ?? "")}
          onChange={(e) => setPicked(e.target.value)}
          className="rounded-md border-0 py-1 text-sm ring-1 ring-slate-300"
        >
          <option value="trigger">Trigger</option>
          {rows.map((r) => (
            <option key={r.id} value={r.id}>
              {r.label} — {r.step.status}
            </option>
          ))}
        </select>
        {run.error && <span className="text-xs text-red-700">Run failed: {run.error.message}</span>}
        {!isFinished(run.status) && <span className="text-xs text-slate-500">running…</span>}
      </div>
      {picked === "trigger" ? (
        <JsonTree value={run.trigger} label="Trigger output" />
      ) : chosen ? (
        <div className="grid grid-cols-2 gap-3">
          <div>
            <p className="mb-1 text-xs font-semibold text-slate-600">Result</p>
            <JsonTree value={chosen.step.error ? { error: chosen.step.error } : chosen.step.result} label="Step result" />
          </div>
          <div>
            <p className="mb-1 text-xs font-semibold text-slate-600">Inputs</p>
            <StepInputsView inputs={chosen.step.inputs} codeKeys={codeKeys(chosen.step.stepKey)} />
          </div>
        </div>
      ) : (
        <p className="text-sm text-slate-500">No step has run yet.</p>
      )}
    </div>
  );
}

function Logs() {
  const run = useDesigner().lastRun;
  if (!run) return <p className="text-sm text-slate-500">Run a test to see its logs here, as they are written.</p>;
  return (
    <ol aria-label="Test logs" className="space-y-0.5 font-mono text-xs">
      {run.logs.length === 0 && <li className="text-slate-500">No log lines yet.</li>}
      {run.logs.map((l) => (
        <li key={l.id} className={l.level === "error" ? "text-red-700" : l.level === "warn" ? "text-amber-700" : "text-slate-800"}>
          <span className="text-slate-400">{new Date(l.createdAt).toLocaleTimeString()}</span> <span className="uppercase">{l.level}</span>{" "}
          {l.stepKey && <span className="text-brand-700">[{l.stepKey}]</span>} {l.message}
        </li>
      ))}
      {run.error && <li className="text-red-700">ERROR {run.error.message}</li>}
    </ol>
  );
}

function Runs({ onPick }: { onPick(): void }) {
  const d = useDesigner();
  const trpc = useTRPC();
  const runs = useQuery(trpc.executions.list.queryOptions({ integrationId: d.integrationId, isTest: true, limit: 50 }));
  if (!runs.data) return <p className="text-sm text-slate-500">Loading…</p>;
  if (runs.data.items.length === 0) return <p className="text-sm text-slate-500">No test runs yet.</p>;
  return (
    <Table
      label="Test runs"
      dense
      rows={runs.data.items}
      rowKey={(r) => r.id}
      rowClassName={(r) => (d.lastRun?.id === r.id ? "bg-brand-50" : "")}
      columns={[
        { key: "started", header: "Started", cell: (r) => new Date(r.queuedAt).toLocaleString() },
        { key: "flow", header: "Flow", cell: (r) => r.flow },
        { key: "status", header: "Status", cell: (r) => r.status },
        { key: "duration", header: "Duration", cell: (r) => (r.durationMs === null ? "—" : `${r.durationMs} ms`) },
        {
          key: "show",
          header: "",
          cell: (r) => (
            <button type="button" className="font-medium text-brand-700 hover:underline" onClick={() => (d.setLastRunId(r.id), onPick())}>
              Show
            </button>
          ),
        },
      ]}
    />
  );
}
