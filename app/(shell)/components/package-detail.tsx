"use client";
/**
 * One registry package: description, versions (install any), its readme (Markdown as text, never
 * as HTML: a readme is the package author's, not ours), and the actions, connections and triggers of
 * the version shown, read from its tarball in the sandbox.
 */
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/app/_ui/trpc";
import { Button, Card } from "@/app/_ui/ui";
import { InstallConfirm } from "./install-confirm";
import { ReadmeText } from "./readme-text";

export function PackageDetail({ name, onBack }: { name: string; onBack(): void }) {
  const trpc = useTRPC();
  const [version, setVersion] = useState<string | undefined>(undefined);
  const [confirm, setConfirm] = useState<string | null>(null);
  const pkg = useQuery({ ...trpc.components.registry.package.queryOptions({ name, version }), retry: false });
  const p = pkg.data;
  return (
    <div className="space-y-4">
      <Button variant="ghost" onClick={onBack}>
        ← All packages
      </Button>
      {pkg.error && (
        <p role="alert" className="text-sm text-red-600">
          {pkg.error.message}
        </p>
      )}
      {pkg.isPending && <p className="text-sm text-slate-500">Loading {name}…</p>}
      {p && (
        <>
          <div className="flex items-start gap-4">
            <div className="flex-1">
              <h2 className="text-lg font-semibold text-slate-900">{p.name}</h2>
              <p className="text-sm text-slate-600">{p.description}</p>
              <p className="mt-1 text-xs text-slate-500">
                latest {p.latest ?? "—"} · {p.keywords.join(", ")} · from {p.registry}
              </p>
            </div>
            <div className="text-right text-sm">
              {p.installedVersions.length > 0 ? (
                <p className="text-emerald-700">Installed: {p.installedVersions.join(", ")}</p>
              ) : (
                <p className="text-slate-500">Not installed</p>
              )}
              {p.upgradeTo && (
                <Button className="mt-2" onClick={() => setConfirm(p.upgradeTo)}>
                  Upgrade to {p.upgradeTo}
                </Button>
              )}
              {!p.upgradeTo && p.installedVersions.length === 0 && p.latest && (
                <Button className="mt-2" onClick={() => setConfirm(p.latest)}>
                  Install {p.latest}
                </Button>
              )}
            </div>
          </div>
          <div className="grid gap-4 md:grid-cols-3">
            <div className="space-y-4 md:col-span-2">
              <Card title={`What ${p.name}@${p.shownVersion} does`}>
                {p.manifestError && (
                  <p role="alert" className="text-sm text-red-600">
                    {p.manifestError}
                  </p>
                )}
                {p.manifest && (
                  <div className="space-y-3 text-sm">
                    <p className="text-slate-600">
                      Component <code className="text-xs">{p.manifest.key}</code> ({p.manifest.label})
                    </p>
                    <section aria-label="Actions">
                      <h3 className="text-xs font-semibold text-slate-500 uppercase">Actions</h3>
                      <ul className="mt-1 space-y-1">
                        {p.manifest.actions.map((a) => (
                          <li key={a.key}>
                            <span className="font-medium text-slate-800">{a.label}</span>{" "}
                            {a.description && <span className="text-slate-500">— {a.description}</span>}
                            {a.inputs.length > 0 && (
                              <span className="block text-xs text-slate-500">
                                inputs: {a.inputs.map((i) => `${i.label} (${i.type}${i.required ? ", required" : ""})`).join(", ")}
                              </span>
                            )}
                          </li>
                        ))}
                      </ul>
                    </section>
                    {p.manifest.triggers.length > 0 && (
                      <section aria-label="Triggers">
                        <h3 className="text-xs font-semibold text-slate-500 uppercase">Triggers</h3>
                        <ul className="mt-1">
                          {p.manifest.triggers.map((t) => (
                            <li key={t.key}>
                              <span className="font-medium text-slate-800">{t.label}</span>{" "}
                              {t.description && <span className="text-slate-500">— {t.description}</span>}
                            </li>
                          ))}
                        </ul>
                      </section>
                    )}
                    {p.manifest.connections.length > 0 && (
                      <section aria-label="Connections">
                        <h3 className="text-xs font-semibold text-slate-500 uppercase">Connections</h3>
                        <ul className="mt-1">
                          {p.manifest.connections.map((c) => (
                            <li key={c.key}>
                              <span className="font-medium text-slate-800">{c.label}</span>{" "}
                              <span className="text-xs text-slate-500">{c.fields.map((f) => `${f.label} (${f.type})`).join(", ")}</span>
                            </li>
                          ))}
                        </ul>
                      </section>
                    )}
                  </div>
                )}
                {!p.manifest && !p.manifestError && <p className="text-sm text-slate-500">Reading the package…</p>}
              </Card>
              <Card title="Readme">
                {p.readme ? <ReadmeText markdown={p.readme} /> : <p className="text-sm text-slate-500">This package has no readme.</p>}
              </Card>
            </div>
            <Card title="Versions">
              <ul aria-label="Versions" className="divide-y divide-slate-100 text-sm">
                {p.versions.map((v) => {
                  const installed = p.installedVersions.includes(v.version);
                  return (
                    <li key={v.version} className="flex items-center gap-2 py-1.5">
                      <button
                        type="button"
                        className={`font-mono ${v.version === p.shownVersion ? "font-semibold text-slate-900" : "text-brand-700 hover:underline"}`}
                        onClick={() => setVersion(v.version)}
                        aria-label={`Show ${v.version}`}
                      >
                        {v.version}
                      </button>
                      {Object.entries(p.distTags)
                        .filter(([, tagged]) => tagged === v.version)
                        .map(([tag]) => (
                          <span key={tag} className="rounded bg-brand-50 px-1.5 text-xs text-brand-700">
                            {tag}
                          </span>
                        ))}
                      {v.deprecated && <span className="text-xs text-amber-700">deprecated</span>}
                      <span className="ml-auto">
                        {installed ? (
                          <span className="text-xs text-emerald-700">installed</span>
                        ) : (
                          <Button variant="secondary" className="px-2 py-0.5 text-xs" onClick={() => setConfirm(v.version)}>
                            Install
                          </Button>
                        )}
                      </span>
                    </li>
                  );
                })}
              </ul>
            </Card>
          </div>
          {confirm && <InstallConfirm name={p.name} version={confirm} installed={p.installedVersions} onClose={() => setConfirm(null)} />}
        </>
      )}
    </div>
  );
}
