"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { ComponentManifest } from "@/components-registry/contract";
import type { ManifestWithSource } from "@/components-registry/npm/install-from-registry";
import { useTRPC } from "@/app/_ui/trpc";
import { Button } from "@/app/_ui/ui";

/** One installed version: its actions with their inputs, where it is used, and removal. */
export function ComponentVersion({
  componentKey,
  version: v,
  latest,
  builtIn,
}: {
  componentKey: string;
  version: { id: string; version: string; size: number; manifest: ComponentManifest };
  latest: boolean;
  /** the component ships with Junction */
  builtIn: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  // set when the version was installed from an npm registry
  const source = (v.manifest as ManifestWithSource).source;
  const actionCount = Object.keys(v.manifest.actions).length;
  const usage = useQuery({ ...trpc.components.usage.queryOptions({ key: componentKey, version: v.version }), enabled: open });
  const remove = useMutation(
    trpc.components.remove.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.components.list.queryKey() }),
    }),
  );
  return (
    <div role="group" aria-label={`${componentKey}@${v.version}`} className="px-4 py-2 text-sm">
      <div className="flex items-center gap-3">
        <button type="button" className="font-mono text-brand-700 hover:underline" aria-expanded={open} onClick={() => setOpen(!open)}>
          {componentKey}@{v.version}
        </button>
        {latest && <span className="rounded bg-brand-50 px-2 py-0.5 text-xs text-brand-700">latest</span>}
        <span className="text-xs text-slate-500">
          {actionCount} action{actionCount === 1 ? "" : "s"} · {(v.size / 1024).toFixed(1)} KB
          {source && ` · from ${source.name}@${source.version}`}
        </span>
        {builtIn && latest ? (
          // a built-in's current version comes back at every start: removing it is always refused, so it is not offered
          <span className="ml-auto text-xs text-slate-500" title="Ships with Junction; it cannot be removed">
            Built-in
          </span>
        ) : (
          <Button
            variant="danger"
            className="ml-auto"
            disabled={remove.isPending}
            onClick={() => remove.mutate({ key: componentKey, version: v.version })}
            aria-label={`Remove ${componentKey}@${v.version}`}
          >
            Remove
          </Button>
        )}
      </div>
      {remove.error && (
        <p role="alert" className="mt-1 text-xs text-red-600">
          {remove.error.message}
        </p>
      )}
      {open && (
        <div className="mt-3 space-y-3">
          <div>
            <h4 className="text-xs font-semibold text-slate-500 uppercase">Used by</h4>
            {usage.data?.length === 0 && <p className="text-slate-500">No deployed instance uses this version.</p>}
            <ul>
              {usage.data?.map((u) => (
                <li key={u.instanceId}>
                  {u.instanceName}{" "}
                  <span className="text-slate-500">
                    ({u.customerName}, {u.integrationName} v{u.integrationVersion})
                  </span>
                </li>
              ))}
            </ul>
          </div>
          {Object.values(v.manifest.actions).map((a) => (
            <div key={a.key}>
              <p className="font-medium text-slate-800">
                {a.label}{" "}
                <code className="text-xs text-slate-500">
                  {componentKey}.{a.key}
                </code>
              </p>
              {a.description && <p className="text-xs text-slate-500">{a.description}</p>}
              {a.inputs.length > 0 && (
                <ul className="mt-1 ml-4 list-disc text-xs text-slate-600">
                  {a.inputs.map((input) => (
                    <li key={input.key}>
                      <code>{input.key}</code> ({input.type}
                      {input.required ? ", required" : ""}){input.description ? ` — ${input.description}` : ""}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
