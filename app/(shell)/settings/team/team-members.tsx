"use client";
/** The organization's users: role, status, deactivate or reactivate, remove (asked twice). */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { TeamRole } from "@/db/schema";
import { Table } from "@/app/_ui/table";
import { useTRPC } from "@/app/_ui/trpc";
import { Button, Card } from "@/app/_ui/ui";
import { RoleSelect } from "./role-select";

export function TeamMembers({ currentUserId }: { currentUserId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const members = useQuery(trpc.users.list.queryOptions({ team: true }));
  const onSuccess = () => {
    setConfirming(null);
    return queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() });
  };
  const update = useMutation(trpc.users.update.mutationOptions({ onSuccess }));
  const deactivate = useMutation(trpc.users.deactivate.mutationOptions({ onSuccess }));
  const reactivate = useMutation(trpc.users.reactivate.mutationOptions({ onSuccess }));
  const remove = useMutation(trpc.users.remove.mutationOptions({ onSuccess }));
  const [confirming, setConfirming] = useState<string | null>(null);
  const error = update.error ?? deactivate.error ?? reactivate.error ?? remove.error;
  const busy = update.isPending || deactivate.isPending || reactivate.isPending || remove.isPending;
  const reset = () => [update, deactivate, reactivate, remove].forEach((m) => m.reset());

  return (
    <Card title="Team members">
      {error && (
        <p role="alert" className="mb-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {error.message}
        </p>
      )}
      <Table
        label="Team members"
        rows={members.data}
        rowKey={(u) => u.id}
        empty="No team members yet."
        rowClassName={(u) => (u.deactivatedAt ? "text-slate-400" : "")}
        columns={[
          {
            key: "name",
            header: "Name",
            cell: (u) => (
              <>
                <span className="font-medium text-slate-800">{u.name}</span>
                {u.id === currentUserId && <span className="ml-2 text-xs text-slate-500">(you)</span>}
                <span className="block text-xs text-slate-500">{u.email}</span>
              </>
            ),
          },
          {
            key: "role",
            header: "Role",
            cell: (u) => (
              <RoleSelect
                label={`Role of ${u.email}`}
                value={u.role as TeamRole}
                disabled={busy || !!u.deactivatedAt}
                onChange={(role) => {
                  reset();
                  update.mutate({ id: u.id, role });
                }}
              />
            ),
          },
          {
            key: "status",
            header: "Status",
            cell: (u) =>
              u.deactivatedAt ? (
                <span className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-600">deactivated</span>
              ) : (
                <span className="rounded bg-emerald-50 px-2 py-0.5 text-xs text-emerald-700">active</span>
              ),
          },
          {
            key: "actions",
            header: "",
            align: "right",
            cell: (u) =>
              u.id !== currentUserId && (
                <div className="flex justify-end gap-2">
                  {u.deactivatedAt ? (
                    <Button variant="secondary" disabled={busy} onClick={() => (reset(), reactivate.mutate({ id: u.id }))}>
                      Reactivate
                    </Button>
                  ) : (
                    <Button
                      variant="secondary"
                      disabled={busy}
                      aria-label={`Deactivate ${u.email}`}
                      title="Signs them out everywhere and revokes their API tokens"
                      onClick={() => (reset(), deactivate.mutate({ id: u.id }))}
                    >
                      Deactivate
                    </Button>
                  )}
                  {confirming === u.id ? (
                    <>
                      <Button variant="danger" disabled={busy} onClick={() => remove.mutate({ id: u.id })}>
                        Remove {u.name}
                      </Button>
                      <Button variant="ghost" onClick={() => setConfirming(null)}>
                        Keep
                      </Button>
                    </>
                  ) : (
                    <Button
                      variant="danger"
                      disabled={busy}
                      aria-label={`Remove ${u.email}`}
                      onClick={() => (reset(), setConfirming(u.id))}
                    >
                      Remove
                    </Button>
                  )}
                </div>
              ),
          },
        ]}
      />
    </Card>
  );
}
