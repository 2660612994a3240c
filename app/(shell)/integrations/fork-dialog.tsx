"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Modal } from "@/app/_ui/designer/modal";
import { useTRPC } from "@/app/_ui/trpc";
import { NameDescriptionForm } from "./name-description-form";

/** A copy of an integration's draft under a new name and description. */
export function ForkDialog({ integration, onClose }: { integration: { id: string; name: string; description: string }; onClose(): void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const fork = useMutation(
    trpc.integrations.fork.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.integrations.list.queryKey() });
        onClose();
      },
    }),
  );
  return (
    <Modal title={`Fork ${integration.name}`} onClose={onClose}>
      <NameDescriptionForm
        id="fork"
        labels={{ name: "New name", description: "New description", submit: "Add" }}
        initial={{ name: `${integration.name} (fork)`, description: integration.description }}
        error={fork.error?.message}
        pending={fork.isPending}
        onSubmit={(values) => fork.mutate({ id: integration.id, ...values })}
        onCancel={onClose}
      />
    </Modal>
  );
}
