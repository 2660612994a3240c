"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Modal } from "@/app/_ui/designer/modal";
import { useTRPC } from "@/app/_ui/trpc";
import { Button } from "@/app/_ui/ui";

/** Deleting an integration deletes its instances: the confirmation names each of them. */
export function DeleteDialog({ integration, onClose }: { integration: { id: string; name: string }; onClose(): void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const impact = useQuery(trpc.integrations.deletionImpact.queryOptions({ id: integration.id }));
  const remove = useMutation(
    trpc.integrations.delete.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.integrations.list.queryKey() });
        onClose();
      },
    }),
  );
  return (
    <Modal title={`Delete ${integration.name}?`} onClose={onClose}>
      {!impact.data ? (
        <p className="text-sm text-slate-500">Looking for its instances…</p>
      ) : impact.data.length === 0 ? (
        <p className="text-sm text-slate-700">It is not deployed anywhere. Its versions and test runs are deleted with it.</p>
      ) : (
        <>
          <p className="text-sm text-slate-700">These {impact.data.length} instances are deleted with it, and their runs:</p>
          <ul aria-label="Instances to delete" className="mt-2 list-disc pl-5 text-sm text-slate-800">
            {impact.data.map((i) => (
              <li key={i.id}>
                {i.name} <span className="text-slate-500">({i.customer})</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {remove.error && (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {remove.error.message}
        </p>
      )}
      <div className="mt-4 flex justify-end gap-2">
        <Button variant="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button variant="danger" disabled={!impact.data || remove.isPending} onClick={() => remove.mutate({ id: integration.id })}>
          Remove integration
        </Button>
      </div>
    </Modal>
  );
}
