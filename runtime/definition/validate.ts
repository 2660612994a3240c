/**
 * validateDefinition: the shape (the zod schema), then the rules that need the whole document.
 * `draft` checks what makes a definition runnable and importable; `publish` also checks every
 * action against the installed components when a manifest lookup is given.
 */
import type { ManifestLookup } from "@/components-registry/contract";
import { definitionError, type DefinitionError, type Report } from "./errors";
import { definitionSchema, type Definition } from "./schema";
import { checkActions } from "./validate-actions";
import type { ConnectionManifestLookup } from "./component-catalog";
import { checkConfigVars, checkConnectionVars, checkFlowSettings } from "./validate-config";
import { checkFlowKeys, checkStepKeys, indexConfigVars } from "./validate-keys";
import { checkRateLimits } from "./validate-rate-limits";
import { checkReferences } from "./validate-references";
import { checkConditions } from "./validate-conditions";
import { checkComponentTriggers, type TriggerLookup } from "./validate-triggers";
import { issuesToErrors } from "./zod-issues";
import { z } from "zod";

export type ValidationMode = "draft" | "publish";

export interface ValidateOptions {
  mode?: ValidationMode;
  manifests?: ManifestLookup;
  /** component triggers' manifests (publish mode) */
  triggers?: TriggerLookup;
  /** the connections components declare (publish mode): a connection config variable's must be installed */
  connections?: ConnectionManifestLookup;
}

export type CheckedDefinition = { ok: true; definition: Definition } | { ok: false; errors: DefinitionError[] };

/** Checks an already well-shaped definition against the document-wide rules. */
function semanticErrors(definition: Definition, options: ValidateOptions): DefinitionError[] {
  const errors: DefinitionError[] = [];
  const report: Report = (path, message) => errors.push(definitionError(path, message));
  const configVars = indexConfigVars(definition, report);
  checkConfigVars(configVars, report);
  if (options.mode === "publish" && options.connections) checkConnectionVars(definition, configVars, options.connections, report);
  checkFlowKeys(definition, report);
  checkFlowSettings(definition, configVars, report);
  checkRateLimits(definition, configVars, report);
  checkStepKeys(definition, report);
  checkActions(definition, { mode: options.mode ?? "draft", manifests: options.manifests }, report);
  checkReferences(definition, configVars, report);
  checkConditions(definition, report);
  checkComponentTriggers(definition, configVars, { triggers: options.mode === "publish" ? options.triggers : undefined }, report);
  return errors;
}

/**
 * Shape first, then semantics, so either the whole definition is returned or the reasons it is
 * not: nothing is half-accepted.
 */
export function checkDefinition(value: unknown, options: ValidateOptions & { shapeOnly?: boolean } = {}): CheckedDefinition {
  const parsed = definitionSchema.safeParse(value);
  if (!parsed.success) return { ok: false, errors: issuesToErrors(parsed.error.issues, value) };
  const errors = options.shapeOnly ? [] : semanticErrors(parsed.data, options);
  return errors.length === 0 ? { ok: true, definition: parsed.data } : { ok: false, errors };
}

/**
 * What a draft must be for the designer to hold it at all: an integration with a name and flows of
 * steps. Inside that, anything may be wrong for now — a half-typed key, an unknown action — and
 * is saved with its problems listed, so a person's work is never lost to a typo.
 */
const draftEnvelope = z.looseObject({
  name: z.string().trim().min(1, { error: "the integration needs a name" }),
  flows: z
    .array(z.looseObject({ name: z.string(), trigger: z.looseObject({}), steps: z.array(z.looseObject({ name: z.string() })) }))
    .min(1, { error: "an integration needs at least one flow" }),
  configPages: z.array(z.looseObject({ elements: z.array(z.looseObject({})) })).optional(),
});

export type CheckedDraft = { ok: true; definition: Definition; problems: DefinitionError[] } | { ok: false; errors: DefinitionError[] };

/** A draft to keep: well shaped with its remaining problems, or ill shaped within the envelope with its shape errors. */
export function checkDraft(value: unknown): CheckedDraft {
  const parsed = definitionSchema.safeParse(value);
  if (parsed.success) return { ok: true, definition: parsed.data, problems: semanticErrors(parsed.data, { mode: "draft" }) };
  const problems = issuesToErrors(parsed.error.issues, value);
  const envelope = draftEnvelope.safeParse(value);
  if (!envelope.success) return { ok: false, errors: [...issuesToErrors(envelope.error.issues, value), ...problems] };
  return { ok: true, definition: value as Definition, problems: [...problems, ...rulesDespiteShape(value as Definition, problems)] };
}

/**
 * The document's rules on a draft whose shape is wrong somewhere, so a person sees every problem at
 * once, not one per fix. The rules expect the shape, so one that trips over it is skipped, and
 * what the shape already reports at a path is not said twice.
 */
function rulesDespiteShape(draft: Definition, shapeErrors: DefinitionError[]): DefinitionError[] {
  let errors: DefinitionError[];
  try {
    errors = semanticErrors(draft, { mode: "draft" });
  } catch {
    return [];
  }
  const taken = new Set(shapeErrors.map((e) => e.path));
  return errors.filter((e) => !taken.has(e.path));
}

export function validateDefinition(definition: unknown, options: ValidateOptions = {}): DefinitionError[] {
  const checked = checkDefinition(definition, options);
  return checked.ok ? [] : checked.errors;
}
