import { requirePrincipal } from "@/app/_server/auth/current-principal";
import { EmptyState, PageHeader } from "@/app/_ui/ui";
import { SettingsTabs } from "../settings-tabs";
import { InviteMember } from "./invite-member";
import { OpenInvitations } from "./open-invitations";
import { TeamMembers } from "./team-members";

export default async function TeamSettingsPage() {
  const principal = await requirePrincipal();
  if (principal.role !== "admin") {
    return (
      <>
        <PageHeader title="Settings" />
        <EmptyState title="The team is managed by administrators." />
      </>
    );
  }
  return (
    <>
      <PageHeader title="Settings" subtitle="Team: the people of your organization who sign in to Junction, and what each may do." />
      <SettingsTabs />
      <div className="space-y-6">
        <InviteMember />
        <TeamMembers currentUserId={principal.userId} />
        <OpenInvitations />
      </div>
    </>
  );
}
