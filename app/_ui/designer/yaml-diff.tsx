"use client";
/** Two YAML texts line by line: removed lines red, added green, long unchanged runs folded. */
import { diffLines } from "diff";

export function YamlDiff({ before, after, label }: { before: string; after: string; label?: string }) {
  const parts = diffLines(before, after);
  if (parts.every((p) => !p.added && !p.removed)) return <p className="text-sm text-slate-500">No differences.</p>;
  return (
    <pre
      aria-label={label ?? "YAML differences"}
      className="max-h-96 overflow-auto rounded-md bg-slate-50 p-2 font-mono text-xs ring-1 ring-slate-200"
    >
      {parts.map((p, i) => {
        const lines = p.value.replace(/\n$/, "").split("\n");
        if (!p.added && !p.removed && lines.length > 6) {
          return (
            <div key={i} className="text-slate-500">
              {lines.slice(0, 2).map((l) => `  ${l}\n`)}
              <span className="text-slate-400">
                {" "}
                … {lines.length - 4} unchanged lines …{"\n"}
              </span>
              {lines.slice(-2).map((l) => `  ${l}\n`)}
            </div>
          );
        }
        return (
          <div key={i} className={p.added ? "bg-emerald-50 text-emerald-800" : p.removed ? "bg-red-50 text-red-800" : "text-slate-600"}>
            {lines.map((l) => `${p.added ? "+" : p.removed ? "-" : " "} ${l}\n`)}
          </div>
        );
      })}
    </pre>
  );
}
