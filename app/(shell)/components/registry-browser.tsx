"use client";
/** Search the registry's components; each card offers Install or Upgrade, and opens its details. */
import { useQuery } from "@tanstack/react-query";
import { useDeferredValue, useState } from "react";
import { useTRPC } from "@/app/_ui/trpc";
import { Button, EmptyState, TextInput } from "@/app/_ui/ui";
import { InstallConfirm } from "./install-confirm";
import { PackageDetail } from "./package-detail";

export function RegistryBrowser() {
  const trpc = useTRPC();
  const [text, setText] = useState("");
  const deferred = useDeferredValue(text.trim());
  const [open, setOpen] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<{ name: string; version: string; installed: string[] } | null>(null);
  const search = useQuery({ ...trpc.components.registry.search.queryOptions({ text: deferred }), retry: false, enabled: !open });

  if (open) return <PackageDetail name={open} onBack={() => setOpen(null)} />;
  return (
    <div className="space-y-4">
      <div className="flex items-center gap-3">
        <label htmlFor="registry-search" className="sr-only">
          Search the registry
        </label>
        <TextInput
          id="registry-search"
          type="search"
          placeholder="Search components (keyword junction-component)…"
          value={text}
          onChange={(e) => setText(e.target.value)}
          className="max-w-md"
        />
        {search.data && <span className="text-xs text-slate-500">from {search.data.registry}</span>}
      </div>
      {search.error && (
        <p role="alert" className="text-sm text-red-600">
          {search.error.message}
        </p>
      )}
      {search.isPending && <p className="text-sm text-slate-500">Searching…</p>}
      {search.data?.packages.length === 0 && (
        <EmptyState title={deferred ? `No components match “${deferred}”.` : "No components in this registry."}>
          Components are npm packages with the keyword <code>junction-component</code>.
        </EmptyState>
      )}
      <ul aria-label="Registry packages" className="grid gap-4 md:grid-cols-2">
        {search.data?.packages.map((p) => (
          <li key={p.name} aria-label={p.name} className="flex flex-col rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
            <div className="flex items-baseline gap-2">
              <button type="button" className="font-semibold text-brand-700 hover:underline" onClick={() => setOpen(p.name)}>
                {p.name}
              </button>
              <span className="text-xs text-slate-500">latest {p.version}</span>
            </div>
            <p className="mt-1 flex-1 text-sm text-slate-600">{p.description || "No description."}</p>
            <div className="mt-3 flex items-center gap-2">
              {p.installedVersions.length > 0 ? (
                <span className="rounded bg-emerald-50 px-2 py-0.5 text-xs text-emerald-700">
                  installed {p.installedVersions.join(", ")}
                </span>
              ) : (
                <span className="text-xs text-slate-400">not installed</span>
              )}
              <div className="ml-auto flex gap-2">
                <Button variant="ghost" onClick={() => setOpen(p.name)}>
                  Details
                </Button>
                {p.upgradeTo ? (
                  <Button onClick={() => setConfirm({ name: p.name, version: p.upgradeTo!, installed: p.installedVersions })}>
                    Upgrade to {p.upgradeTo}
                  </Button>
                ) : p.installedVersions.length === 0 ? (
                  <Button onClick={() => setConfirm({ name: p.name, version: p.version, installed: [] })}>Install</Button>
                ) : null}
              </div>
            </div>
          </li>
        ))}
      </ul>
      {confirm && <InstallConfirm {...confirm} onClose={() => setConfirm(null)} />}
    </div>
  );
}
