"use client";
/** The form the create and fork dialogs share: a name, a description, Cancel and a submit button. */
import { useState } from "react";
import { Button, Field, TextInput } from "@/app/_ui/ui";

export function NameDescriptionForm(props: {
  /** prefixes the inputs' ids */
  id: string;
  labels: { name: string; description: string; submit: string };
  initial?: { name: string; description: string };
  error?: string;
  pending: boolean;
  onSubmit(values: { name: string; description: string }): void;
  onCancel(): void;
}) {
  const [name, setName] = useState(props.initial?.name ?? "");
  const [description, setDescription] = useState(props.initial?.description ?? "");
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit({ name, description });
      }}
    >
      <Field label={props.labels.name} htmlFor={`${props.id}-name`} error={props.error}>
        <TextInput id={`${props.id}-name`} autoFocus required value={name} onChange={(e) => setName(e.target.value)} />
      </Field>
      <Field label={props.labels.description} htmlFor={`${props.id}-description`}>
        <TextInput id={`${props.id}-description`} value={description} onChange={(e) => setDescription(e.target.value)} />
      </Field>
      <div className="flex justify-end gap-2">
        <Button type="button" variant="secondary" onClick={props.onCancel}>
          Cancel
        </Button>
        <Button type="submit" disabled={props.pending}>
          {props.labels.submit}
        </Button>
      </div>
    </form>
  );
}
