"use client";
/**
 * A test run step's inputs: code (a code input, or any text of several lines) as it was written —
 * monospace, line by line — and everything else as a JSON tree.
 */
import { JsonTree } from "@/app/_ui/json-tree";

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);

export function StepInputsView({ inputs, codeKeys }: { inputs: unknown; codeKeys: ReadonlySet<string> }) {
  if (!isRecord(inputs)) return <JsonTree value={inputs} openDepth={1} label="Step inputs" />;
  const code = Object.entries(inputs).filter(
    (e): e is [string, string] => typeof e[1] === "string" && (codeKeys.has(e[0]) || e[1].includes("\n")),
  );
  const rest = Object.fromEntries(Object.entries(inputs).filter(([k]) => !code.some(([c]) => c === k)));
  return (
    <div className="space-y-2">
      {(code.length === 0 || Object.keys(rest).length > 0) && <JsonTree value={rest} openDepth={1} label="Step inputs" />}
      {code.map(([key, text]) => (
        <figure key={key}>
          <figcaption className="mb-0.5 text-xs text-slate-500">{key}</figcaption>
          <pre
            aria-label={`Input ${key}`}
            className="max-h-64 overflow-auto rounded bg-slate-50 p-2 font-mono text-xs break-words whitespace-pre-wrap text-slate-800 ring-1 ring-slate-200"
          >
            {text}
          </pre>
        </figure>
      ))}
    </div>
  );
}
