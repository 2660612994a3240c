import type { ReactNode } from "react";
import type { ConfigVar } from "@/runtime/definition/schema";

export const fieldId = (key: string, part?: string) => `cv-${key}${part ? `-${part}` : ""}`;

const controlClass =
  "rounded-md border-0 px-3 py-1.5 text-sm ring-1 ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-brand-500 focus:outline-none aria-invalid:ring-red-400";
export const inputClass = `block w-full ${controlClass}`;
/** for controls side by side in one row */
export const inlineInputClass = `inline-block ${controlClass}`;

/** Label, description, the control, and the error beside it (role=alert, tied by aria-describedby). */
export function FieldShell({
  v,
  error,
  children,
  labelFor = true,
}: {
  v: ConfigVar;
  error?: string;
  children: ReactNode;
  labelFor?: boolean;
}) {
  const id = fieldId(v.key);
  const Label = labelFor ? "label" : "p";
  return (
    <div className="space-y-1" data-field={v.key}>
      <Label {...(labelFor ? { htmlFor: id } : { id: `${id}-label` })} className="block text-sm font-medium text-slate-700">
        {v.label}
        {v.required && (
          <span className="ml-0.5 text-red-600" aria-hidden>
            *
          </span>
        )}
      </Label>
      {v.description && <p className="text-xs text-slate-500">{v.description}</p>}
      {children}
      {error && (
        <p role="alert" id={`${id}-error`} className="text-xs text-red-600">
          {error}
        </p>
      )}
    </div>
  );
}
