import { requirePrincipal } from "@/app/_server/auth/current-principal";
import { EmptyState, PageHeader } from "@/app/_ui/ui";
import { SettingsTabs } from "../settings-tabs";
import { AuditLog } from "./audit-log";

export default async function AuditSettingsPage() {
  const principal = await requirePrincipal();
  if (principal.role !== "admin") {
    return (
      <>
        <PageHeader title="Settings" />
        <EmptyState title="The audit log is read by administrators." />
      </>
    );
  }
  return (
    <>
      <PageHeader
        title="Settings"
        subtitle="Audit log: who changed what and when — the team, tokens and keys, settings, publishes, deploys and deletions."
      />
      <SettingsTabs />
      <AuditLog />
    </>
  );
}
