/** The integration definition: its model, YAML form, validation and renames. */
export * from "./schema.js";
export { stepKey, flowKey } from "./step-key.js";
export { parseDefinitionYaml, type ParseOptions } from "./parse-yaml.js";
export { serializeDefinitionYaml } from "./serialize-yaml.js";
export {
  validateDefinition,
  checkDefinition,
  type CheckedDefinition,
  type ValidateOptions,
  type ValidationMode,
} from "./validate.js";
export { formatDefinitionError, type DefinitionError } from "./errors.js";
export {
  parseReference,
  parseTemplate,
  formatPath,
  type Reference,
  type ReferenceKind,
  type PathSegment,
  type TemplatePart,
  type TemplateExpression,
} from "./reference.js";
export { STRUCTURAL_ACTIONS, structuralAction, splitAction, type StructuralKind } from "./structural-actions.js";
export { componentVersionFor } from "./component-version.js";
export { renameStep, renameSteps, type RenameResult } from "./rename-steps.js";
export { renameStepKeysInCode } from "./rename-in-code.js";
