import { PageHeader } from "@/app/_ui/ui";
import { ApiTokens } from "./api-tokens";

export default function SettingsPage() {
  return (
    <>
      <PageHeader title="Settings" subtitle="Your account and access for the CLI and the HTTP API." />
      <ApiTokens />
    </>
  );
}
