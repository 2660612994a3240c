"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/app/_ui/trpc";
import { Card, EmptyState } from "@/app/_ui/ui";
import { CustomerForm } from "./customer-form";
import { CustomerRow } from "./customer-row";

export function CustomerList() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const customers = useQuery(trpc.customers.list.queryOptions());
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.customers.list.queryKey() });
  const create = useMutation(trpc.customers.create.mutationOptions({ onSuccess: invalidate }));
  const [open, setOpen] = useState<string | null>(null);

  return (
    <div className="space-y-6">
      <Card title="New customer">
        <CustomerForm
          submitLabel="Create customer"
          error={create.error?.message}
          pending={create.isPending}
          onSubmit={(f) => create.mutateAsync({ name: f.name, externalId: f.externalId || null, description: f.description })}
        />
      </Card>
      {customers.data?.length === 0 ? (
        <EmptyState title="No customers yet." />
      ) : (
        <div className="rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 text-xs text-slate-500 uppercase">
              <tr>
                <th className="px-4 py-2 font-medium">Name</th>
                <th className="px-4 py-2 font-medium">External id</th>
                <th className="px-4 py-2 font-medium">Instances</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {customers.data?.map((c) => (
                <CustomerRow
                  key={c.id}
                  customer={c}
                  open={open === c.id}
                  onToggle={() => setOpen(open === c.id ? null : c.id)}
                  onChanged={invalidate}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {customers.error && (
        <p role="alert" className="text-sm text-red-600">
          {customers.error.message}
        </p>
      )}
    </div>
  );
}
