"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/app/_ui/trpc";
import { Button } from "@/app/_ui/ui";
import { CustomerForm } from "./customer-form";
import { CustomerPresets } from "./customer-presets";
import { CustomerUsers } from "./customer-users";

interface Customer {
  id: string;
  name: string;
  externalId: string | null;
  description: string;
  instanceCount: number;
}

/** An opened customer (the customer list's detail row): edit, delete (naming what goes with it), its users. */
export function CustomerDetail({ customer: c, onChanged }: { customer: Customer; onChanged: () => void }) {
  const trpc = useTRPC();
  const [confirming, setConfirming] = useState(false);
  const update = useMutation(trpc.customers.update.mutationOptions({ onSuccess: onChanged }));
  const remove = useMutation(trpc.customers.delete.mutationOptions({ onSuccess: onChanged }));
  const impact = useQuery({ ...trpc.customers.deletionImpact.queryOptions({ id: c.id }), enabled: confirming });
  return (
    <div className="space-y-4">
      <CustomerForm
        initial={{ name: c.name, externalId: c.externalId ?? "", description: c.description }}
        submitLabel="Save"
        error={update.error?.message}
        pending={update.isPending}
        onSubmit={(f) => update.mutateAsync({ id: c.id, name: f.name, externalId: f.externalId || null, description: f.description })}
      />
      <CustomerUsers customerId={c.id} />
      <CustomerPresets customerId={c.id} />
      {!confirming ? (
        <Button variant="danger" onClick={() => setConfirming(true)}>
          Delete customer
        </Button>
      ) : (
        <div role="alertdialog" aria-label={`Delete ${c.name}`} className="space-y-2 rounded-md bg-red-50 p-3 text-sm ring-1 ring-red-200">
          <p className="font-medium text-red-900">Delete “{c.name}”?</p>
          {impact.data && (
            <p className="text-red-800">
              {impact.data.instances.length === 0
                ? "It has no instances."
                : `Its ${impact.data.instances.length} instance(s) and their runs go with it: ${impact.data.instances.map((i) => i.name).join(", ")}.`}{" "}
              {impact.data.users.length > 0 && `Its users lose access: ${impact.data.users.map((u) => u.email).join(", ")}.`}
            </p>
          )}
          {remove.error && (
            <p role="alert" className="text-red-700">
              {remove.error.message}
            </p>
          )}
          <div className="flex gap-2">
            <Button variant="danger" disabled={!impact.data || remove.isPending} onClick={() => remove.mutate({ id: c.id })}>
              Delete it and its instances
            </Button>
            <Button variant="ghost" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
          </div>
        </div>
      )}
    </div>
  );
}
