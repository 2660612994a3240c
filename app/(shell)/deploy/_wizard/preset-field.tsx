"use client";
import type { ConfigVar } from "@/runtime/definition/schema";
import { ConfigField } from "@/app/_ui/config-fields/config-field";

/** a preset as marketplace.published and instances.get give it (a credential's value never comes) */
export interface WizardPreset {
  mode: "hidden" | "readonly";
  value?: unknown;
}

/** A variable the organization set for this customer: shown with its value, locked ("set by your provider"). */
export function PresetField({ v, preset }: { v: ConfigVar; preset: WizardPreset }) {
  return (
    // disabled: every control inside is; a credential's "Replace" is left out altogether
    <fieldset
      disabled
      data-preset={v.key}
      className={`relative [&_:disabled]:cursor-not-allowed [&_:disabled]:bg-slate-50 [&_:disabled]:text-slate-600 ${v.type === "credential" ? "[&_button]:hidden" : ""}`}
    >
      <span className="absolute top-0 right-0 rounded bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-600 ring-1 ring-slate-200">
        set by your provider
      </span>
      <ConfigField v={v} value={preset.value} onChange={() => {}} credentialSet={v.type === "credential"} />
    </fieldset>
  );
}

/** For an organization user deploying for a customer: what the badge says about the preset it may override. */
export function PresetNote({ preset }: { preset: WizardPreset }) {
  return (
    <span className="absolute top-0 right-0 rounded bg-sky-50 px-2 py-0.5 text-xs font-medium text-sky-800 ring-1 ring-sky-200">
      preset for this customer · {preset.mode === "hidden" ? "hidden from it" : "read-only for it"}
    </span>
  );
}
