"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/app/_ui/trpc";
import { Button, Card, Field, TextInput } from "@/app/_ui/ui";

const fmt = (d: Date | string | null) => (d ? new Date(d).toLocaleString() : "—");

export function ApiTokens() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tokens = useQuery(trpc.tokens.list.queryOptions());
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.tokens.list.queryKey() });
  const create = useMutation(trpc.tokens.create.mutationOptions({ onSuccess: invalidate }));
  const revoke = useMutation(trpc.tokens.revoke.mutationOptions({ onSuccess: invalidate }));
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [copied, setCopied] = useState(false);

  async function onCreate(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const name = String(new FormData(form).get("name"));
    const result = await create.mutateAsync({ name });
    setCreated({ name: result.name, token: result.token });
    setCopied(false);
    form.reset();
  }

  return (
    <Card title="API tokens">
      <p className="mb-4 text-sm text-slate-500">
        Tokens let the <code className="rounded bg-slate-100 px-1">junction</code> CLI and scripts act as you. A token is shown once, when
        it is created.
      </p>
      <form onSubmit={onCreate} className="mb-4 flex items-end gap-2">
        <div className="w-72">
          <Field label="Token name" htmlFor="token-name" error={create.error?.message}>
            <TextInput id="token-name" name="name" placeholder="e.g. CI deploys" required />
          </Field>
        </div>
        <Button type="submit" disabled={create.isPending}>
          Create token
        </Button>
      </form>

      {created && (
        <div role="status" className="mb-4 rounded-md bg-emerald-50 p-3 text-sm ring-1 ring-emerald-200">
          <p className="font-medium text-emerald-900">Token “{created.name}” created. Copy it now: it will not be shown again.</p>
          <div className="mt-2 flex items-center gap-2">
            <code data-testid="new-token" className="flex-1 truncate rounded bg-white px-2 py-1 font-mono text-xs ring-1 ring-emerald-200">
              {created.token}
            </code>
            <Button
              variant="secondary"
              onClick={async () => {
                await navigator.clipboard?.writeText(created.token).catch(() => {});
                setCopied(true);
              }}
            >
              {copied ? "Copied" : "Copy"}
            </Button>
          </div>
        </div>
      )}

      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 text-xs text-slate-500 uppercase">
          <tr>
            <th className="py-2 font-medium">Name</th>
            <th className="py-2 font-medium">Token</th>
            <th className="py-2 font-medium">Created</th>
            <th className="py-2 font-medium">Last used</th>
            <th className="py-2 font-medium">Status</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {tokens.data?.length === 0 && (
            <tr>
              <td colSpan={6} className="py-6 text-center text-slate-500">
                No tokens yet.
              </td>
            </tr>
          )}
          {tokens.data?.map((t) => (
            <tr key={t.id} className="border-b border-slate-100 last:border-0">
              <td className="py-2 font-medium">{t.name}</td>
              <td className="py-2 font-mono text-xs text-slate-500">{t.prefix}…</td>
              <td className="py-2 text-slate-600">{fmt(t.createdAt)}</td>
              <td className="py-2 text-slate-600">{fmt(t.lastUsedAt)}</td>
              <td className="py-2">
                {t.revokedAt ? (
                  <span className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-600">revoked</span>
                ) : (
                  <span className="rounded bg-emerald-50 px-2 py-0.5 text-xs text-emerald-700">active</span>
                )}
              </td>
              <td className="py-2 text-right">
                {!t.revokedAt && (
                  <Button variant="danger" onClick={() => revoke.mutate({ id: t.id })} aria-label={`Revoke ${t.name}`}>
                    Revoke
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
