import { requirePrincipal } from "@/app/_server/auth/current-principal";
import { PageHeader } from "@/app/_ui/ui";
import { ApiTokens } from "./api-tokens";
import { SettingsTabs } from "./settings-tabs";

export default async function SettingsPage() {
  const principal = await requirePrincipal();
  return (
    <>
      <PageHeader title="Settings" subtitle="Your account and access for the CLI and the HTTP API." />
      {principal.role === "admin" && <SettingsTabs />}
      <ApiTokens />
    </>
  );
}
