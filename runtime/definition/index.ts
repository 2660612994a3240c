/** The integration definition: its model, YAML form, validation and renames. */
export * from "./schema";
export { stepKey, flowKey } from "./step-key";
export { parseDefinitionYaml, type ParseOptions } from "./parse-yaml";
export { serializeDefinitionYaml } from "./serialize-yaml";
export {
  validateDefinition,
  checkDefinition,
  checkDraft,
  type CheckedDraft,
  type CheckedDefinition,
  type ValidateOptions,
  type ValidationMode,
} from "./validate";
export { formatDefinitionError, type DefinitionError } from "./errors";
export {
  parseReference,
  parseTemplate,
  formatPath,
  type Reference,
  type ReferenceKind,
  type PathSegment,
  type TemplatePart,
  type TemplateExpression,
} from "./reference";
export { STRUCTURAL_ACTIONS, structuralAction, splitAction, type StructuralKind } from "./structural-actions";
export { componentVersionFor } from "./component-version";
export { renameStep, renameSteps, type RenameResult } from "./rename-steps";
export { renameStepKeysInCode } from "./rename-in-code";
export { describeProblem, placeOf, type Problem, type ProblemPlace } from "./describe-problem";
