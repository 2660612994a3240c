"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useState } from "react";
import { initialValues } from "@/app/_ui/config-fields/config-state";
import { useTRPC } from "@/app/_ui/trpc";
import { Card } from "@/app/_ui/ui";
import { ChooseTarget, type Target } from "./choose-target";
import { ConfigWizard } from "./_wizard/config-wizard";
import { WebhookUrls } from "./_wizard/webhook-urls";

/** Choose → configure (one page per config page) → review → deployed, with the webhook URLs. */
export function DeployFlow() {
  const trpc = useTRPC();
  const params = useSearchParams();
  const [target, setTarget] = useState<Target | null>(null);
  const [deployedId, setDeployedId] = useState<string | null>(null);
  // with the customer, for its presets (the organization's wizard is prefilled with them, a customer's locked to them)
  const published = useQuery({
    ...trpc.marketplace.published.queryOptions({ id: target?.integrationId ?? "", customerId: target?.customerId }),
    enabled: !!target,
  });
  const create = useMutation(trpc.instances.create.mutationOptions());
  const deployed = useQuery({ ...trpc.instances.get.queryOptions({ id: deployedId ?? "" }), enabled: !!deployedId });

  if (deployedId) {
    return (
      <Card title="Deployed">
        <p role="status" className="mb-4 text-sm text-emerald-800">
          {deployed.data ? `“${deployed.data.name}” is deployed (version ${deployed.data.version}) and enabled.` : "Deployed."}{" "}
          <Link className="font-medium text-brand-700 hover:underline" href={`/instances/${deployedId}`}>
            Open the instance
          </Link>
        </p>
        {deployed.data && <WebhookUrls flows={deployed.data.flows} />}
      </Card>
    );
  }
  if (!target) return <ChooseTarget initialIntegrationId={params.get("integration")} onChoose={setTarget} />;
  if (!published.data) return <p className="text-sm text-slate-500">{published.error?.message ?? "Loading…"}</p>;
  const pages = published.data.definition.configPages ?? [];
  return (
    <ConfigWizard
      key={`${target.integrationId}-${target.customerId}-${published.data.version}`}
      pages={pages}
      presets={published.data.presets}
      presetsLocked={published.data.presetsLocked}
      connectionTarget={{ integrationId: target.integrationId, customerId: target.customerId }}
      initial={initialValues(pages)}
      submitLabel="Deploy"
      reviewIntro={
        <p className="mb-4 text-sm text-slate-600">
          Deploying <strong>{published.data.definition.name}</strong> version {published.data.version} to{" "}
          <strong>{target.customerName}</strong>.
        </p>
      }
      onBack={() => setTarget(null)}
      onSubmit={async (configValues) => {
        const result = await create.mutateAsync({
          integrationId: target.integrationId,
          customerId: target.customerId,
          version: published.data.version,
          name: target.name || undefined,
          configValues,
        });
        setDeployedId(result.id);
      }}
    />
  );
}
