"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTRPC } from "@/app/_ui/trpc";
import { PageHeader } from "@/app/_ui/ui";
import { ConfigWizard } from "@/app/(shell)/deploy/_wizard/config-wizard";
import { startFromInstance } from "../current-config";

/** The wizard again, on the pinned version, with the current values (credentials: replace only). */
export function Reconfigure({ id }: { id: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const instance = useQuery(trpc.instances.get.queryOptions({ id }));
  const update = useMutation(trpc.instances.update.mutationOptions());
  if (!instance.data) return <p className="text-sm text-slate-500">{instance.error?.message ?? "Loading…"}</p>;
  const pages = instance.data.definition.configPages ?? [];
  const start = startFromInstance(pages, instance.data.config);
  return (
    <>
      <PageHeader
        title={`Reconfigure ${instance.data.name}`}
        subtitle={`${instance.data.integration.name}, version ${instance.data.version}`}
      />
      <ConfigWizard
        pages={pages}
        initial={start.initial}
        credentialsSet={start.credentialsSet}
        presets={instance.data.presets}
        presetsLocked={instance.data.presetsLocked}
        connectionTarget={{ integrationId: instance.data.integration.id, customerId: instance.data.customer.id }}
        submitLabel="Save configuration"
        onBack={() => router.push(`/instances/${id}`)}
        onSubmit={async (configValues) => {
          await update.mutateAsync({ id, configValues });
          await queryClient.invalidateQueries({ queryKey: trpc.instances.get.queryKey({ id }) });
          router.push(`/instances/${id}`);
        }}
      />
    </>
  );
}
