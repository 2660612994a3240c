"use client";
/** Integrations: search by name (Filter also searches descriptions and labels), create, import, fork, delete. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useDeferredValue, useRef, useState } from "react";
import { Table } from "@/app/_ui/table";
import { useTRPC } from "@/app/_ui/trpc";
import { Button, EmptyState, PageHeader, TextInput } from "@/app/_ui/ui";
import { CreateDialog } from "./create-dialog";
import { DeleteDialog } from "./delete-dialog";
import { ForkDialog } from "./fork-dialog";

export function IntegrationsList() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState("");
  const [filter, setFilter] = useState(false);
  const query = useDeferredValue(search.trim());
  const list = useQuery(trpc.integrations.list.queryOptions(query ? (filter ? { filter: query } : { search: query }) : {}));
  const [dialog, setDialog] = useState<
    null | { kind: "create" } | { kind: "fork" | "delete"; id: string; name: string; description: string }
  >(null);
  const file = useRef<HTMLInputElement>(null);
  const [importError, setImportError] = useState<string | null>(null);
  const importYaml = useMutation(trpc.integrations.import.mutationOptions());

  return (
    <>
      <PageHeader
        title="Integrations"
        subtitle="Integrations your organization builds, versions and deploys."
        actions={
          <>
            <input
              ref={file}
              type="file"
              accept=".yml,.yaml,text/yaml"
              aria-label="YAML file to import"
              className="hidden"
              onChange={async (e) => {
                const chosen = e.target.files?.[0];
                e.target.value = "";
                if (!chosen) return;
                setImportError(null);
                try {
                  const created = await importYaml.mutateAsync({ yaml: await chosen.text() });
                  void queryClient.invalidateQueries({ queryKey: trpc.integrations.list.queryKey() });
                  router.push(`/integrations/${created.id}`);
                } catch (err) {
                  setImportError((err as Error).message);
                }
              }}
            />
            <Button variant="secondary" onClick={() => file.current?.click()} disabled={importYaml.isPending}>
              Import YAML
            </Button>
            <Button onClick={() => setDialog({ kind: "create" })}>+ Integration</Button>
          </>
        }
      />
      {importError && (
        <pre
          role="alert"
          className="mb-4 overflow-auto rounded-md bg-red-50 p-3 text-xs whitespace-pre-wrap text-red-800 ring-1 ring-red-200"
        >
          {importError}
        </pre>
      )}
      <div className="mb-4 flex items-center gap-2">
        <div className="w-96">
          <TextInput
            type="search"
            aria-label="Search integrations"
            placeholder={filter ? "Search names, descriptions and labels" : "Search by name"}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
        </div>
        <Button variant={filter ? "primary" : "secondary"} aria-pressed={filter} onClick={() => setFilter(!filter)}>
          Filter
        </Button>
        {filter && <span className="text-xs text-slate-500">also searching descriptions and labels</span>}
      </div>
      {list.error && (
        <p role="alert" className="text-sm text-red-700">
          {list.error.message}
        </p>
      )}
      {list.data?.length === 0 && (
        <EmptyState title={query ? "No integration matches." : "No integrations yet."}>
          {!query && "Create one with + Integration, or import a YAML file."}
        </EmptyState>
      )}
      {list.data && list.data.length > 0 && (
        <Table
          label="Integrations"
          framed
          rows={list.data}
          rowKey={(i) => i.id}
          columns={[
            {
              key: "name",
              header: "Name",
              cell: (i) => (
                <>
                  <Link href={`/integrations/${i.id}`} className="font-medium text-brand-700 hover:underline">
                    {i.name}
                  </Link>
                  {i.description && <p className="text-xs text-slate-500">{i.description}</p>}
                </>
              ),
            },
            {
              key: "labels",
              header: "Labels",
              cell: (i) => (
                <div className="flex flex-wrap gap-1">
                  {i.labels.map((l) => (
                    <span key={l} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">
                      {l}
                    </span>
                  ))}
                </div>
              ),
            },
            {
              key: "version",
              header: "Latest version",
              cell: (i) => (i.latestVersion === null ? <span className="text-slate-400">unpublished</span> : `v${i.latestVersion}`),
            },
            { key: "instances", header: "Instances", cell: (i) => i.instanceCount },
            {
              key: "actions",
              header: "",
              align: "right",
              className: "whitespace-nowrap",
              cell: (i) => (
                <>
                  <Button
                    variant="ghost"
                    aria-label={`Fork ${i.name}`}
                    onClick={() => setDialog({ kind: "fork", id: i.id, name: i.name, description: i.description })}
                  >
                    Fork
                  </Button>
                  <Button
                    variant="ghost"
                    aria-label={`Delete ${i.name}`}
                    className="text-red-700"
                    onClick={() => setDialog({ kind: "delete", id: i.id, name: i.name, description: i.description })}
                  >
                    Delete
                  </Button>
                </>
              ),
            },
          ]}
        />
      )}
      {dialog?.kind === "create" && <CreateDialog onClose={() => setDialog(null)} />}
      {dialog?.kind === "fork" && <ForkDialog integration={dialog} onClose={() => setDialog(null)} />}
      {dialog?.kind === "delete" && <DeleteDialog integration={dialog} onClose={() => setDialog(null)} />}
    </>
  );
}
