"use client";
/**
 * An oauth2 variable's provider: where customers sign in and where the host trades and refreshes
 * tokens. The client secret is kept apart from the definition (it is never in the YAML): set here,
 * sealed on the server, shown back only as "set".
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { OAuth2Settings } from "@/runtime/definition/schema";
import { useTRPC } from "@/app/_ui/trpc";
import { Button } from "@/app/_ui/ui";
import { useDesigner } from "./designer-context";

const box = "block w-full rounded-md border-0 px-2 py-1 text-sm ring-1 ring-slate-300";

const paramsText = (p: Record<string, string> | undefined) =>
  Object.entries(p ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join("\n");
const parseParams = (text: string) => {
  const entries = text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => [line.split("=")[0]!.trim(), line.slice(line.indexOf("=") + 1).trim()] as const)
    .filter(([k]) => k);
  return entries.length ? Object.fromEntries(entries) : undefined;
};

export function Oauth2Settings({
  varKey,
  value,
  onChange,
}: {
  varKey: string;
  value: OAuth2Settings;
  onChange: (next: OAuth2Settings) => void;
}) {
  const d = useDesigner();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const status = useQuery(trpc.connections.clientSecretStatus.queryOptions({ integrationId: d.integrationId }));
  const setSecret = useMutation(trpc.connections.setClientSecret.mutationOptions());
  const [secret, setSecretText] = useState("");
  const [params, setParams] = useState(paramsText(value.authorizeParams));
  const isSet = status.data?.configVarKeys.includes(varKey) ?? false;
  const text = (field: "authorizeUrl" | "tokenUrl" | "clientId" | "scopes", label: string, placeholder: string) => (
    <label className="col-span-2 space-y-0.5">
      <span className="text-xs text-slate-600">{label}</span>
      <input
        aria-label={label}
        className={box}
        placeholder={placeholder}
        value={value[field] ?? ""}
        onChange={(e) => onChange({ ...value, [field]: e.target.value })}
      />
    </label>
  );
  const saveSecret = async (next: string | null) => {
    await setSecret.mutateAsync({ integrationId: d.integrationId, configVarKey: varKey, clientSecret: next });
    setSecretText("");
    await queryClient.invalidateQueries({ queryKey: trpc.connections.clientSecretStatus.queryKey({ integrationId: d.integrationId }) });
  };
  return (
    <div className="col-span-2 grid grid-cols-2 gap-2 rounded-md bg-slate-50 p-2 ring-1 ring-slate-200">
      {text("authorizeUrl", "Authorize URL", "https://provider.example.com/oauth/authorize")}
      {text("tokenUrl", "Token URL", "https://provider.example.com/oauth/token")}
      {text("clientId", "Client ID", "from the provider's app registration")}
      {text("scopes", "Scopes", "read write offline_access")}
      <label className="col-span-2 flex items-center gap-2 text-xs text-slate-700">
        <input
          type="checkbox"
          checked={value.pkce !== false}
          onChange={(e) => onChange({ ...value, pkce: e.target.checked ? undefined : false })}
        />
        PKCE (S256) — leave on unless the provider refuses it
      </label>
      <label className="col-span-2 space-y-0.5">
        <span className="text-xs text-slate-600">Extra authorize parameters (name=value per line)</span>
        <textarea
          aria-label="Extra authorize parameters"
          rows={2}
          className={`${box} font-mono text-xs`}
          placeholder="prompt=consent"
          value={params}
          onChange={(e) => {
            setParams(e.target.value);
            onChange({ ...value, authorizeParams: parseParams(e.target.value) });
          }}
        />
      </label>
      <div className="col-span-2 space-y-1">
        <span className="text-xs text-slate-600">
          Client secret{" "}
          <span className={isSet ? "text-emerald-700" : "text-amber-700"}>
            {isSet ? "— set (never shown again)" : "— not set (a public client, PKCE only)"}
          </span>
        </span>
        <div className="flex gap-2">
          <input
            aria-label="Client secret"
            type="password"
            autoComplete="new-password"
            className={box}
            placeholder={isSet ? "Replace the secret" : "Paste the provider's client secret"}
            value={secret}
            onChange={(e) => setSecretText(e.target.value)}
          />
          <Button type="button" variant="secondary" disabled={!secret || setSecret.isPending} onClick={() => void saveSecret(secret)}>
            Save
          </Button>
          {isSet && (
            <Button type="button" variant="ghost" onClick={() => void saveSecret(null)}>
              Remove
            </Button>
          )}
        </div>
        <p className="text-xs text-slate-500">
          Register <code suppressHydrationWarning>{typeof window === "undefined" ? "" : `${window.location.origin}/oauth2/callback`}</code>{" "}
          as the redirect URI at the provider.
        </p>
      </div>
    </div>
  );
}
