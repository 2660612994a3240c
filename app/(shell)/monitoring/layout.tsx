import type { ReactNode } from "react";
import { requirePrincipal } from "@/app/_server/auth/current-principal";
import { MonitoringTabs } from "@/app/_ui/monitoring/monitoring-tabs";
import { PageHeader } from "@/app/_ui/ui";

export default async function MonitoringLayout({ children }: { children: ReactNode }) {
  await requirePrincipal();
  const tabs = [
    { href: "/monitoring", label: "Overview" },
    { href: "/monitoring/executions", label: "Executions" },
    // customer users get their own customer's alert feed; the monitors are the organization's
    { href: "/monitoring/alerts", label: "Alerts" },
  ];
  return (
    <>
      <PageHeader title="Monitoring" subtitle="Executions, their steps and logs, and alerts." />
      <MonitoringTabs tabs={tabs} />
      {children}
    </>
  );
}
