"use client";
/** The registry URL and a write-only token (sealed on the server; only "set" or "not set" comes back). */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/app/_ui/trpc";
import { Button, Card, Field, TextInput } from "@/app/_ui/ui";

export function RegistrySettings() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const settings = useQuery(trpc.components.registry.settings.queryOptions());
  const [url, setUrl] = useState<string | null>(null);
  const [token, setToken] = useState("");
  const [saved, setSaved] = useState<string | null>(null);
  const update = useMutation(
    trpc.components.registry.updateSettings.mutationOptions({
      onSuccess: (next) => {
        queryClient.setQueryData(trpc.components.registry.settings.queryKey(), next);
        void queryClient.invalidateQueries({ queryKey: trpc.components.registry.pathKey() });
        setUrl(null);
        setToken("");
      },
    }),
  );
  const s = settings.data;
  if (settings.error)
    return (
      <p role="alert" className="text-sm text-red-600">
        {settings.error.message}
      </p>
    );
  if (!s) return null;
  const shownUrl = url ?? s.settingsUrl ?? "";
  return (
    <Card title="Component registry">
      <div className="space-y-5">
        <p className="text-sm text-slate-600">
          Installing now from <code className="rounded bg-slate-100 px-1">{s.url}</code>{" "}
          {s.urlFrom === "settings" ? "(set here)" : "(JUNCTION_NPM_REGISTRY or the public npm registry)"}.
        </p>
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            setSaved(null);
            update.mutate({ url: shownUrl.trim() || null, ...(token ? { token } : {}) }, { onSuccess: () => setSaved("Saved.") });
          }}
        >
          <Field
            label="Registry URL"
            htmlFor="registry-url"
            hint="Empty: JUNCTION_NPM_REGISTRY, or https://registry.npmjs.org/ when that is not set."
            error={update.error?.message}
          >
            <TextInput id="registry-url" value={shownUrl} placeholder="https://npm.example.com/" onChange={(e) => setUrl(e.target.value)} />
          </Field>
          <Field
            label="Token"
            htmlFor="registry-token"
            hint={
              s.hasToken
                ? `A token is set${s.tokenFrom === "environment" ? " (JUNCTION_NPM_TOKEN)" : ""}. Type a new one to replace it.`
                : "For a private registry: sent as a bearer token. Stored encrypted, never shown again."
            }
          >
            <TextInput id="registry-token" type="password" autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} />
          </Field>
          <div className="flex items-center gap-2">
            <Button type="submit" disabled={update.isPending}>
              Save
            </Button>
            {s.tokenFrom === "settings" && (
              <Button type="button" variant="danger" disabled={update.isPending} onClick={() => update.mutate({ token: null })}>
                Remove token
              </Button>
            )}
            {saved && (
              <span role="status" className="text-sm text-emerald-700">
                {saved}
              </span>
            )}
          </div>
        </form>
      </div>
    </Card>
  );
}
