"use client";
import { useState, type ReactNode } from "react";
import { configVarsOf } from "@/runtime/config/config-values";
import type { ConfigPage, ConfigVar } from "@/runtime/definition/schema";
import { ConfigField } from "@/app/_ui/config-fields/config-field";
import { ConnectionTargetProvider, type ConnectionTarget } from "@/app/_ui/config-fields/connection-target";
import { problemsOf, valuesToSend, type ConfigValues } from "@/app/_ui/config-fields/config-state";
import { Button, Card } from "@/app/_ui/ui";
import { PresetField, PresetNote, type WizardPreset } from "./preset-field";
import { ReviewValues } from "./review-values";
import { StepIndicator } from "./step-indicator";

export interface ServerRefusal {
  message: string;
  data?: { problems?: { path: string; message: string }[] | null } | null;
}

export interface ConfigWizardProps {
  pages: ConfigPage[];
  initial: ConfigValues;
  /** credential keys the instance already has (shown as "set — replace") */
  credentialsSet?: ReadonlySet<string>;
  /** variables new in this version, marked on their pages */
  newKeys?: ReadonlySet<string>;
  submitLabel: string;
  /** shown above the review */
  reviewIntro?: ReactNode;
  onBack?: () => void;
  /** throws the server's refusal; its problems are shown beside their fields */
  onSubmit: (values: ConfigValues) => Promise<void>;
  /** values the organization set for the customer (marketplace.published, instances.get) */
  presets?: Readonly<Record<string, WizardPreset>>;
  /** a customer's user: hidden presets are skipped, read-only ones shown locked and never sent (the server applies them) */
  presetsLocked?: boolean;
  /** whom OAuth 2.0 connections made with Connect are for */
  connectionTarget?: ConnectionTarget;
}

