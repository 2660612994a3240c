import { requirePrincipal } from "@/app/_server/auth/current-principal";
import { EmptyState, PageHeader } from "@/app/_ui/ui";
import { SettingsTabs } from "../settings-tabs";
import { RegistrySettings } from "./registry-settings";

export default async function RegistrySettingsPage() {
  const principal = await requirePrincipal();
  if (principal.role !== "admin") {
    return (
      <>
        <PageHeader title="Settings" />
        <EmptyState title="The component registry is managed by administrators." />
      </>
    );
  }
  return (
    <>
      <PageHeader title="Settings" subtitle="Component registry: the npm registry components are searched and installed from by name." />
      <SettingsTabs />
      <RegistrySettings />
    </>
  );
}
