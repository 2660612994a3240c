"use client";
import { useState, type FormEvent } from "react";
import { Button, Field, TextInput } from "@/app/_ui/ui";

export interface CustomerFields {
  name: string;
  externalId: string;
  description: string;
}

/** Create and edit share one form; the server's message (e.g. a duplicate name) shows below it. */
export function CustomerForm({
  initial,
  submitLabel,
  error,
  pending,
  onSubmit,
  onCancel,
}: {
  initial?: CustomerFields;
  submitLabel: string;
  error?: string | null;
  pending?: boolean;
  onSubmit: (fields: CustomerFields) => Promise<unknown>;
  onCancel?: () => void;
}) {
  const [fields, setFields] = useState<CustomerFields>(initial ?? { name: "", externalId: "", description: "" });
  const prefix = initial ? "edit-customer" : "new-customer";
  async function submit(e: FormEvent) {
    e.preventDefault();
    await onSubmit(fields).then(
      () => !initial && setFields({ name: "", externalId: "", description: "" }),
      () => {},
    );
  }
  return (
    <form onSubmit={submit} className="grid items-end gap-3 sm:grid-cols-[1fr_1fr_2fr_auto]">
      <Field label="Name" htmlFor={`${prefix}-name`}>
        <TextInput id={`${prefix}-name`} required value={fields.name} onChange={(e) => setFields({ ...fields, name: e.target.value })} />
      </Field>
      <Field label="External id" htmlFor={`${prefix}-external`}>
        <TextInput
          id={`${prefix}-external`}
          value={fields.externalId}
          onChange={(e) => setFields({ ...fields, externalId: e.target.value })}
        />
      </Field>
      <Field label="Description" htmlFor={`${prefix}-description`}>
        <TextInput
          id={`${prefix}-description`}
          value={fields.description}
          onChange={(e) => setFields({ ...fields, description: e.target.value })}
        />
      </Field>
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {submitLabel}
        </Button>
        {onCancel && (
          <Button type="button" variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        )}
      </div>
      {error && (
        <p role="alert" className="text-sm text-red-600 sm:col-span-4">
          {error}
        </p>
      )}
    </form>
  );
}
