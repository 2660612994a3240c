"use client";
/**
 * Test values for the config variables and test credentials. Credentials go to the server once
 * (kept encrypted there) and are never shown again; other values are remembered in this browser too.
 */
import { useMutation } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { ConfigVar } from "@/runtime/definition";
import { configVarKeys } from "@/app/_ui/designer/config-vars";
import { ConnectionTargetProvider } from "@/app/_ui/config-fields/connection-target";
import { ConnectionField } from "@/app/_ui/config-fields/connection-field";
import { Oauth2Field } from "@/app/_ui/config-fields/oauth2-field";
import { useTRPC } from "@/app/_ui/trpc";
import { Button } from "@/app/_ui/ui";
import { useDesigner } from "./designer-context";

const CREDENTIAL_FIELDS: Record<string, string[]> = {
  apiKey: ["key", "headerName"],
  basic: ["username", "password"],
  oauth2ClientCredentials: ["tokenUrl", "clientId", "clientSecret", "scopes"],
  oauth2: [],
  sftp: ["host", "port", "username", "password", "privateKey", "passphrase", "hostKeySha256"],
};
const box = "block w-full rounded-md border-0 px-2 py-1 text-sm ring-1 ring-slate-300";

function initial(v: ConfigVar): unknown {
  if (v.type === "credential") return {};
  return "default" in v ? v.default : undefined;
}

export function TestConfigForm() {
  const d = useDesigner();
  const trpc = useTRPC();
  const vars = configVarKeys(d.draft);
  const storage = `junction:test-config:${d.integrationId}`;
  const [values, setValues] = useState<Record<string, unknown>>({});
  const [saved, setSaved] = useState<string | null>(null);
  useEffect(() => {
    const stored = JSON.parse(localStorage.getItem(storage) ?? "{}") as Record<string, unknown>;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- localStorage is readable only in the browser, after mount (the server render has none)
    setValues(stored);
  }, [storage]);
  const save = useMutation(trpc.executions.saveTestConfig.mutationOptions());
  if (vars.length === 0) return <p className="text-sm text-slate-500">This integration has no config variables.</p>;
  const value = (v: ConfigVar) => (v.key in values ? values[v.key] : initial(v));
  const set = (key: string, val: unknown) => setValues((s) => ({ ...s, [key]: val }));

  return (
    <form
      className="space-y-3"
      onSubmit={async (e) => {
        e.preventDefault();
        const all = Object.fromEntries(
          vars
            .map((v) => [v.key, value(v)])
            .filter(([, x]) => x !== undefined && !(typeof x === "object" && x !== null && Object.keys(x).length === 0)),
        );
        const result = await save.mutateAsync({ integrationId: d.integrationId, values: all });
        const plain = Object.fromEntries(Object.entries(all).filter(([k]) => vars.find((v) => v.key === k)?.type !== "credential"));
        localStorage.setItem(storage, JSON.stringify(plain));
        setSaved(`Saved.${result.credentialsSet.length ? ` Credentials set: ${result.credentialsSet.join(", ")}.` : ""}`);
      }}
    >
      <div className="grid grid-cols-3 gap-3">
        {vars.map((v) => (
          <div key={v.key} className="space-y-1">
            <label htmlFor={`test-${v.key}`} className="block text-xs font-medium text-slate-700">
              {v.label} <code className="text-slate-400">{v.key}</code>
            </label>
            {v.type === "picklist" ? (
              <select
                id={`test-${v.key}`}
                className={box}
                value={String(value(v) ?? "")}
                onChange={(e) => set(v.key, e.target.value || undefined)}
              >
                <option value="">(none)</option>
                {v.options.map((o) => (
                  <option key={o}>{o}</option>
                ))}
              </select>
            ) : v.type === "boolean" ? (
              <select
                id={`test-${v.key}`}
                className={box}
                value={value(v) === undefined ? "" : String(value(v))}
                onChange={(e) => set(v.key, e.target.value === "" ? undefined : e.target.value === "true")}
              >
                <option value="">(none)</option>
                <option>true</option>
                <option>false</option>
              </select>
            ) : v.type === "credential" && v.credentialType === "oauth2" ? (
              // a designer test connection: saved with Save like the other test values
              <ConnectionTargetProvider value={{ integrationId: d.integrationId, test: true }}>
                <Oauth2Field v={v} value={value(v)} onChange={(x) => set(v.key, x)} invalid={false} />
              </ConnectionTargetProvider>
            ) : v.type === "credential" && v.credentialType === "connection" ? (
              // the connection's fields from its component's manifest, as in the deployment wizard
              <ConnectionField v={v} value={value(v)} onChange={(x) => set(v.key, x)} invalid={false} />
            ) : v.type === "credential" ? (
              <div className="space-y-1">
                {CREDENTIAL_FIELDS[v.credentialType]!.map((f) =>
                  f === "privateKey" ? (
                    <textarea
                      key={f}
                      aria-label={`${v.label} ${f}`}
                      placeholder={f}
                      rows={2}
                      className={`${box} font-mono text-xs`}
                      value={String((value(v) as Record<string, string>)[f] ?? "")}
                      onChange={(e) => set(v.key, { ...(value(v) as object), [f]: e.target.value })}
                    />
                  ) : (
                    <input
                      key={f}
                      aria-label={`${v.label} ${f}`}
                      placeholder={f}
                      type={/password|secret|key$/i.test(f) ? "password" : "text"}
                      className={box}
                      value={String((value(v) as Record<string, string>)[f] ?? "")}
                      onChange={(e) => set(v.key, { ...(value(v) as object), [f]: e.target.value })}
                    />
                  ),
                )}
              </div>
            ) : v.type === "schedule" ? (
              <input
                id={`test-${v.key}`}
                className={box}
                placeholder='{"every": 1, "unit": "hours"} or a cron'
                value={typeof value(v) === "string" ? String(value(v)) : JSON.stringify(value(v) ?? "")}
                onChange={(e) =>
                  set(
                    v.key,
                    (() => {
                      try {
                        return JSON.parse(e.target.value);
                      } catch {
                        return e.target.value;
                      }
                    })(),
                  )
                }
              />
            ) : (
              <input
                id={`test-${v.key}`}
                className={box}
                value={String(value(v) ?? "")}
                onChange={(e) => set(v.key, e.target.value || undefined)}
              />
            )}
          </div>
        ))}
      </div>
      <div className="flex items-center gap-3">
        <Button type="submit" variant="secondary" disabled={save.isPending}>
          Save test configuration
        </Button>
        {saved && (
          <span role="status" className="text-xs text-emerald-700">
            {saved}
          </span>
        )}
        {save.error && (
          <span role="alert" className="text-xs text-red-700">
            {save.error.message}
          </span>
        )}
      </div>
    </form>
  );
}
