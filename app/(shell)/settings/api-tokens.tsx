"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Table } from "@/app/_ui/table";
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

      <Table
        label="API tokens"
        rows={tokens.data}
        rowKey={(t) => t.id}
        empty="No tokens yet."
        columns={[
          { key: "name", header: "Name", cell: (t) => t.name, className: "font-medium" },
          { key: "token", header: "Token", cell: (t) => `${t.prefix}…`, className: "font-mono text-xs text-slate-500" },
          { key: "created", header: "Created", cell: (t) => fmt(t.createdAt), className: "text-slate-600" },
          { key: "lastUsed", header: "Last used", cell: (t) => fmt(t.lastUsedAt), className: "text-slate-600" },
          {
            key: "status",
            header: "Status",
            cell: (t) =>
              t.revokedAt ? (
                <span className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-600">revoked</span>
              ) : (
                <span className="rounded bg-emerald-50 px-2 py-0.5 text-xs text-emerald-700">active</span>
              ),
          },
          {
            key: "revoke",
            header: "",
            align: "right",
            cell: (t) =>
              !t.revokedAt && (
                <Button variant="danger" onClick={() => revoke.mutate({ id: t.id })} aria-label={`Revoke ${t.name}`}>
                  Revoke
                </Button>
              ),
          },
        ]}
      />
    </Card>
  );
}
