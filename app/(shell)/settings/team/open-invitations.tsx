"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ROLE_LABELS } from "@/app/_server/services/users/role-labels";
import { Table } from "@/app/_ui/table";
import { useTRPC } from "@/app/_ui/trpc";
import { Button, Card } from "@/app/_ui/ui";

const fmt = (d: Date | string) => new Date(d).toLocaleString();

/** Invitations not yet accepted; revoking one makes its link stop working. */
export function OpenInvitations() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const invitations = useQuery(trpc.users.invitations.queryOptions());
  const revoke = useMutation(
    trpc.users.revokeInvitation.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.users.invitations.queryKey() }),
    }),
  );
  return (
    <Card title="Open invitations">
      <Table
        label="Open invitations"
        rows={invitations.data}
        rowKey={(i) => i.id}
        empty="No invitations waiting to be accepted."
        columns={[
          { key: "email", header: "E-mail", cell: (i) => i.email, className: "font-medium" },
          { key: "role", header: "Role", cell: (i) => ROLE_LABELS[i.role] },
          { key: "by", header: "Invited by", cell: (i) => i.invitedBy ?? "—", className: "text-slate-600" },
          { key: "expires", header: "Link works until", cell: (i) => fmt(i.expiresAt), className: "text-slate-600" },
          {
            key: "revoke",
            header: "",
            align: "right",
            cell: (i) => (
              <Button variant="danger" onClick={() => revoke.mutate({ id: i.id })} aria-label={`Revoke the invitation of ${i.email}`}>
                Revoke
              </Button>
            ),
          },
        ]}
      />
      {revoke.error && (
        <p role="alert" className="mt-2 text-sm text-red-600">
          {revoke.error.message}
        </p>
      )}
    </Card>
  );
}
