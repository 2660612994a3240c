"use client";
/** Two tabs: what is installed (with uploads), and the npm registry (search, details, install). */
import { useState } from "react";
import { ComponentList } from "./component-list";
import { InstallBySpec } from "./install-by-spec";
import { RegistryBrowser } from "./registry-browser";
import { UploadPackage } from "./upload-package";

const TABS = [
  { id: "installed", label: "Installed" },
  { id: "registry", label: "Registry" },
] as const;

export function Marketplace() {
  const [tab, setTab] = useState<(typeof TABS)[number]["id"]>("installed");
  return (
    <>
      <div role="tablist" aria-label="Components" className="mb-6 flex gap-1 border-b border-slate-200">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            onClick={() => setTab(t.id)}
            className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${tab === t.id ? "border-brand-600 text-brand-700" : "border-transparent text-slate-500 hover:text-slate-800"}`}
          >
            {t.label}
          </button>
        ))}
      </div>
      {tab === "installed" ? (
        <div role="tabpanel" aria-label="Installed" className="space-y-6">
          <div className="grid gap-6 md:grid-cols-2">
            <InstallBySpec />
            <UploadPackage />
          </div>
          <ComponentList />
        </div>
      ) : (
        <div role="tabpanel" aria-label="Registry">
          <RegistryBrowser />
        </div>
      )}
    </>
  );
}
