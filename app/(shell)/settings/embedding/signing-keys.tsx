"use client";
/** The keys JWTs are signed with: list (kid, algorithm, source, last use), add (RS256 PEM or JWKS URL, or a generated HS256 secret shown once), revoke. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Table } from "@/app/_ui/table";
import { useTRPC } from "@/app/_ui/trpc";
import { Button, Card, Field, TextInput } from "@/app/_ui/ui";

type Source = "publicKey" | "jwks" | "secret";

const SOURCES: { value: Source; label: string; hint: string }[] = [
  { value: "publicKey", label: "RS256 public key", hint: "You keep the private key; Junction can only verify." },
  { value: "jwks", label: "RS256 JWKS URL", hint: "Junction fetches your keys by kid; rotate them on your side." },
  { value: "secret", label: "HS256 secret", hint: "Junction generates a shared secret and shows it once." },
];
const SOURCE_LABEL: Record<Source, string> = { publicKey: "public key (PEM)", jwks: "JWKS URL", secret: "shared secret" };
const fmt = (d: Date | string | null) => (d ? new Date(d).toLocaleString() : "—");

export function SigningKeys() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const keys = useQuery(trpc.embedding.keys.list.queryOptions());
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.embedding.keys.list.queryKey() });
  const add = useMutation(trpc.embedding.keys.add.mutationOptions({ onSuccess: invalidate }));
  const revoke = useMutation(trpc.embedding.keys.revoke.mutationOptions({ onSuccess: invalidate }));
  const [source, setSource] = useState<Source>("publicKey");
  const [secret, setSecret] = useState<{ kid: string; secret: string } | null>(null);

  async function onAdd(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? "").trim();
    const result = await add
      .mutateAsync({
        name: text("name"),
        kid: text("kid") || undefined,
        algorithm: source === "secret" ? "HS256" : "RS256",
        ...(source === "publicKey" ? { publicKey: text("publicKey") } : source === "jwks" ? { jwksUrl: text("jwksUrl") } : {}),
      })
      .catch(() => null);
    if (!result) return;
    setSecret(result.secret ? { kid: result.kid, secret: result.secret } : null);
    form.reset();
  }

  return (
    <Card title="Signing keys">
      <p className="mb-4 text-sm text-slate-500">
        Your backend signs a short-lived JWT for the user in front of it; Junction verifies it with the key its header&apos;s{" "}
        <code className="rounded bg-slate-100 px-1">kid</code> names, with that key&apos;s algorithm only. Keep several keys live to rotate
        without a gap.
      </p>
      <form onSubmit={onAdd} aria-label="Add a signing key" className="mb-5 space-y-3 rounded-md bg-slate-50 p-4 ring-1 ring-slate-200">
        <fieldset>
          <legend className="mb-2 text-sm font-medium text-slate-700">Key type</legend>
          <div className="grid gap-2 sm:grid-cols-3">
            {SOURCES.map((s) => (
              <label
                key={s.value}
                className={`flex cursor-pointer flex-col rounded-md bg-white p-3 text-sm ring-1 ${source === s.value ? "ring-2 ring-brand-500" : "ring-slate-200"}`}
              >
                <span className="flex items-center gap-2 font-medium text-slate-800">
                  <input type="radio" name="source" value={s.value} checked={source === s.value} onChange={() => setSource(s.value)} />
                  {s.label}
                </span>
                <span className="mt-1 text-xs text-slate-500">{s.hint}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label="Name" htmlFor="key-name" hint="For you: where the key lives, e.g. “Production backend”.">
            <TextInput id="key-name" name="name" placeholder="Production backend" />
          </Field>
          <Field label="Key id (kid)" htmlFor="key-kid" hint="The kid your JWT header carries; generated when left empty.">
            <TextInput id="key-kid" name="kid" placeholder="prod-2026" pattern="[\w.:\-]{1,100}" />
          </Field>
        </div>
        {source === "publicKey" && (
          <Field label="Public key (PEM)" htmlFor="key-pem">
            <textarea
              id="key-pem"
              name="publicKey"
              required
              rows={5}
              placeholder={"-----BEGIN PUBLIC KEY-----\n…\n-----END PUBLIC KEY-----"}
              className="block w-full rounded-md border-0 bg-white px-3 py-1.5 font-mono text-xs ring-1 ring-slate-300 focus:ring-2 focus:ring-brand-500 focus:outline-none"
            />
          </Field>
        )}
        {source === "jwks" && (
          <Field label="JWKS URL" htmlFor="key-jwks">
            <TextInput id="key-jwks" name="jwksUrl" type="url" required placeholder="https://auth.example.com/.well-known/jwks.json" />
          </Field>
        )}
        {add.error && (
          <p role="alert" className="text-sm text-red-600">
            {add.error.message}
          </p>
        )}
        <Button type="submit" disabled={add.isPending}>
          {source === "secret" ? "Generate secret" : "Add key"}
        </Button>
      </form>

      {secret && (
        <div role="status" className="mb-5 rounded-md bg-emerald-50 p-3 text-sm ring-1 ring-emerald-200">
          <p className="font-medium text-emerald-900">
            HS256 secret of “{secret.kid}”. Copy it into your backend&apos;s secret store now: it is not shown again.
          </p>
          <div className="mt-2 flex items-center gap-2">
            <code
              data-testid="new-signing-secret"
              className="flex-1 truncate rounded bg-white px-2 py-1 font-mono text-xs ring-1 ring-emerald-200"
            >
              {secret.secret}
            </code>
            <Button variant="secondary" onClick={() => void navigator.clipboard?.writeText(secret.secret).catch(() => {})}>
              Copy
            </Button>
            <Button variant="ghost" onClick={() => setSecret(null)}>
              Done
            </Button>
          </div>
        </div>
      )}

      <Table
        label="Signing keys"
        rows={keys.data}
        rowKey={(k) => k.id}
        empty="No signing keys yet: add one to let your product sign customers in."
        columns={[
          {
            key: "kid",
            header: "Key id",
            cell: (k) => (
              <>
                <span className="font-mono text-xs font-medium">{k.kid}</span>
                {k.name && <span className="block text-xs text-slate-500">{k.name}</span>}
              </>
            ),
          },
          { key: "alg", header: "Algorithm", cell: (k) => k.algorithm },
          {
            key: "source",
            header: "Source",
            cell: (k) => (
              <>
                {SOURCE_LABEL[k.source]}
                {k.jwksUrl && <span className="block max-w-xs truncate font-mono text-xs text-slate-500">{k.jwksUrl}</span>}
              </>
            ),
            className: "text-slate-600",
          },
          { key: "created", header: "Added", cell: (k) => fmt(k.createdAt), className: "text-slate-600" },
          { key: "used", header: "Last used", cell: (k) => fmt(k.lastUsedAt), className: "text-slate-600" },
          {
            key: "status",
            header: "Status",
            cell: (k) =>
              k.revokedAt ? (
                <span className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-600">revoked</span>
              ) : (
                <span className="rounded bg-emerald-50 px-2 py-0.5 text-xs text-emerald-700">live</span>
              ),
          },
          {
            key: "revoke",
            header: "",
            align: "right",
            cell: (k) =>
              !k.revokedAt && (
                <Button
                  variant="danger"
                  onClick={() => revoke.mutate({ id: k.id })}
                  aria-label={`Revoke ${k.kid}`}
                  disabled={revoke.isPending}
                >
                  Revoke
                </Button>
              ),
          },
        ]}
      />
      {revoke.error && (
        <p role="alert" className="mt-2 text-sm text-red-600">
          {revoke.error.message}
        </p>
      )}
    </Card>
  );
}
