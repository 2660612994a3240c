"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Modal } from "../../_ui/designer/modal";
import { useTRPC } from "../../_ui/trpc";
import { Button, Field, TextInput } from "../../_ui/ui";

/** A copy of an integration's draft under a new name and description. */
export function ForkDialog({ integration, onClose }: { integration: { id: string; name: string; description: string }; onClose(): void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState(`${integration.name} (fork)`);
  const [description, setDescription] = useState(integration.description);
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
      <form className="space-y-3" onSubmit={(e) => (e.preventDefault(), fork.mutate({ id: integration.id, name, description }))}>
        <Field label="New name" htmlFor="fork-name" error={fork.error?.message}>
          <TextInput id="fork-name" autoFocus required value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field label="New description" htmlFor="fork-description">
          <TextInput id="fork-description" value={description} onChange={(e) => setDescription(e.target.value)} />
        </Field>
        <div className="flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={fork.isPending}>
            Add
          </Button>
        </div>
      </form>
    </Modal>
  );
}
