import { requirePrincipal } from "@/app/_server/auth/current-principal";
import { EmptyState, PageHeader } from "@/app/_ui/ui";
import { SettingsTabs } from "../settings-tabs";
import { AllowedOrigins } from "./allowed-origins";
import { SessionSettings } from "./session-settings";
import { SigningKeys } from "./signing-keys";
import { ThemeEditor } from "./theme-editor";

export default async function EmbeddingSettingsPage() {
  const principal = await requirePrincipal();
  if (principal.role !== "admin") {
    return (
      <>
        <PageHeader title="Settings" />
        <EmptyState title="Embedding is managed by administrators." />
      </>
    );
  }
  return (
    <>
      <PageHeader
        title="Settings"
        subtitle="Embedding: your customers sign in through your product with a JWT and use Junction's views inside it."
      />
      <SettingsTabs />
      <div className="space-y-6">
        <SigningKeys />
        <AllowedOrigins />
        <SessionSettings />
        <ThemeEditor />
      </div>
    </>
  );
}
