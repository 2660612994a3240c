/**
 * Declaring an action input: `input({ label, type, required, default, clean, … })`.
 * The declaration doubles as designer metadata (label, options, language) and as the recipe that
 * turns the raw resolved value into the typed value `perform` receives.
 */
import type { InputType } from "../contract";
import type { ConnectionDefinition } from "./connection";

export type { InputType };

/** A credential's fields as entered in the deployment wizard, e.g. `{ username, password }`. */
export type Credential = Record<string, unknown>;

export interface InputSpec {
  label: string;
  type: InputType;
  required?: boolean;
  default?: unknown;
  description?: string;
  /** picklist choices */
  options?: readonly string[];
  /** code inputs: the language the editor highlights */
  language?: string;
  /** credential inputs: the component's connection they take (the designer offers config variables of that connection) */
  connection?: ConnectionDefinition;
  /**
   * Replaces the type's own cleaning: receives the raw value (after `required` and `default`
   * are applied, never `undefined`) and returns what `perform` gets.
   */
  clean?: (value: unknown) => unknown;
}

interface TypeValues {
  string: string;
  text: string;
  code: string;
  picklist: string;
  number: number;
  boolean: boolean;
  data: unknown;
  credential: Credential;
  file: Uint8Array;
}

/** The cleaned value of one input, before `required`/`default` decide whether it may be undefined. */
export type InputValue<S extends InputSpec> = S extends { clean: (value: unknown) => infer R }
  ? R
  : S extends { type: "picklist"; options: readonly (infer O extends string)[] }
    ? O
    : TypeValues[S["type"]];

type AlwaysSet<S extends InputSpec> = S extends { required: true }
  ? true
  : S extends { default: infer D }
    ? undefined extends D
      ? false
      : true
    : false;

/** What `perform` receives for an inputs declaration. */
export type InputValues<I extends Record<string, InputSpec>> = {
  [K in keyof I]: AlwaysSet<I[K]> extends true ? InputValue<I[K]> : InputValue<I[K]> | undefined;
};

const TYPES: readonly InputType[] = ["string", "text", "number", "boolean", "code", "picklist", "data", "credential", "file"];

export function input<const S extends InputSpec>(spec: S): S {
  if (!spec || typeof spec.label !== "string" || spec.label === "") {
    throw new Error("input(): label is required");
  }
  if (!TYPES.includes(spec.type)) {
    throw new Error(`input "${spec.label}": unknown type "${String(spec.type)}" (one of ${TYPES.join(", ")})`);
  }
  if (spec.connection !== undefined && (spec.type !== "credential" || spec.connection?.kind !== "junction.connection")) {
    throw new Error(`input "${spec.label}": connection is for credential inputs and takes a connection({ … })`);
  }
  if (spec.type === "picklist" && (!Array.isArray(spec.options) || spec.options.length === 0)) {
    throw new Error(`input "${spec.label}": a picklist needs options`);
  }
  return spec;
}
