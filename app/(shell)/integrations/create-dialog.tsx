"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Modal } from "../../_ui/designer/modal";
import { useTRPC } from "../../_ui/trpc";
import { Button, Field, TextInput } from "../../_ui/ui";

/** + Integration: a name (and a description), then straight into the designer. */
export function CreateDialog({ onClose }: { onClose(): void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const create = useMutation(trpc.integrations.create.mutationOptions());
  return (
    <Modal title="New integration" onClose={onClose}>
      <form
        className="space-y-3"
        onSubmit={async (e) => {
          e.preventDefault();
          const created = await create.mutateAsync({ name, description: description || undefined });
          router.push(`/integrations/${created.id}`);
        }}
      >
        <Field label="Name" htmlFor="new-name" error={create.error?.message}>
          <TextInput id="new-name" autoFocus required value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field label="Description" htmlFor="new-description">
          <TextInput id="new-description" value={description} onChange={(e) => setDescription(e.target.value)} />
        </Field>
        <div className="flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={create.isPending}>
            Create
          </Button>
        </div>
      </form>
    </Modal>
  );
}