/** One page per config page, then a review; nothing is sent until every page is valid. */
export function ConfigWizard({
  pages: givenPages,
  initial,
  credentialsSet: givenSet = new Set(),
  newKeys,
  submitLabel,
  reviewIntro,
  onBack,
  onSubmit,
  presets = {},
  presetsLocked = false,
  connectionTarget,
}: ConfigWizardProps) {
  const pages = presetsLocked ? withoutHidden(givenPages, presets) : givenPages;
  const presetValues = Object.fromEntries(Object.entries(presets).flatMap(([k, p]) => ("value" in p ? [[k, p.value]] : [])));
  // the organization's own wizard: credential presets count as set (the server fills them unless replaced)
  const credentialsSet = presetsLocked ? givenSet : new Set([...givenSet, ...Object.keys(presets).filter((k) => !(k in presetValues))]);
  const [values, setValues] = useState<ConfigValues>({ ...initial, ...presetValues });
  const [replacing, setReplacing] = useState<Set<string>>(new Set());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [step, setStep] = useState(0);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const allVars = configVarsOf(pages);
  // kept: not checked here and not sent (the server carries them over, or applies the preset)
  const kept = new Set([...credentialsSet, ...(presetsLocked ? Object.keys(presets) : [])].filter((k) => !replacing.has(k)));
  const review = step === pages.length;
  const pageVars = (i: number): ConfigVar[] => configVarsOf(pages.slice(i, i + 1));

  const set = (key: string, value: unknown) => {
    setValues((prev) => ({ ...prev, [key]: value }));
    // an error goes away once the shared schema accepts the new value
    if (errors[key]) {
      const v = allVars.find((x) => x.key === key)!;
      const left = problemsOf([v], { [key]: value }, kept);
      setErrors((prev) => {
        const next = { ...prev };
        if (left[key]) next[key] = left[key];
        else delete next[key];
        return next;
      });
    }
  };

  function next() {
    const problems = problemsOf(pageVars(step), values, kept);
    setErrors(problems);
    if (Object.keys(problems).length === 0) setStep(step + 1);
  }

  async function submit() {
    const problems = problemsOf(allVars, values, kept);
    if (Object.keys(problems).length) return showProblems(problems);
    setSubmitting(true);
    setRefusal(null);
    try {
      await onSubmit(valuesToSend(allVars, values, kept));
    } catch (err) {
      const e = err as ServerRefusal;
      const byKey = Object.fromEntries((e.data?.problems ?? []).map((p) => [p.path, p.message]));
      if (Object.keys(byKey).length) showProblems(byKey);
      setRefusal(e.message);
    } finally {
      setSubmitting(false);
    }
  }

  function showProblems(problems: Record<string, string>) {
    setErrors(problems);
    const first = pages.findIndex((_, i) => pageVars(i).some((v) => problems[v.key]));
    if (first >= 0) setStep(first);
  }

  const page = pages[step];
  return (
    <ConnectionTargetProvider value={connectionTarget ?? null}>
      <div className="space-y-4">
        <StepIndicator steps={[...pages.map((p) => p.name), "Review"]} current={step} onPick={(i) => i < step && setStep(i)} />
        {refusal && (
          <div role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm whitespace-pre-wrap text-red-800 ring-1 ring-red-200">
            {refusal}
          </div>
        )}
        {!review && page && (
          <Card title={page.name}>
            {page.tagline && <p className="-mt-1 mb-4 text-sm text-slate-500">{page.tagline}</p>}
            <div className="space-y-5">
              {page.elements.map((el, i) =>
                "header" in el ? (
                  <h3 key={i} className="border-b border-slate-200 pb-1 text-sm font-semibold text-slate-800 first:mt-0">
                    {el.header}
                  </h3>
                ) : presetsLocked && presets[el.configVar.key] ? (
                  <PresetField key={el.configVar.key} v={el.configVar} preset={presets[el.configVar.key]!} />
                ) : (
                  <div key={el.configVar.key} className="relative">
                    {presets[el.configVar.key] && <PresetNote preset={presets[el.configVar.key]!} />}
                    {newKeys?.has(el.configVar.key) && (
                      <span className="absolute top-0 right-0 rounded bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-800 ring-1 ring-amber-200">
                        new in this version
                      </span>
                    )}
                    <ConfigField
                      v={el.configVar}
                      value={values[el.configVar.key]}
                      onChange={(x) => set(el.configVar.key, x)}
                      error={errors[el.configVar.key]}
                      credentialSet={credentialsSet.has(el.configVar.key)}
                      replacing={replacing.has(el.configVar.key)}
                      onReplace={(r) => {
                        setReplacing((prev) => {
                          const s = new Set(prev);
                          if (r) s.add(el.configVar.key);
                          else s.delete(el.configVar.key);
                          return s;
                        });
                        if (!r) set(el.configVar.key, undefined);
                      }}
                    />
                  </div>
                ),
              )}
            </div>
          </Card>
        )}
        {review && (
          <Card title="Review">
            {reviewIntro}
            <ReviewValues pages={pages} values={values} kept={kept} />
          </Card>
        )}
        <div className="flex justify-between">
          <Button
            variant="secondary"
            type="button"
            disabled={step === 0 && !onBack}
            onClick={() => (step === 0 ? onBack?.() : setStep(step - 1))}
          >
            Back
          </Button>
          {review ? (
            <Button type="button" onClick={submit} disabled={submitting}>
              {submitting ? "Working…" : submitLabel}
            </Button>
          ) : (
            <Button type="button" onClick={next}>
              Next
            </Button>
          )}
        </div>
      </div>
    </ConnectionTargetProvider>
  );
}

/** A customer's wizard never shows what the organization hid (the server leaves it out already; this keeps it so). */
function withoutHidden(pages: ConfigPage[], presets: Readonly<Record<string, WizardPreset>>): ConfigPage[] {
  const hidden = (el: ConfigPage["elements"][number]) => "configVar" in el && presets[el.configVar.key]?.mode === "hidden";
  return pages
    .map((p) => ({ ...p, elements: p.elements.filter((el) => !hidden(el)) }))
    .filter((p) => p.elements.some((el) => "configVar" in el));
}
