import Link from "next/link";
import { ROLE_LABELS } from "@/app/_server/services/users/role-labels";
import { getInvitation } from "@/app/_server/services/users/accept-invitation";
import { servicesContext } from "@/app/_server/trpc";
import { AuthCard } from "@/app/_ui/auth-card";
import { AcceptInvitationForm } from "./accept-invitation-form";

export const dynamic = "force-dynamic";

/** The page an invitation link opens: choose a name and a password, then straight in. */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = await getInvitation(servicesContext().db, token);
  if (!invitation.open) {
    return (
      <AuthCard title="Invitation" subtitle="Joining a team on Junction.">
        <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800">
          {invitation.problem}
        </p>
        <p className="mt-4 text-sm">
          <Link href="/sign-in" className="font-medium text-brand-700 hover:underline">
            Go to sign-in
          </Link>
        </p>
      </AuthCard>
    );
  }
  return (
    <AuthCard
      title="Join your team on Junction"
      subtitle={`${invitation.invitedBy ?? "An administrator"} invited ${invitation.email} as ${ROLE_LABELS[invitation.role].toLowerCase()}.`}
    >
      <AcceptInvitationForm token={token} email={invitation.email} />
    </AuthCard>
  );
}
