"use client";
import type { ConfigVar } from "@/runtime/definition/schema";
import { CredentialField } from "./credential-field";
import { FieldShell, fieldId, inputClass } from "./field-shell";
import { ScheduleField } from "./schedule-field";

export interface ConfigFieldProps {
  v: ConfigVar;
  value: unknown;
  onChange: (value: unknown) => void;
  error?: string;
  /** credentials: stored on the instance already, and whether the user is replacing it */
  credentialSet?: boolean;
  replacing?: boolean;
  onReplace?: (replace: boolean) => void;
}

/** One config variable as the control its type calls for. */
export function ConfigField(props: ConfigFieldProps) {
  const { v, value, onChange, error } = props;
  const id = fieldId(v.key);
  const invalid = !!error;
  const described = error ? `${id}-error` : undefined;
  const text = (placeholder?: string) => (
    <input
      id={id}
      className={inputClass}
      placeholder={placeholder}
      aria-invalid={invalid}
      aria-describedby={described}
      value={typeof value === "string" ? value : ""}
      onChange={(e) => onChange(e.target.value)}
    />
  );

  switch (v.type) {
    case "string":
      return (
        <FieldShell v={v} error={error}>
          {text()}
        </FieldShell>
      );
    case "date":
      return (
        <FieldShell v={v} error={error}>
          {text("mm/dd/yyyy")}
        </FieldShell>
      );
    case "timestamp":
      return (
        <FieldShell v={v} error={error}>
          {text("mm/dd/yyyy, HH:MM AM")}
        </FieldShell>
      );
    case "picklist":
      return (
        <FieldShell v={v} error={error}>
          <select
            id={id}
            className={inputClass}
            aria-invalid={invalid}
            aria-describedby={described}
            value={typeof value === "string" ? value : ""}
            onChange={(e) => onChange(e.target.value)}
          >
            {/* blank deploys the default, so it says so */}
            <option value="">{v.required ? "Choose…" : v.default ? `(default: ${v.default})` : "(none)"}</option>
            {v.options.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </FieldShell>
      );
    case "code":
      return (
        <FieldShell v={v} error={error}>
          <div className="overflow-hidden rounded-md ring-1 ring-slate-300 focus-within:ring-2 focus-within:ring-brand-500">
            <div className="bg-slate-50 px-3 py-1 text-xs text-slate-500">{(v.language ?? "text").toUpperCase()}</div>
            <textarea
              id={id}
              rows={6}
              spellCheck={false}
              aria-invalid={invalid}
              aria-describedby={described}
              className="block w-full resize-y border-0 bg-white px-3 py-2 font-mono text-xs focus:outline-none"
              value={typeof value === "string" ? value : ""}
              onChange={(e) => onChange(e.target.value)}
            />
          </div>
        </FieldShell>
      );
    case "boolean": {
      const on = value === true;
      return (
        <FieldShell v={v} error={error}>
          <button
            id={id}
            type="button"
            role="switch"
            aria-checked={on}
            onClick={() => onChange(!on)}
            className={`relative inline-flex h-6 w-11 items-center rounded-full transition ${on ? "bg-brand-600" : "bg-slate-300"}`}
          >
            <span
              className={`inline-block h-5 w-5 transform rounded-full bg-white shadow transition ${on ? "translate-x-5" : "translate-x-0.5"}`}
            />
          </button>
        </FieldShell>
      );
    }
    case "schedule":
      return (
        <FieldShell v={v} error={error}>
          <ScheduleField id={id} label={v.label} value={value} onChange={onChange} required={v.required} />
        </FieldShell>
      );
    case "credential":
      return (
        <FieldShell v={v} error={error} labelFor={false}>
          <CredentialField
            v={v}
            value={value}
            onChange={onChange}
            invalid={invalid}
            isSet={!!props.credentialSet}
            replacing={!!props.replacing}
            onReplace={props.onReplace ?? (() => {})}
          />
        </FieldShell>
      );
  }
}
