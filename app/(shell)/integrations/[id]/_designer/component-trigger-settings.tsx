"use client";
/**
 * A component's trigger (`trigger: { type: component }`): the component, one of its triggers, and
 * the trigger's inputs (values and config variables only: no step has run yet). A polling
 * trigger's schedule is edited below by the schedule controls; a webhook-style one takes none.
 */
import type { ComponentTrigger, Input, Trigger } from "@/runtime/definition";
import { useDesigner, type CatalogComponentInfo } from "./designer-context";
import { InputEditor } from "./input-editor";

const box = "rounded-md border-0 px-2 py-1 text-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-brand-500 focus:outline-none";

/** the trigger a fresh "Component trigger" starts with: the first installed, polling hourly */
export function firstComponentTrigger(components: CatalogComponentInfo[]): ComponentTrigger {
  const component = components[0];
  const manifest = component && Object.values(component.triggers)[0];
  const base: ComponentTrigger = { type: "component", component: component?.key ?? "", trigger: manifest?.key ?? "" };
  return manifest?.kind === "polling" ? { ...base, schedule: { every: 5, unit: "minutes" } } : base;
}

export function ComponentTriggerSettings({
  flow,
  trigger,
  onChange,
}: {
  flow: number;
  trigger: ComponentTrigger;
  onChange(t: Trigger, tag?: string): void;
}) {
  const d = useDesigner();
  const withTriggers = d.components.filter((c) => Object.keys(c.triggers).length > 0);
  const componentKey = trigger.component.split("@")[0]!;
  const component = d.components.find((c) => c.key === componentKey);
  const manifest = component?.triggers[trigger.trigger];
  const choose = (componentKey: string, triggerKey: string) => {
    const next = d.components.find((c) => c.key === componentKey)?.triggers[triggerKey];
    const t: ComponentTrigger = { type: "component", component: componentKey, trigger: triggerKey };
    if (next?.kind === "polling") t.schedule = trigger.schedule ?? { every: 5, unit: "minutes" };
    onChange(t);
  };
  const setInput = (key: string, input: Input | undefined) => {
    const inputs = { ...(trigger.inputs ?? {}) };
    if (input === undefined) delete inputs[key];
    else inputs[key] = input;
    onChange({ ...trigger, inputs: Object.keys(inputs).length ? inputs : undefined }, `input:${key}`);
  };
  if (withTriggers.length === 0) return <p className="text-xs text-amber-700">No installed component has a trigger.</p>;
  return (
    <div className="space-y-3" data-testid="component-trigger">
      <div className="grid grid-cols-2 gap-2">
        <label className="space-y-0.5 text-xs text-slate-600">
          Component
          <select
            aria-label="Trigger component"
            className={`${box} block w-full`}
            value={componentKey}
            onChange={(e) =>
              choose(e.target.value, Object.keys(d.components.find((c) => c.key === e.target.value)?.triggers ?? {})[0] ?? "")
            }
          >
            {!component && <option value={componentKey}>{componentKey || "Choose…"}</option>}
            {withTriggers.map((c) => (
              <option key={c.key} value={c.key}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        <label className="space-y-0.5 text-xs text-slate-600">
          Trigger
          <select
            aria-label="Component trigger"
            className={`${box} block w-full`}
            value={trigger.trigger}
            onChange={(e) => choose(componentKey, e.target.value)}
          >
            {!manifest && <option value={trigger.trigger}>{trigger.trigger || "Choose…"}</option>}
            {Object.values(component?.triggers ?? {}).map((t) => (
              <option key={t.key} value={t.key}>
                {t.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {manifest && (
        <p className="text-xs text-slate-500">
          {manifest.kind === "polling"
            ? "Polling: checked on the schedule below; each new item starts a run."
            : "Webhook-style: calls arrive at the flow's webhook URL."}
          {manifest.description && <span> {manifest.description}</span>}
        </p>
      )}
      {manifest && manifest.inputs.length > 0 && (
        <section aria-label="Trigger inputs" className="space-y-4">
          {manifest.inputs.map((i) => (
            <InputEditor
              key={`${flow}:${trigger.trigger}:${i.key}`}
              id={`trigger-input-${i.key}`}
              spec={{ ...i, component: componentKey }}
              value={trigger.inputs?.[i.key]}
              scope={[]}
              onChange={(input) => setInput(i.key, input)}
            />
          ))}
        </section>
      )}
    </div>
  );
}
