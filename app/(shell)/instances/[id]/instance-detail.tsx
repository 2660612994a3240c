"use client";
import { EnabledSwitch } from "@/app/_ui/enabled-switch";
import { ConnectionAlerts } from "./connection-alerts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTRPC } from "@/app/_ui/trpc";
import { Button, Card, PageHeader } from "@/app/_ui/ui";
import { WebhookUrls } from "@/app/(shell)/deploy/_wizard/webhook-urls";
import { StatusBadge } from "../status-badge";
import { InstanceRuns } from "./instance-runs";
import { PersistedData } from "./persisted-data";
import { RateLimits } from "./rate-limits";
import { TestFlow } from "./test-flow";

const linkButton = "rounded-md px-3 py-1.5 text-sm font-medium ring-1 ring-slate-300 bg-white text-slate-800 hover:bg-slate-50";

export function InstanceDetail({ id }: { id: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const instance = useQuery(trpc.instances.get.queryOptions({ id }));
  const latest = useQuery({
    ...trpc.marketplace.published.queryOptions({ id: instance.data?.integration.id ?? "" }),
    enabled: !!instance.data,
  });
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.instances.get.queryKey({ id }) });
  const update = useMutation(trpc.instances.update.mutationOptions({ onSuccess: invalidate }));
  const remove = useMutation(trpc.instances.delete.mutationOptions({ onSuccess: () => router.push("/instances") }));

  if (!instance.data) return <p className="text-sm text-slate-500">{instance.error?.message ?? "Loading…"}</p>;
  const i = instance.data;
  const newer = latest.data && latest.data.version > i.version ? latest.data.version : null;

  return (
    <div className="space-y-6">
      <PageHeader
        title={i.name}
        subtitle={i.name === `${i.integration.name} for ${i.customer.name}` ? undefined : `${i.integration.name} for ${i.customer.name}`}
        actions={
          <>
            <Link className={linkButton} href={`/instances/${id}/configure`}>
              Reconfigure
            </Link>
            {newer && (
              <Link
                className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700"
                href={`/instances/${id}/update`}
              >
                Update to latest version ({newer})
              </Link>
            )}
            <Button
              variant="danger"
              disabled={remove.isPending}
              onClick={() => window.confirm(`Delete the instance “${i.name}” with its runs and persisted data?`) && remove.mutate({ id })}
            >
              Delete
            </Button>
          </>
        }
      />
      {(update.error || remove.error) && (
        <p role="alert" className="text-sm text-red-600">
          {(update.error ?? remove.error)?.message}
        </p>
      )}
      <ConnectionAlerts instanceId={id} connections={i.connections} canReconnect />
      <Card title="Instance">
        <dl className="grid grid-cols-2 gap-x-6 gap-y-3 text-sm sm:grid-cols-4">
          <div>
            <dt className="text-xs text-slate-500">Status</dt>
            <dd className="mt-1 flex items-center gap-2">
              <StatusBadge status={i.enabled ? "enabled" : "disabled"} />
              <EnabledSwitch enabled={i.enabled} disabled={update.isPending} onToggle={() => update.mutate({ id, enabled: !i.enabled })} />
            </dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">Customer</dt>
            <dd className="mt-1">{i.customer.name}</dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">Integration</dt>
            <dd className="mt-1">{i.integration.name}</dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">Pinned version</dt>
            <dd className="mt-1" data-testid="pinned-version">
              {i.version}
            </dd>
          </div>
        </dl>
      </Card>
      <Card title="Webhook URLs">
        <WebhookUrls flows={i.flows} />
      </Card>
      <TestFlow flows={i.flows} onRan={() => queryClient.invalidateQueries({ queryKey: trpc.executions.list.queryKey() })} />
      <Card title="Configuration">
        <pre data-testid="instance-config" className="overflow-x-auto text-xs text-slate-700">
          {JSON.stringify(i.config, null, 2)}
        </pre>
      </Card>
      <RateLimits id={id} definition={i.definition} />
      <InstanceRuns id={id} />
      <PersistedData id={id} />
    </div>
  );
}
