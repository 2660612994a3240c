"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Modal } from "@/app/_ui/designer/modal";
import { useTRPC } from "@/app/_ui/trpc";
import { NameDescriptionForm } from "./name-description-form";

/** + Integration: a name (and a description), then straight into the designer. */
export function CreateDialog({ onClose }: { onClose(): void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const create = useMutation(
    trpc.integrations.create.mutationOptions({ onSuccess: (created) => router.push(`/integrations/${created.id}`) }),
  );
  return (
    <Modal title="New integration" onClose={onClose}>
      <NameDescriptionForm
        id="new"
        labels={{ name: "Name", description: "Description", submit: "Create" }}
        error={create.error?.message}
        pending={create.isPending}
        onSubmit={({ name, description }) => create.mutate({ name, description: description || undefined })}
        onCancel={onClose}
      />
    </Modal>
  );
}
