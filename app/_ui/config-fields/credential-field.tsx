"use client";
import type { ConfigVar } from "@/runtime/definition/schema";
import { fieldId, inputClass } from "./field-shell";
import { ConnectionField } from "./connection-field";
import { Oauth2Field } from "./oauth2-field";

type CredentialType = Extract<ConfigVar, { type: "credential" }>["credentialType"];

/** The fields of each credential type (the shapes CREDENTIAL_SCHEMAS checks); secret ones masked. */
const FIELDS: Record<
  CredentialType,
  { key: string; label: string; secret?: boolean; optional?: boolean; placeholder?: string; multiline?: boolean }[]
> = {
  apiKey: [
    { key: "key", label: "Key", secret: true },
    { key: "headerName", label: "Header name", optional: true, placeholder: "X-API-Key" },
  ],
  basic: [
    { key: "username", label: "Username" },
    { key: "password", label: "Password", secret: true },
  ],
  oauth2ClientCredentials: [
    { key: "tokenUrl", label: "Token URL", placeholder: "https://auth.example.com/oauth/token" },
    { key: "clientId", label: "Client ID" },
    { key: "clientSecret", label: "Client secret", secret: true },
    { key: "scopes", label: "Scopes", optional: true, placeholder: "read write" },
  ],
  // the Connect button (oauth2-field) stands in for fields
  oauth2: [],
  // the component's manifest declares them (connection-field)
  connection: [],
  sftp: [
    { key: "host", label: "Host", placeholder: "sftp.example.com" },
    { key: "port", label: "Port", optional: true, placeholder: "22" },
    { key: "username", label: "Username" },
    { key: "password", label: "Password", secret: true, optional: true },
    {
      key: "privateKey",
      label: "Private key (instead of a password)",
      secret: true,
      optional: true,
      multiline: true,
      placeholder: "-----BEGIN OPENSSH PRIVATE KEY-----",
    },
    { key: "passphrase", label: "Key passphrase", secret: true, optional: true },
    { key: "hostKeySha256", label: "Host key fingerprint", optional: true, placeholder: "SHA256:… (checked when given)" },
  ],
};

/**
 * A credential is entered, never shown back: when the instance already has one (`isSet`), the
 * wizard offers to replace it and sends nothing unless the user does.
 */
export function CredentialField({
  v,
  value,
  onChange,
  isSet,
  replacing,
  onReplace,
  invalid,
}: {
  v: Extract<ConfigVar, { type: "credential" }>;
  value: unknown;
  onChange: (v: unknown) => void;
  isSet: boolean;
  replacing: boolean;
  onReplace: (replace: boolean) => void;
  invalid: boolean;
}) {
  if (isSet && !replacing) {
    return (
      <div className="flex items-center gap-3 rounded-md bg-slate-50 px-3 py-2 text-sm ring-1 ring-slate-200">
        <span className="rounded bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-700">set</span>
        <span className="text-slate-500">Stored encrypted; it is never shown again.</span>
        <button type="button" className="ml-auto text-sm font-medium text-brand-700 hover:underline" onClick={() => onReplace(true)}>
          Replace {v.label}
        </button>
      </div>
    );
  }
  if (v.credentialType === "oauth2") return <Oauth2Field v={v} value={value} onChange={onChange} invalid={invalid} />;
  if (v.credentialType === "connection") {
    return (
      <div className="space-y-2">
        <ConnectionField v={v} value={value} onChange={onChange} invalid={invalid} />
        {isSet && (
          <button type="button" className="text-xs text-slate-500 hover:underline" onClick={() => onReplace(false)}>
            Keep the stored {v.label}
          </button>
        )}
      </div>
    );
  }
  const current = (value ?? {}) as Record<string, string>;
  return (
    <div className="grid gap-2 rounded-md bg-slate-50 p-3 ring-1 ring-slate-200 sm:grid-cols-2">
      {FIELDS[v.credentialType].map((f) => (
        <div key={f.key} className="space-y-1">
          <label htmlFor={fieldId(v.key, f.key)} className="block text-xs font-medium text-slate-600">
            {f.label}
            {f.optional && <span className="font-normal text-slate-400"> (optional)</span>}
          </label>
          {f.multiline ? (
            // a key keeps its line breaks, which an <input> would drop
            <textarea
              id={fieldId(v.key, f.key)}
              aria-label={`${v.label}: ${f.label}`}
              rows={3}
              spellCheck={false}
              placeholder={f.placeholder}
              className={`${inputClass} bg-white font-mono text-xs`}
              value={current[f.key] ?? ""}
              onChange={(e) => onChange({ ...current, [f.key]: e.target.value })}
            />
          ) : (
            <input
              id={fieldId(v.key, f.key)}
              aria-label={`${v.label}: ${f.label}`}
              aria-invalid={invalid && !f.optional && !current[f.key]}
              type={f.secret ? "password" : "text"}
              autoComplete={f.secret ? "new-password" : "off"}
              placeholder={f.placeholder}
              className={`${inputClass} bg-white`}
              value={current[f.key] ?? ""}
              onChange={(e) => onChange({ ...current, [f.key]: e.target.value })}
            />
          )}
        </div>
      ))}
      {isSet && (
        <button
          type="button"
          className="justify-self-start text-xs text-slate-500 hover:underline sm:col-span-2"
          onClick={() => onReplace(false)}
        >
          Keep the stored {v.label}
        </button>
      )}
    </div>
  );
}
