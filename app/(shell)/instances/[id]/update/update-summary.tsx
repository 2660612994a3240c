import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/app/_server/routers";
import { YamlDiff } from "./yaml-diff";

type Preview = inferRouterOutputs<AppRouter>["instances"]["updatePreview"];

const BADGE = {
  new: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  changed: "bg-amber-50 text-amber-800 ring-amber-200",
  removed: "bg-slate-100 text-slate-700 ring-slate-200",
} as const;

/** What an update brings, in the words a customer reads: each version's note, then the form fields that change. */
export function UpdateSummary({ preview }: { preview: Preview }) {
  return (
    <div className="space-y-5">
      <section aria-label="Version notes">
        <h3 className="mb-2 text-sm font-semibold text-slate-800">What is new</h3>
        <ol className="space-y-2">
          {preview.notes.map((n) => (
            <li
              key={n.version}
              data-testid={`note-${n.version}`}
              className="rounded-md bg-slate-50 px-3 py-2 text-sm ring-1 ring-slate-200"
            >
              <p className="font-medium text-slate-900">
                Version {n.version}{" "}
                <span className="text-xs font-normal text-slate-500">· {new Date(n.publishedAt).toLocaleDateString()}</span>
              </p>
              <p className="whitespace-pre-wrap text-slate-700">{n.note || "No notes were written for this version."}</p>
            </li>
          ))}
        </ol>
      </section>
      <section aria-label="Configuration changes">
        <h3 className="mb-2 text-sm font-semibold text-slate-800">What changes in your configuration</h3>
        {preview.configChanges.length === 0 ? (
          <p className="text-sm text-slate-600">Nothing: your settings carry over as they are.</p>
        ) : (
          <ul className="space-y-1.5">
            {preview.configChanges.map((c) => (
              <li key={c.key} className="flex items-start gap-2 text-sm text-slate-700">
                <span className={`mt-0.5 rounded px-1.5 text-xs font-medium ring-1 ${BADGE[c.kind]}`}>{c.kind}</span>
                <span>{c.detail}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      {preview.technical && (
        // organization users only (the server leaves it out for a customer's users)
        <details className="text-sm">
          <summary className="cursor-pointer text-slate-600">Technical difference (steps and YAML, not shown to customers)</summary>
          <div className="mt-2">
            <YamlDiff before={preview.technical.before} after={preview.technical.after} />
          </div>
        </details>
      )}
    </div>
  );
}
