"use client";
/**
 * Publishing: a note, the refusal's problems (each selects its step), the version history, and
 * the YAML difference between any two versions or the draft.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useState } from "react";
import { formatPath } from "@/runtime/definition";
import { locate, stepNameAtPath } from "@/app/_ui/designer/step-tree";
import { YamlDiff } from "@/app/_ui/designer/yaml-diff";
import { useTRPC } from "@/app/_ui/trpc";
import { Button } from "@/app/_ui/ui";
import { useDesigner } from "./designer-context";
import { MarketplaceSection } from "./marketplace-section";

interface Problem {
  path: string;
  message: string;
  line?: number;
}

/** `flows[0].steps[2].inputs.url` → ["flows", 0, "steps", 2, "inputs", "url"] */
function segments(path: string): (string | number)[] {
  return [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]!));
}

export function PublicationPane() {
  const d = useDesigner();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [note, setNote] = useState("");
  const [problems, setProblems] = useState<Problem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [published, setPublished] = useState<number | null>(null);
  const versions = useQuery(trpc.integrations.versions.queryOptions({ id: d.integrationId }));
  const publish = useMutation(trpc.integrations.publish.mutationOptions());

  const onPublish = async () => {
    setError(null);
    setProblems(null);
    setPublished(null);
    // the note is what a customer reads on its Update screen, so an update needs one; a first version
    // updates no one and may go without (the API and CLI may leave it out: docs/designer.md)
    if (!note.trim() && versions.data?.length) return setError("Write what changed in this version: customers read it before they update.");
    try {
      await d.flush();
      const v = await publish.mutateAsync({ id: d.integrationId, note: note.trim() || undefined });
      setPublished(v.version);
      setNote("");
      void queryClient.invalidateQueries({ queryKey: trpc.integrations.versions.queryKey() });
      void queryClient.invalidateQueries({ queryKey: trpc.integrations.list.queryKey() });
    } catch (err) {
      const list = err instanceof TRPCClientError ? ((err.data as { problems?: Problem[] } | undefined)?.problems ?? null) : null;
      if (list?.length) setProblems(list);
      else setError((err as Error).message);
    }
  };

  return (
    <div className="space-y-5 p-4">
      <section aria-label="Publish" className="space-y-2">
        <h2 className="text-sm font-semibold text-slate-900">Publish a version</h2>
        <label htmlFor="publish-note" className="block text-xs text-slate-600">
          What changed {versions.data?.length ? "(customers read this before they update)" : "(optional for the first version)"}
        </label>
        <textarea
          id="publish-note"
          rows={3}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          className="block w-full rounded-md border-0 p-2 text-sm ring-1 ring-slate-300"
        />
        <Button onClick={onPublish} disabled={publish.isPending}>
          {publish.isPending ? "Publishing…" : "Publish"}
        </Button>
        {published !== null && (
          <p role="status" className="text-sm text-emerald-700">
            Published version {published}.
          </p>
        )}
        {error && (
          <p role="alert" className="text-sm text-red-700">
            {error}
          </p>
        )}
        {problems && (
          <div role="alert" aria-label="Publish problems" className="rounded-md bg-red-50 p-2 text-sm ring-1 ring-red-200">
            <p className="mb-1 font-medium text-red-800">Not published: fix these first.</p>
            <ul className="space-y-1">
              {problems.map((p, i) => {
                const segs = segments(p.path);
                const name = stepNameAtPath(d.draft, segs);
                const where = name ? formatPath(segs.slice(locate(d.draft, name)!.path.length)) : "";
                return (
                  <li key={i} className="text-xs text-red-800">
                    {name ? (
                      <button type="button" className="text-left underline" onClick={() => d.select({ kind: "step", name })}>
                        {name}
                        {where && ` · ${where}`}: {p.message}
                      </button>
                    ) : (
                      <span>
                        {p.path || "integration"}: {p.message}
                      </span>
                    )}
                  </li>
                );
              })}
            </ul>
          </div>
        )}
      </section>
      <MarketplaceSection />
      <section aria-label="Versions" className="space-y-2">
        <h2 className="text-sm font-semibold text-slate-900">Versions</h2>
        {versions.data?.length === 0 && <p className="text-sm text-slate-500">Not published yet.</p>}
        <ol className="space-y-2">
          {versions.data?.map((v) => (
            <li key={v.id} data-testid={`version-${v.version}`} className="rounded-md bg-slate-50 p-2 text-sm ring-1 ring-slate-200">
              <p className="font-medium">
                Version {v.version}{" "}
                <span className="text-xs font-normal text-slate-500">
                  · {new Date(v.publishedAt).toLocaleString()} · {v.publishedBy ?? "unknown"}
                </span>
              </p>
              {v.note && <p className="text-slate-700">{v.note}</p>}
              <p className="text-xs text-slate-500">
                {Object.entries(v.componentVersions ?? {})
                  .map(([k, x]) => `${k}@${x}`)
                  .join(", ")}
              </p>
            </li>
          ))}
        </ol>
      </section>
      {versions.data && versions.data.length > 0 && <VersionDiff versions={versions.data.map((v) => v.version)} />}
    </div>
  );
}

function VersionDiff({ versions }: { versions: number[] }) {
  const d = useDesigner();
  const trpc = useTRPC();
  const [a, setA] = useState<string>(String(versions[1] ?? versions[0]));
  const [b, setB] = useState<string>("draft");
  const ref = (v: string) => (v === "draft" ? ("draft" as const) : Number(v));
  const compared = useQuery(trpc.integrations.compare.queryOptions({ id: d.integrationId, from: ref(a), to: ref(b) }));
  const options = [...versions.map(String), "draft"];
  const select = (value: string, set: (v: string) => void, label: string) => (
    <select
      aria-label={label}
      value={value}
      onChange={(e) => set(e.target.value)}
      className="rounded-md border-0 py-1 text-sm ring-1 ring-slate-300"
    >
      {options.map((o) => (
        <option key={o} value={o}>
          {o === "draft" ? "Saved draft" : `Version ${o}`}
        </option>
      ))}
    </select>
  );
  return (
    <section aria-label="Compare versions" className="space-y-2">
      <h2 className="text-sm font-semibold text-slate-900">Compare</h2>
      <div className="flex items-center gap-2 text-sm">
        {select(a, setA, "Compare from")} → {select(b, setB, "Compare to")}
      </div>
      {compared.data ? (
        <YamlDiff before={compared.data.before} after={compared.data.after} />
      ) : (
        <p className="text-sm text-slate-500">{compared.error?.message ?? "Loading…"}</p>
      )}
    </section>
  );
}
