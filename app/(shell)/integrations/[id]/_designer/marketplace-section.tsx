"use client";
/**
 * The integration in the marketplace: who may activate it (all customers, chosen ones, nobody),
 * its icon, and its categories (the definition's labels, published with the next version).
 * Instances already deployed keep running whatever is chosen here.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type ChangeEvent } from "react";
import type { MarketplaceVisibility } from "@/db/schema/marketplace";
import type { MarketplaceSettings } from "@/app/_server/services/marketplace/get-marketplace-settings";
import { ICON_TYPES, iconProblem } from "@/app/_server/services/marketplace/icon";
import { IntegrationIcon } from "@/app/_ui/integration-icon";
import { useTRPC } from "@/app/_ui/trpc";
import { Button, TextInput } from "@/app/_ui/ui";
import { useDesigner } from "./designer-context";

const VISIBILITIES: [MarketplaceVisibility, string, string][] = [
  ["all", "All customers", "Every customer sees it in the marketplace and may activate it."],
  ["customers", "Chosen customers", "Only the customers ticked below."],
  ["hidden", "Hidden", "No customer sees it; your team can still deploy it for any customer."],
];

export function MarketplaceSection() {
  const d = useDesigner();
  const trpc = useTRPC();
  const saved = useQuery(trpc.integrations.marketplace.queryOptions({ id: d.integrationId }));
  if (!saved.data) {
    return (
      <section aria-label="Marketplace">
        <h2 className="text-sm font-semibold text-slate-900">Marketplace</h2>
        <p className="text-sm text-slate-500">{saved.error?.message ?? "Loading…"}</p>
      </section>
    );
  }
  return <MarketplaceForm saved={saved.data} />;
}

function MarketplaceForm({ saved }: { saved: MarketplaceSettings }) {
  const d = useDesigner();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const customers = useQuery(trpc.customers.list.queryOptions());
  const save = useMutation(
    trpc.integrations.setMarketplace.mutationOptions({
      onSuccess: (settings) => {
        queryClient.setQueryData(trpc.integrations.marketplace.queryKey({ id: d.integrationId }), settings);
        void queryClient.invalidateQueries({ queryKey: trpc.marketplace.list.queryKey() });
      },
    }),
  );
  const [visibility, setVisibility] = useState<MarketplaceVisibility>(saved.visibility);
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(saved.customerIds));
  const [icon, setIcon] = useState<string | null>(saved.icon);
  const [iconError, setIconError] = useState<string | null>(null);
  const [filter, setFilter] = useState("");
  const [done, setDone] = useState(false);

  const onFile = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = "";
    if (!file) return;
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      // the server's own rule (type, first bytes, 64 KB), so a refusal comes before the upload
      const problem = iconProblem(url);
      setIconError(problem);
      if (!problem) setIcon(url);
    };
    reader.readAsDataURL(file);
  };

  const onSave = async () => {
    setDone(false);
    await save.mutateAsync({ id: d.integrationId, visibility, customerIds: [...chosen], icon }).then(
      () => setDone(true),
      () => {},
    );
  };

  const shown = customers.data?.filter((c) => c.name.toLowerCase().includes(filter.trim().toLowerCase())) ?? [];
  return (
    <section aria-label="Marketplace" className="space-y-3">
      <h2 className="text-sm font-semibold text-slate-900">Marketplace</h2>
      <fieldset className="space-y-1.5">
        <legend className="mb-1 text-xs text-slate-600">Who may activate it</legend>
        {VISIBILITIES.map(([value, label, hint]) => (
          <label key={value} className="flex items-start gap-2 text-sm">
            <input
              type="radio"
              name="marketplace-visibility"
              value={value}
              checked={visibility === value}
              onChange={() => setVisibility(value)}
              className="mt-0.5"
            />
            <span>
              <span className="font-medium text-slate-800">{label}</span>
              <span className="block text-xs text-slate-500">{hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {visibility === "customers" && (
        <div className="space-y-1.5 rounded-md bg-slate-50 p-2 ring-1 ring-slate-200">
          <TextInput
            aria-label="Filter customers"
            placeholder="Filter customers"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
          <ul aria-label="Customers" className="max-h-40 space-y-1 overflow-y-auto text-sm">
            {shown.map((c) => (
              <li key={c.id}>
                <label className="flex items-center gap-2">
                  <input
                    type="checkbox"
                    checked={chosen.has(c.id)}
                    onChange={(e) =>
                      setChosen((prev) => {
                        const next = new Set(prev);
                        if (e.target.checked) next.add(c.id);
                        else next.delete(c.id);
                        return next;
                      })
                    }
                  />
                  {c.name}
                </label>
              </li>
            ))}
            {customers.data?.length === 0 && <li className="text-xs text-slate-500">No customers yet.</li>}
          </ul>
          <p className="text-xs text-slate-500">{chosen.size} chosen</p>
        </div>
      )}
      <div className="space-y-1.5">
        <p className="text-xs text-slate-600">Icon</p>
        <div className="flex items-center gap-3">
          <IntegrationIcon icon={icon} name={d.draft.name} />
          <label className="cursor-pointer rounded-md bg-white px-3 py-1.5 text-sm font-medium text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50">
            Upload…
            <input type="file" accept={ICON_TYPES.join(",")} aria-label="Upload icon" className="sr-only" onChange={onFile} />
          </label>
          {icon && (
            <Button variant="ghost" onClick={() => setIcon(null)}>
              Remove
            </Button>
          )}
        </div>
        <p className="text-xs text-slate-500">PNG, JPEG, SVG or WebP, at most 64 KB.</p>
        {iconError && (
          <p role="alert" className="text-xs text-red-600">
            {iconError}
          </p>
        )}
      </div>
      <Categories />
      <div className="flex items-center gap-3">
        <Button variant="secondary" onClick={onSave} disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save marketplace settings"}
        </Button>
        {done && !save.isPending && (
          <span role="status" className="text-sm text-emerald-700">
            Saved.
          </span>
        )}
      </div>
      {save.error && (
        <p role="alert" className="text-sm text-red-700">
          {save.error.message}
        </p>
      )}
    </section>
  );
}

/** The labels of the draft: categories in the marketplace once a version with them is published. */
function Categories() {
  const d = useDesigner();
  const [text, setText] = useState("");
  const labels = d.draft.labels ?? [];
  const add = () => {
    const label = text.trim();
    setText("");
    if (label && !labels.includes(label)) d.edit((x) => void (x.labels = [...labels, label]), "labels");
  };
  return (
    <div className="space-y-1.5">
      <p className="text-xs text-slate-600">Categories</p>
      <ul aria-label="Categories" className="flex flex-wrap gap-1">
        {labels.map((l) => (
          <li key={l} className="flex items-center gap-1 rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-700">
            {l}
            <button
              type="button"
              aria-label={`Remove category ${l}`}
              className="text-slate-400 hover:text-slate-700"
              onClick={() => d.edit((x) => void (x.labels = labels.filter((y) => y !== l)), "labels")}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <form
        className="flex gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        <TextInput aria-label="New category" placeholder="Add a category" value={text} onChange={(e) => setText(e.target.value)} />
        <Button type="submit" variant="secondary">
          Add
        </Button>
      </form>
      <p className="text-xs text-slate-500">Saved with the draft; customers see them from the next published version.</p>
    </div>
  );
}
