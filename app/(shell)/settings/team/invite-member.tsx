"use client";
/** Invite by e-mail: the link is shown to copy (and mailed when SMTP is configured). */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import type { TeamRole } from "@/db/schema";
import { ROLE_HINTS } from "@/app/_server/services/users/role-labels";
import { useTRPC } from "@/app/_ui/trpc";
import { Button, Card, Field, TextInput } from "@/app/_ui/ui";
import { RoleSelect } from "./role-select";

export function InviteMember() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const invite = useMutation(
    trpc.users.invite.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.users.invitations.queryKey() }),
    }),
  );
  const [role, setRole] = useState<TeamRole>("builder");
  const [copied, setCopied] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const email = String(new FormData(form).get("email"));
    setCopied(false);
    const result = await invite.mutateAsync({ email, role }).catch(() => null);
    if (result) form.reset();
  }

  const invited = invite.data;
  return (
    <Card title="Invite a team member">
      <form onSubmit={onSubmit} aria-label="Invite a team member" className="flex flex-wrap items-start gap-3">
        <div className="w-72">
          <Field label="E-mail address" htmlFor="invite-email" error={invite.error?.message}>
            <TextInput id="invite-email" name="email" type="email" placeholder="name@example.com" required />
          </Field>
        </div>
        <div className="w-64">
          <Field label="Role" htmlFor="invite-role" hint={ROLE_HINTS[role]}>
            <RoleSelect id="invite-role" value={role} onChange={setRole} />
          </Field>
        </div>
        <Button type="submit" className="mt-6" disabled={invite.isPending}>
          {invite.isPending ? "Inviting…" : "Invite"}
        </Button>
      </form>

      {invited && (
        <div role="status" className="mt-4 rounded-md bg-emerald-50 p-3 text-sm ring-1 ring-emerald-200">
          <p className="font-medium text-emerald-900">
            {invited.delivery.sent
              ? `Invitation e-mailed to ${invited.email}. You can also pass the link on yourself:`
              : `${invited.email} is invited. Send them this link: it works once, for 7 days.`}
          </p>
          {!invited.delivery.sent && <p className="mt-1 text-xs text-emerald-800">{invited.delivery.reason}.</p>}
          <div className="mt-2 flex items-center gap-2">
            <code
              data-testid="invitation-link"
              className="flex-1 truncate rounded bg-white px-2 py-1 font-mono text-xs ring-1 ring-emerald-200"
            >
              {invited.url}
            </code>
            <Button
              variant="secondary"
              onClick={async () => {
                await navigator.clipboard?.writeText(invited.url).catch(() => {});
                setCopied(true);
              }}
            >
              {copied ? "Copied" : "Copy link"}
            </Button>
          </div>
        </div>
      )}
    </Card>
  );
}
