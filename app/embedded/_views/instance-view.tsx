"use client";
import { EnabledSwitch } from "@/app/_ui/enabled-switch";
/**
 * One instance for its customer: status (enable/disable), connections needing re-authorization
 * (Reconnect), its flows' webhook URLs, recent runs with their logs, Configure and Remove.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useCallback, useState } from "react";
import { useTRPC } from "@/app/_ui/trpc";
import { Button, Card } from "@/app/_ui/ui";
import { WebhookUrls } from "@/app/(shell)/deploy/_wizard/webhook-urls";
import { ConnectionAlerts } from "@/app/(shell)/instances/[id]/connection-alerts";
import { StatusBadge } from "@/app/(shell)/instances/status-badge";
import { useEmbed, useViewReady } from "../_lib/embed-context";
import { BackLink, Refusal, secondaryClass, ViewHeading } from "./embed-ui";
import { InstanceRuns } from "./instance-runs";

export function InstanceView({ id }: { id: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const params = useSearchParams();
  const queryClient = useQueryClient();
  const { canWrite, post } = useEmbed();
  const instance = useQuery(trpc.instances.get.queryOptions({ id }));
  const refresh = useCallback(
    () => void queryClient.invalidateQueries({ queryKey: trpc.instances.get.queryKey({ id }) }),
    [queryClient, trpc, id],
  );
  const update = useMutation(trpc.instances.update.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(
    trpc.instances.delete.mutationOptions({
      onSuccess: async () => {
        post({ type: "instance-removed", instanceId: id });
        await queryClient.invalidateQueries({ queryKey: trpc.instances.list.queryKey() });
        router.push("/embedded/marketplace");
      },
    }),
  );
  const [confirming, setConfirming] = useState(false);
  useViewReady("instance", !!instance.data || instance.isError);

  if (instance.isError)
    return (
      <>
        <BackLink href="/embedded/marketplace">Integrations</BackLink>
        <Refusal>{instance.error.message}</Refusal>
      </>
    );
  if (!instance.data) return <p className="text-sm text-slate-500">Loading…</p>;
  const i = instance.data;

  return (
    <div className="space-y-5">
      <div>
        <BackLink href="/embedded/marketplace">Integrations</BackLink>
        <ViewHeading
          title={i.name}
          subtitle={i.name.startsWith(i.integration.name) ? `Version ${i.version}` : `${i.integration.name} · version ${i.version}`}
          actions={
            <>
              <Link className={secondaryClass} href={`/embedded/configure?instanceId=${id}`}>
                {canWrite ? "Configure" : "Configuration"}
              </Link>
              {canWrite && !confirming && (
                <Button variant="danger" onClick={() => setConfirming(true)}>
                  Remove
                </Button>
              )}
            </>
          }
        />
      </div>
      {confirming && (
        <div role="alertdialog" aria-label="Remove this integration" className="rounded-md bg-red-50 p-4 text-sm ring-1 ring-red-200">
          <p className="text-red-800">
            Remove <strong>{i.name}</strong>? It stops at once, and its runs and stored data are deleted.
          </p>
          <div className="mt-3 flex gap-2">
            <Button variant="danger" disabled={remove.isPending} onClick={() => remove.mutate({ id })}>
              {remove.isPending ? "Removing…" : "Remove"}
            </Button>
            <Button variant="secondary" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
          </div>
        </div>
      )}
      {(update.error || remove.error) && <Refusal>{(update.error ?? remove.error)?.message}</Refusal>}

      <ConnectionAlerts instanceId={id} connections={i.connections ?? []} canReconnect={canWrite} />

      <Card title="Status">
        <div className="flex items-center gap-3 text-sm">
          <StatusBadge status={i.enabled ? "enabled" : "disabled"} />
          {canWrite ? (
            <EnabledSwitch enabled={i.enabled} disabled={update.isPending} onToggle={() => update.mutate({ id, enabled: !i.enabled })} />
          ) : null}
          <span className="text-slate-500">
            {i.enabled ? "Runs when its webhooks are called or its schedules are due." : "Paused: nothing runs."}
          </span>
        </div>
      </Card>

      {i.flows.length > 0 && (
        <Card title="Webhook URLs">
          <WebhookUrls flows={i.flows} />
        </Card>
      )}

      <InstanceRuns instanceId={id} initiallyOpen={params.get("run")} />
    </div>
  );
}
