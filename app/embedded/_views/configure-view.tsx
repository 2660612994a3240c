"use client";
/**
 * The embedded config wizard: a new instance (`?integrationId=`) or a reconfiguration
 * (`?instanceId=`), with the organization's wizard and config fields — OAuth 2.0 Connect
 * included — and the customer's presets locked. A read-only user sees what would be asked.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import type { ConfigPage } from "@/runtime/definition/schema";
import { initialValues } from "@/app/_ui/config-fields/config-state";
import { useTRPC } from "@/app/_ui/trpc";
import { Card } from "@/app/_ui/ui";
import { ConfigWizard } from "@/app/(shell)/deploy/_wizard/config-wizard";
import { ReviewValues } from "@/app/(shell)/deploy/_wizard/review-values";
import { startFromInstance } from "@/app/(shell)/instances/[id]/current-config";
import { useEmbed, useViewReady } from "../_lib/embed-context";
import { BackLink, PrimaryButton, Refusal, ViewHeading } from "./embed-ui";

export function ConfigureView() {
  const params = useSearchParams();
  const instanceId = params.get("instanceId");
  const integrationId = params.get("integrationId");
  if (instanceId) return <Reconfigure key={instanceId} id={instanceId} />;
  if (integrationId) return <Activate key={integrationId} integrationId={integrationId} />;
  return <Refusal>Open this view with an integration (integrationId) or an instance (instanceId).</Refusal>;
}

function Activate({ integrationId }: { integrationId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { customer, canWrite, post } = useEmbed();
  const published = useQuery(trpc.marketplace.published.queryOptions({ id: integrationId }));
  const create = useMutation(trpc.instances.create.mutationOptions());
  const [secrets, setSecrets] = useState<{ instanceId: string; apiKey?: string; hmacSecret?: string } | null>(null);
  useViewReady("configure", !!published.data || published.isError);

  if (published.isError)
    return (
      <>
        <BackLink href="/embedded/marketplace">Integrations</BackLink>
        <Refusal>{published.error.message}</Refusal>
      </>
    );
  if (!published.data) return <p className="text-sm text-slate-500">Loading…</p>;
  const { definition, version } = published.data;
  const pages = definition.configPages ?? [];
  if (secrets) return <EndpointSecrets {...secrets} onDone={() => router.push(`/embedded/instances/${secrets.instanceId}`)} />;

  return (
    <>
      <BackLink href="/embedded/marketplace">Integrations</BackLink>
      <ViewHeading title={`Activate ${definition.name}`} subtitle={definition.description} />
      {!canWrite ? (
        <ReadOnly pages={pages} values={initialValues(pages)} what="activates integrations" />
      ) : (
        <ConfigWizard
          connectionTarget={{ integrationId, customerId: customer.id }}
          pages={pages}
          presets={published.data.presets}
          presetsLocked={published.data.presetsLocked}
          initial={initialValues(pages)}
          submitLabel="Activate"
          reviewIntro={
            <p className="mb-4 text-sm text-slate-600">
              Activating <strong>{definition.name}</strong> for <strong>{customer.name}</strong>.
            </p>
          }
          onBack={() => router.push("/embedded/marketplace")}
          onSubmit={async (configValues) => {
            const created = await create.mutateAsync({ integrationId, customerId: customer.id, version, configValues });
            const instance = await queryClient.fetchQuery(trpc.instances.get.queryOptions({ id: created.id }));
            await queryClient.invalidateQueries({ queryKey: trpc.instances.list.queryKey() });
            post({ type: "instance-deployed", instanceId: created.id, integrationId, name: instance.name });
            if (created.endpointSecrets) setSecrets({ instanceId: created.id, ...created.endpointSecrets });
            else router.push(`/embedded/instances/${created.id}`);
          }}
        />
      )}
    </>
  );
}

function Reconfigure({ id }: { id: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { customer, canWrite, post } = useEmbed();
  const instance = useQuery(trpc.instances.get.queryOptions({ id }));
  const update = useMutation(trpc.instances.update.mutationOptions());
  useViewReady("configure", !!instance.data || instance.isError);

  if (instance.isError) return <Refusal>{instance.error.message}</Refusal>;
  if (!instance.data) return <p className="text-sm text-slate-500">Loading…</p>;
  const i = instance.data;
  const pages = i.definition.configPages ?? [];
  const start = startFromInstance(pages, i.config);
  return (
    <>
      <BackLink href={`/embedded/instances/${id}`}>{i.name}</BackLink>
      <ViewHeading title={`Configure ${i.integration.name}`} subtitle={`Version ${i.version}`} />
      {!canWrite ? (
        <ReadOnly pages={pages} values={start.initial} kept={start.credentialsSet} what="changes the configuration" />
      ) : (
        <ConfigWizard
          connectionTarget={{ integrationId: i.integration.id, customerId: customer.id }}
          pages={pages}
          initial={start.initial}
          credentialsSet={start.credentialsSet}
          presets={i.presets}
          presetsLocked={i.presetsLocked}
          submitLabel="Save configuration"
          onBack={() => router.push(`/embedded/instances/${id}`)}
          onSubmit={async (configValues) => {
            await update.mutateAsync({ id, configValues });
            await queryClient.invalidateQueries({ queryKey: trpc.instances.get.queryKey({ id }) });
            post({ type: "instance-configured", instanceId: id });
            router.push(`/embedded/instances/${id}`);
          }}
        />
      )}
    </>
  );
}

function ReadOnly({
  pages,
  values,
  kept = new Set(),
  what,
}: {
  pages: ConfigPage[];
  values: Record<string, unknown>;
  kept?: ReadonlySet<string>;
  what: string;
}) {
  return (
    <Card title="Configuration">
      <p role="status" className="mb-4 rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-600 ring-1 ring-slate-200">
        You have read-only access: an admin of your account {what}.
      </p>
      <ReviewValues pages={pages} values={values} kept={kept} />
    </Card>
  );
}

/** Webhook credentials of an instance whose endpoints need them: shown this once. */
function EndpointSecrets({ apiKey, hmacSecret, onDone }: { instanceId: string; apiKey?: string; hmacSecret?: string; onDone: () => void }) {
  return (
    <Card title="Activated">
      <p className="mb-3 text-sm text-slate-600">Its webhooks need these credentials. Copy them now: they are not shown again.</p>
      <dl className="space-y-2 text-sm">
        {apiKey && (
          <div>
            <dt className="text-xs text-slate-500">API key</dt>
            <dd className="font-mono text-xs break-all">{apiKey}</dd>
          </div>
        )}
        {hmacSecret && (
          <div>
            <dt className="text-xs text-slate-500">HMAC secret</dt>
            <dd className="font-mono text-xs break-all">{hmacSecret}</dd>
          </div>
        )}
      </dl>
      <PrimaryButton className="mt-4" onClick={onDone}>
        Open the integration
      </PrimaryButton>
    </Card>
  );
}
