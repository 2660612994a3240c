import { diffLines } from "diff";

/** The YAML difference of two versions, line by line (unchanged runs folded to 3 lines of context). */
export function YamlDiff({ before, after }: { before: string; after: string }) {
  const parts = diffLines(before, after);
  return (
    <pre
      aria-label="Version difference"
      className="max-h-[28rem] overflow-auto rounded-md bg-white font-mono text-xs ring-1 ring-slate-200"
    >
      {parts.map((p, i) => {
        const lines = p.value.replace(/\n$/, "").split("\n");
        if (!p.added && !p.removed && lines.length > 6) {
          const shown = [
            ...(i > 0 ? lines.slice(0, 3) : []),
            `… ${lines.length - (i > 0 ? 3 : 0) - (i < parts.length - 1 ? 3 : 0)} unchanged lines …`,
            ...(i < parts.length - 1 ? lines.slice(-3) : []),
          ];
          return shown.map((l, j) => (
            <div key={`${i}-${j}`} className={l.startsWith("… ") ? "bg-slate-50 px-3 text-slate-400" : "px-3 text-slate-600"}>
              {"  "}
              {l}
            </div>
          ));
        }
        return lines.map((l, j) => (
          <div
            key={`${i}-${j}`}
            className={p.added ? "bg-emerald-50 px-3 text-emerald-900" : p.removed ? "bg-red-50 px-3 text-red-900" : "px-3 text-slate-600"}
          >
            {p.added ? "+ " : p.removed ? "- " : "  "}
            {l}
          </div>
        ));
      })}
    </pre>
  );
}
