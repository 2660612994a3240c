"use client";
/** The origins that may frame the embedded views, call the sign-in endpoint and receive the views' events. */
import { useState, type FormEvent } from "react";
import { Button, Card, Field, TextInput } from "@/app/_ui/ui";
import { useEmbeddingSettings } from "./use-embedding-settings";

export function AllowedOrigins() {
  const { settings, update } = useEmbeddingSettings();
  const [draft, setDraft] = useState("");
  const origins = settings.data?.allowedOrigins ?? [];

  async function onAdd(e: FormEvent) {
    e.preventDefault();
    // an origin is scheme://host[:port]: a pasted URL is cut to it, the server checks the rest
    let origin = draft.trim();
    if (URL.canParse(origin)) origin = new URL(origin).origin;
    const saved = await update.mutateAsync({ allowedOrigins: [...origins, origin] }).catch(() => null);
    if (saved) setDraft("");
  }

  return (
    <Card title="Allowed origins">
      <p className="mb-4 text-sm text-slate-500">
        The pages of your product that embed Junction: only they may frame the views, sign customers in from a browser and receive the
        views&apos; events. Exact origins — no paths, no wildcards.
      </p>
      <ul aria-label="Allowed origins" className="mb-4 divide-y divide-slate-100 rounded-md ring-1 ring-slate-200">
        {origins.length === 0 && <li className="px-3 py-2 text-sm text-slate-500">None yet: the views cannot be embedded anywhere.</li>}
        {origins.map((o) => (
          <li key={o} className="flex items-center justify-between px-3 py-1.5">
            <code className="font-mono text-sm text-slate-800">{o}</code>
            <Button
              variant="ghost"
              aria-label={`Remove ${o}`}
              disabled={update.isPending}
              onClick={() => update.mutate({ allowedOrigins: origins.filter((x) => x !== o) })}
            >
              Remove
            </Button>
          </li>
        ))}
      </ul>
      <form onSubmit={onAdd} className="flex items-start gap-2">
        <div className="w-96">
          {/* the server names the list entry ("allowedOrigins[2]: …"); here there is one field */}
          <Field label="Origin" htmlFor="new-origin" error={update.error?.message.replace(/^allowedOrigins\[\d+\]: /, "")}>
            <TextInput
              id="new-origin"
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              placeholder="https://app.example.com"
              required
            />
          </Field>
        </div>
        <Button type="submit" variant="secondary" className="mt-6" disabled={update.isPending || !settings.data}>
          Add origin
        </Button>
      </form>
    </Card>
  );
}
