"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/app/_ui/trpc";
import { Table } from "@/app/_ui/table";
import { Button, Card, EmptyState } from "@/app/_ui/ui";
import { CustomerForm } from "./customer-form";
import { CustomerDetail } from "./customer-detail";

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
        <Table
          label="Customers"
          framed
          rows={customers.data}
          rowKey={(c) => c.id}
          columns={[
            { key: "name", header: "Name", cell: (c) => c.name, className: "font-medium" },
            { key: "externalId", header: "External id", cell: (c) => c.externalId ?? "—", className: "font-mono text-xs text-slate-600" },
            { key: "instances", header: "Instances", cell: (c) => c.instanceCount, className: "text-slate-600" },
            {
              key: "manage",
              header: "",
              align: "right",
              cell: (c) => (
                <Button
                  variant="ghost"
                  onClick={() => setOpen(open === c.id ? null : c.id)}
                  aria-expanded={open === c.id}
                  aria-label={`Manage ${c.name}`}
                >
                  {open === c.id ? "Close" : "Manage"}
                </Button>
              ),
            },
          ]}
          detail={(c) => open === c.id && <CustomerDetail customer={c} onChanged={invalidate} />}
        />
      )}
      {customers.error && (
        <p role="alert" className="text-sm text-red-600">
          {customers.error.message}
        </p>
      )}
    </div>
  );
}
