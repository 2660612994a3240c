"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTRPC } from "@/app/_ui/trpc";
import { Button, Card, PageHeader } from "@/app/_ui/ui";
import { ConfigWizard } from "@/app/(shell)/deploy/_wizard/config-wizard";
import { startFromInstance } from "../current-config";
import { UpdateSummary } from "./update-summary";

/** First what the update brings (notes, config fields that change), then the wizard on the new version with the values carried over. */
export function UpdateToLatest({ id }: { id: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [configuring, setConfiguring] = useState(false);
  const instance = useQuery(trpc.instances.get.queryOptions({ id }));
  // everything about the new version comes from the preview: its notes, config changes and pages, never its steps or YAML
  const preview = useQuery(trpc.instances.updatePreview.queryOptions({ id }));
  const update = useMutation(trpc.instances.update.mutationOptions());

  const error = instance.error ?? preview.error;
  if (!instance.data || !preview.data) return <p className="text-sm text-slate-500">{error?.message ?? "Loading…"}</p>;
  const { from, to } = preview.data;
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
  const pages = preview.data.pages;
  const newKeys = new Set(preview.data.configChanges.filter((c) => c.kind === "new").map((c) => c.key));
  const start = startFromInstance(pages, instance.data.config);

  if (!configuring) {
    return (
      <>
        {header}
        <Card title={`What changes from version ${from} to ${to}`}>
          <UpdateSummary preview={preview.data} />
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
        presets={preview.data.presets}
        presetsLocked={preview.data.presetsLocked}
        connectionTarget={{ integrationId: instance.data.integration.id, customerId: instance.data.customer.id }}
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
