"use client";
/** The audit log, newest first: filter by who, what and when; a page of 50 at a time. */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { AUDIT_ACTIONS, AUDIT_AREAS } from "@/app/_server/services/audit/audit-actions";
import { Table } from "@/app/_ui/table";
import { useTRPC } from "@/app/_ui/trpc";
import { Button, Card, Field, TextInput } from "@/app/_ui/ui";
import { AuditDetail } from "./audit-detail";

const AREA_LABELS: Record<string, string> = {
  user: "Team",
  token: "API tokens",
  embedding: "Embedding",
  settings: "Settings",
  integration: "Integrations",
  instance: "Instances",
  customer: "Customers",
  component: "Components",
};

interface Filter {
  actor?: string;
  action?: string;
  since?: Date;
  until?: Date;
}

const selectClass =
  "block w-full rounded-md border-0 bg-white py-1.5 pr-8 pl-3 text-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-brand-500 focus:outline-none";

export function AuditLog() {
  const trpc = useTRPC();
  const [filter, setFilter] = useState<Filter>({});
  const [page, setPage] = useState(1);
  const log = useQuery({ ...trpc.audit.list.queryOptions({ ...filter, page, pageSize: 50 }), placeholderData: keepPreviousData });

  function onFilter(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const text = (k: string) => String(data.get(k) ?? "").trim() || undefined;
    const date = (k: string) => (text(k) ? new Date(text(k)!) : undefined);
    setFilter({ actor: text("actor"), action: text("action"), since: date("since"), until: date("until") });
    setPage(1);
  }

  return (
    <Card title="Audit log">
      <form onSubmit={onFilter} aria-label="Filter the audit log" className="mb-4 grid items-end gap-3 sm:grid-cols-2 lg:grid-cols-5">
        <Field label="Who" htmlFor="audit-actor">
          <TextInput id="audit-actor" name="actor" placeholder="e-mail address" />
        </Field>
        <Field label="What" htmlFor="audit-action">
          <select id="audit-action" name="action" className={selectClass} defaultValue="">
            <option value="">Everything</option>
            {AUDIT_AREAS.map((area) => (
              <optgroup key={area} label={AREA_LABELS[area] ?? area}>
                <option value={area}>All of {AREA_LABELS[area]?.toLowerCase() ?? area}</option>
                {Object.entries(AUDIT_ACTIONS)
                  .filter(([action]) => action.startsWith(`${area}.`))
                  .map(([action, label]) => (
                    <option key={action} value={action}>
                      {label[0]!.toUpperCase() + label.slice(1)}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </Field>
        <Field label="From" htmlFor="audit-since">
          <TextInput id="audit-since" name="since" type="datetime-local" />
        </Field>
        <Field label="Until" htmlFor="audit-until">
          <TextInput id="audit-until" name="until" type="datetime-local" />
        </Field>
        <Button type="submit" variant="secondary">
          Show
        </Button>
      </form>

      <Table
        label="Audit log"
        rows={log.data?.entries}
        rowKey={(e) => e.id}
        empty="Nothing recorded for this filter."
        columns={[
          { key: "at", header: "When", cell: (e) => new Date(e.at).toLocaleString(), className: "whitespace-nowrap text-slate-600" },
          {
            key: "actor",
            header: "Who",
            cell: (e) => e.actorEmail ?? <span className="text-slate-500">Junction</span>,
            className: "max-w-56 truncate",
          },
          {
            key: "what",
            header: "What",
            cell: (e) => (
              <>
                <span className="text-slate-800">{e.description[0]!.toUpperCase() + e.description.slice(1)}</span>
                {e.targetName && <span className="block text-xs text-slate-500">{e.targetName}</span>}
              </>
            ),
          },
          { key: "detail", header: "Details", cell: (e) => <AuditDetail detail={e.detail} />, className: "text-xs text-slate-600" },
        ]}
      />
      <div className="mt-4 flex items-center justify-between text-sm text-slate-500">
        <span>Page {page}</span>
        <div className="flex gap-2">
          <Button variant="secondary" className="disabled:opacity-50" disabled={page === 1} onClick={() => setPage((p) => p - 1)}>
            Newer
          </Button>
          <Button variant="secondary" className="disabled:opacity-50" disabled={!log.data?.hasMore} onClick={() => setPage((p) => p + 1)}>
            Older
          </Button>
        </div>
      </div>
    </Card>
  );
}
