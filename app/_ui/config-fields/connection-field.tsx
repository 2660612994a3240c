"use client";
import { useQuery } from "@tanstack/react-query";
import type { ConnectionFieldManifest } from "@/components-registry/contract";
import type { ConfigVar } from "@/runtime/definition/schema";
import { useTRPC } from "../trpc";
import { rememberConnection } from "./connection-manifests";
import { fieldId, inputClass } from "./field-shell";

type Value = Record<string, string | boolean>;

/**
 * A connection credential (`credentialType: connection`): the fields its component declares, with
 * their labels, help, defaults and choices; password fields masked. Nothing is prefilled from the
 * server: a stored connection is only replaced (CredentialField shows it as set).
 */
export function ConnectionField({
  v,
  value,
  onChange,
  invalid,
}: {
  v: Extract<ConfigVar, { type: "credential" }>;
  value: unknown;
  onChange: (v: unknown) => void;
  invalid: boolean;
}) {
  const trpc = useTRPC();
  const ref = v.connection ?? { component: "", key: "" };
  const manifest = useQuery({ ...trpc.componentConnections.get.queryOptions(ref), enabled: !!v.connection, staleTime: 60_000 });
  if (manifest.data) rememberConnection(ref.component, manifest.data);
  if (manifest.isPending) return <p className="text-sm text-slate-500">Loading the connection&apos;s fields…</p>;
  if (!manifest.data) {
    return (
      <p role="alert" className="text-sm text-red-700">
        {manifest.error?.message ?? `component "${ref.component}" has no connection "${ref.key}"`}
      </p>
    );
  }
  const current = (value ?? {}) as Value;
  const set = (key: string, x: string | boolean) => onChange({ ...current, [key]: x });
  return (
    <div className="space-y-2 rounded-md bg-slate-50 p-3 ring-1 ring-slate-200" data-connection={`${ref.component}/${ref.key}`}>
      {manifest.data.description && <p className="text-xs text-slate-500">{manifest.data.description}</p>}
      <div className="grid gap-2 sm:grid-cols-2">
        {manifest.data.fields.map((f) => (
          <ConnectionFieldInput key={f.key} v={v} f={f} value={current[f.key]} onChange={(x) => set(f.key, x)} invalid={invalid} />
        ))}
      </div>
    </div>
  );
}

function ConnectionFieldInput({
  v,
  f,
  value,
  onChange,
  invalid,
}: {
  v: ConfigVar;
  f: ConnectionFieldManifest;
  value: string | boolean | undefined;
  onChange: (x: string | boolean) => void;
  invalid: boolean;
}) {
  const id = fieldId(v.key, f.key);
  const help = f.description ? `${id}-help` : undefined;
  const common = {
    id,
    "aria-label": `${v.label}: ${f.label}`,
    "aria-describedby": help,
    "aria-invalid": invalid && !!f.required && (value === undefined || value === ""),
  };
  const text = typeof value === "string" ? value : "";
  const placeholder = f.default !== undefined && f.type !== "password" ? String(f.default) : undefined;
  let control;
  if (f.type === "boolean") {
    const on = value === undefined ? f.default === true : value === true;
    control = (
      <input
        {...common}
        type="checkbox"
        className="h-4 w-4 rounded border-slate-300"
        checked={on}
        onChange={(e) => onChange(e.target.checked)}
      />
    );
  } else if (f.type === "picklist") {
    control = (
      <select
        {...common}
        className={`${inputClass} bg-white`}
        value={text || (typeof f.default === "string" ? f.default : "")}
        onChange={(e) => onChange(e.target.value)}
      >
        <option value="">{f.required ? "Choose…" : "(none)"}</option>
        {(f.options ?? []).map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    );
  } else if (f.type === "text") {
    control = (
      <textarea
        {...common}
        rows={3}
        spellCheck={false}
        placeholder={placeholder}
        className={`${inputClass} bg-white font-mono text-xs`}
        value={text}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  } else {
    control = (
      <input
        {...common}
        type={f.type === "password" ? "password" : f.type === "number" ? "number" : "text"}
        autoComplete={f.type === "password" ? "new-password" : "off"}
        placeholder={placeholder}
        className={`${inputClass} bg-white`}
        value={text}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  }
  return (
    <div className={`space-y-1 ${f.type === "text" ? "sm:col-span-2" : ""}`}>
      <label htmlFor={id} className="block text-xs font-medium text-slate-600">
        {f.label}
        {!f.required && <span className="font-normal text-slate-400"> (optional)</span>}
      </label>
      {control}
      {f.description && (
        <p id={help} className="text-xs text-slate-500">
          {f.description}
        </p>
      )}
    </div>
  );
}
