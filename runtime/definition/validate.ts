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
import { checkReferences } from "./validate-references";
import { checkComponentTriggers, type TriggerLookup } from "./validate-triggers";
import { issuesToErrors } from "./zod-issues";

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
  checkStepKeys(definition, report);
  checkActions(definition, { mode: options.mode ?? "draft", manifests: options.manifests }, report);
  checkReferences(definition, configVars, report);
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

export function validateDefinition(definition: unknown, options: ValidateOptions = {}): DefinitionError[] {
  const checked = checkDefinition(definition, options);
  return checked.ok ? [] : checked.errors;
}
