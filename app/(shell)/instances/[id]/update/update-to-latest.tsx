"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { configVarsOf } from "@/runtime/config/config-values";
import { useTRPC } from "@/app/_ui/trpc";
import { Button, Card, PageHeader } from "@/app/_ui/ui";
import { ConfigWizard } from "@/app/(shell)/deploy/_wizard/config-wizard";
import { startFromInstance } from "../current-config";
import { YamlDiff } from "./yaml-diff";

/** First the difference of the two versions, then the wizard on the new one with the values carried over. */
export function UpdateToLatest({ id }: { id: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [configuring, setConfiguring] = useState(false);
  const instance = useQuery(trpc.instances.get.queryOptions({ id }));
  const integrationId = instance.data?.integration.id ?? "";
  const latest = useQuery({ ...trpc.marketplace.published.queryOptions({ id: integrationId }), enabled: !!integrationId });
  const pinned = useQuery({
    ...trpc.marketplace.published.queryOptions({ id: integrationId, version: instance.data?.version }),
    enabled: !!integrationId,
  });
  const update = useMutation(trpc.instances.update.mutationOptions());

  const error = instance.error ?? latest.error ?? pinned.error;
  if (!instance.data || !latest.data || !pinned.data) return <p className="text-sm text-slate-500">{error?.message ?? "Loading…"}</p>;
  const from = instance.data.version;
  const to = latest.data.version;
  const header = (
    <PageHeader title={`Update ${instance.data.name}`} subtitle={`${instance.data.integration.name}: version ${from} → ${to}`} />
  );
  if (to <= from) {
    return (
      <>
        {header}
        <Card>
          <p className="text-sm text-slate-600">This instance already runs the latest version ({from}).</p>
        </Card>
      </>
    );
  }
  const pages = latest.data.definition.configPages ?? [];
  const oldKeys = new Set(configVarsOf(pinned.data.definition.configPages).map((v) => v.key));
  const newKeys = new Set(
    configVarsOf(pages)
      .filter((v) => !oldKeys.has(v.key))
      .map((v) => v.key),
  );
  const start = startFromInstance(pages, instance.data.config);

  if (!configuring) {
    return (
      <>
        {header}
        <Card title={`What changes from version ${from} to ${to}`}>
          {latest.data.note && <p className="mb-3 text-sm text-slate-600">Publish note: {latest.data.note}</p>}
          <YamlDiff before={pinned.data.yaml} after={latest.data.yaml} />
          <div className="mt-4 flex justify-end gap-2">
            <Button variant="secondary" onClick={() => router.push(`/instances/${id}`)}>
              Cancel
            </Button>
            <Button onClick={() => setConfiguring(true)}>Continue to configuration</Button>
          </div>
        </Card>
      </>
    );
  }
  return (
    <>
      {header}
      <ConfigWizard
        pages={pages}
        initial={start.initial}
        credentialsSet={start.credentialsSet}
        presets={latest.data.presets}
        presetsLocked={latest.data.presetsLocked}
        connectionTarget={instance.data ? { integrationId, customerId: instance.data.customer.id } : undefined}
        newKeys={newKeys}
        submitLabel={`Update to version ${to}`}
        onBack={() => setConfiguring(false)}
        onSubmit={async (configValues) => {
          await update.mutateAsync({ id, version: to, configValues });
          await queryClient.invalidateQueries({ queryKey: trpc.instances.get.queryKey({ id }) });
          router.push(`/instances/${id}`);
        }}
      />
    </>
  );
}
