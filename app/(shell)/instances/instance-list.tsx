"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Table } from "@/app/_ui/table";
import { useTRPC } from "@/app/_ui/trpc";
import { EmptyState } from "@/app/_ui/ui";
import { StatusBadge } from "./status-badge";

const selectClass = "rounded-md border-0 px-2 py-1.5 text-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-brand-500 focus:outline-none";

/** Every reachable instance, filtered on the server by integration, customer, status and version. */
export function InstanceList() {
  const trpc = useTRPC();
  const me = useQuery(trpc.session.me.queryOptions());
  const [integrationId, setIntegrationId] = useState("");
  const [customerId, setCustomerId] = useState("");
  const [status, setStatus] = useState("");
  const [version, setVersion] = useState("");
  const filters = {
    integrationId: integrationId || undefined,
    customerId: customerId || undefined,
    enabled: status === "" ? undefined : status === "enabled",
    version: version ? Number(version) : undefined,
  };
  const instances = useQuery(trpc.instances.list.queryOptions(filters));
  const market = useQuery(trpc.marketplace.list.queryOptions());
  const customers = useQuery(trpc.customers.list.queryOptions());
  const isCustomer = me.data?.role === "customer" || me.data?.role === "customer_viewer";

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap gap-2" role="group" aria-label="Filters">
        <select aria-label="Integration" className={selectClass} value={integrationId} onChange={(e) => setIntegrationId(e.target.value)}>
          <option value="">All integrations</option>
          {market.data?.map((i) => (
            <option key={i.id} value={i.id}>
              {i.name}
            </option>
          ))}
        </select>
        {!isCustomer && (
          <select aria-label="Customer" className={selectClass} value={customerId} onChange={(e) => setCustomerId(e.target.value)}>
            <option value="">All customers</option>
            {customers.data?.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        )}
        <select aria-label="Status" className={selectClass} value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">Enabled and disabled</option>
          <option value="enabled">Enabled</option>
          <option value="disabled">Disabled</option>
        </select>
        <input
          aria-label="Version"
          type="number"
          min={1}
          placeholder="Version"
          className={`${selectClass} w-24`}
          value={version}
          onChange={(e) => setVersion(e.target.value)}
        />
      </div>
      {instances.error && (
        <p role="alert" className="text-sm text-red-600">
          {instances.error.message}
        </p>
      )}
      {instances.data?.length === 0 ? (
        <EmptyState title="No instances match.">
          <Link className="text-brand-700 hover:underline" href="/deploy">
            Deploy an integration
          </Link>
        </EmptyState>
      ) : (
        <Table
          label="Instances"
          framed
          rows={instances.data}
          rowKey={(i) => i.id}
          columns={[
            {
              key: "name",
              header: "Instance",
              className: "font-medium",
              cell: (i) => (
                <Link className="text-brand-700 hover:underline" href={`/instances/${i.id}`}>
                  {i.name}
                </Link>
              ),
            },
            { key: "customer", header: "Customer", cell: (i) => i.customer, className: "text-slate-600" },
            { key: "integration", header: "Integration", cell: (i) => i.integration, className: "text-slate-600" },
            { key: "version", header: "Version", cell: (i) => i.version, className: "text-slate-600" },
            { key: "status", header: "Status", cell: (i) => <StatusBadge status={i.enabled ? "enabled" : "disabled"} /> },
            {
              key: "lastRun",
              header: "Last run",
              cell: (i) => (
                <>
                  <StatusBadge status={i.lastRunStatus} />
                  {i.lastRunAt && <span className="ml-2 text-xs text-slate-500">{new Date(i.lastRunAt).toLocaleString()}</span>}
                </>
              ),
            },
          ]}
        />
      )}
    </div>
  );
}
