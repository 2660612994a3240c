"use client";
/** Whether a JWT may create its customer, and how long an embedded session lasts. */
import { useState } from "react";
import { Button, Card, Field, TextInput } from "@/app/_ui/ui";
import { useEmbeddingSettings } from "./use-embedding-settings";

export function SessionSettings() {
  const { settings, update } = useEmbeddingSettings();
  const [minutes, setMinutes] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  if (!settings.data) return null;
  const shown = minutes ?? String(settings.data.sessionMinutes);

  return (
    <Card title="Sign-in">
      <div className="space-y-5">
        <label className="flex items-start gap-3 text-sm">
          <input
            type="checkbox"
            className="mt-0.5"
            checked={settings.data.autoCreateCustomers}
            disabled={update.isPending}
            onChange={(e) => update.mutate({ autoCreateCustomers: e.target.checked })}
          />
          <span>
            <span className="font-medium text-slate-800">Create customers on first sign-in</span>
            <span className="block text-slate-500">
              A JWT naming a customer external id Junction does not know creates that customer (named by its{" "}
              <code className="rounded bg-slate-100 px-1">customer_name</code> claim). Off: the token is refused as an unknown customer.
            </span>
          </span>
        </label>
        <form
          className="flex items-start gap-2"
          onSubmit={async (e) => {
            e.preventDefault();
            setSaved(false);
            const next = await update.mutateAsync({ sessionMinutes: Number(shown) }).catch(() => null);
            if (next) {
              setMinutes(null);
              setSaved(true);
            }
          }}
        >
          <div className="w-56">
            <Field label="Session length (minutes)" htmlFor="session-minutes" hint="5 minutes to 24 hours (1440).">
              <TextInput
                id="session-minutes"
                type="number"
                min={5}
                max={1440}
                value={shown}
                onChange={(e) => {
                  setMinutes(e.target.value);
                  setSaved(false);
                }}
              />
            </Field>
          </div>
          <Button type="submit" variant="secondary" className="mt-6" disabled={update.isPending}>
            Save
          </Button>
          {saved && (
            <span role="status" className="mt-7 text-sm text-emerald-700">
              Saved.
            </span>
          )}
        </form>
        {update.error && (
          <p role="alert" className="text-sm text-red-600">
            {update.error.message}
          </p>
        )}
      </div>
    </Card>
  );
}
