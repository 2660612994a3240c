"use client";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/app/_ui/trpc";
import { Button, Card, Field, TextInput } from "@/app/_ui/ui";

export interface Target {
  customerId: string;
  customerName: string;
  integrationId: string;
  name: string;
}

const selectClass =
  "block w-full rounded-md border-0 px-3 py-1.5 text-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-brand-500 focus:outline-none";

/** The first wizard page: which customer (fixed for a customer user) and which published integration. */
export function ChooseTarget({ initialIntegrationId, onChoose }: { initialIntegrationId: string | null; onChoose: (t: Target) => void }) {
  const trpc = useTRPC();
  const me = useQuery(trpc.session.me.queryOptions());
  const customers = useQuery(trpc.customers.list.queryOptions());
  const market = useQuery(trpc.marketplace.list.queryOptions());
  const [customerId, setCustomerId] = useState("");
  const [integrationId, setIntegrationId] = useState(initialIntegrationId ?? "");
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const fixed = me.data?.role === "customer" || me.data?.role === "customer_viewer";
  const chosenCustomer = fixed ? customers.data?.[0] : customers.data?.find((c) => c.id === customerId);

  return (
    <Card title="Customer and integration">
      <form
        className="max-w-xl space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          if (!chosenCustomer) return setError("choose a customer");
          if (!integrationId) return setError("choose an integration");
          onChoose({ customerId: chosenCustomer.id, customerName: chosenCustomer.name, integrationId, name });
        }}
      >
        <Field label="Customer" htmlFor="deploy-customer">
          {fixed ? (
            <p id="deploy-customer" className="text-sm text-slate-800">
              {chosenCustomer?.name ?? "…"}
            </p>
          ) : (
            <select id="deploy-customer" className={selectClass} value={customerId} onChange={(e) => setCustomerId(e.target.value)}>
              <option value="">Choose a customer…</option>
              {customers.data?.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Integration" htmlFor="deploy-integration" hint="Published integrations; the latest version is deployed.">
          <select id="deploy-integration" className={selectClass} value={integrationId} onChange={(e) => setIntegrationId(e.target.value)}>
            <option value="">Choose an integration…</option>
            {market.data?.map((i) => (
              <option key={i.id} value={i.id}>
                {i.name} (version {i.latestVersion})
              </option>
            ))}
          </select>
        </Field>
        <Field label="Instance name" htmlFor="deploy-name" hint="Optional; “<integration> for <customer>” otherwise.">
          <TextInput id="deploy-name" value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        {error && (
          <p role="alert" className="text-sm text-red-600">
            {error}
          </p>
        )}
        <Button type="submit">Next</Button>
      </form>
    </Card>
  );
}
