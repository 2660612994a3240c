/**
 * The wizard's values in the browser, checked with the same shared schema the server uses
 * (runtime/config/config-values): nothing here restates a rule, it only shapes form state.
 */
import { configVarsOf, validateConfigValues } from "@/runtime/config/config-values";
import type { ConfigPage, ConfigVar } from "@/runtime/definition/schema";
import { knownConnection } from "./connection-manifests";

export type ConfigValues = Record<string, unknown>;

/** Form state → a config value: blank strings and blank credential fields mean "not given". */
export function normalise(v: ConfigVar, value: unknown): unknown {
  if (value === "" || value === null || value === undefined) return undefined;
  if (v.type === "credential" && typeof value === "object") {
    const given = Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([, x]) => x !== "" && x !== undefined));
    return Object.keys(given).length ? given : undefined;
  }
  return value;
}

/** First values of a fresh wizard: each variable's default (booleans start off). */
export function initialValues(pages: ConfigPage[] | undefined, current: ConfigValues = {}): ConfigValues {
  const values: ConfigValues = {};
  for (const v of configVarsOf(pages)) {
    if (v.type === "credential") continue; // never prefilled: credentials are only replaced
    const given = current[v.key] ?? ("default" in v ? v.default : undefined);
    values[v.key] = given ?? (v.type === "boolean" ? false : undefined);
  }
  return values;
}

/**
 * Errors by key for the given variables. `kept` are credentials already stored on the instance
 * and not being replaced: the server carries them over, so they are not checked here.
 */
export function problemsOf(vars: ConfigVar[], values: ConfigValues, kept: ReadonlySet<string>): Record<string, string> {
  const checked = vars.filter((v) => !kept.has(v.key));
  const input: ConfigValues = {};
  for (const v of checked) {
    const value = normalise(v, values[v.key]);
    if (value !== undefined) input[v.key] = value;
    // a required field the person emptied (its default was shown) is refused, as the server refuses it
    else if (v.required && values[v.key] === "") input[v.key] = "";
  }
  const result = validateConfigValues(checked, input, { connections: knownConnection, looseUnknownConnections: true });
  return result.ok ? {} : Object.fromEntries(result.errors.map((e) => [e.key, e.message]));
}

/** The value that will be stored for a variable: the one given, else its default (what the review shows). */
export function effectiveValue(v: ConfigVar, value: unknown): unknown {
  const given = normalise(v, value);
  return given === undefined && v.type !== "credential" && "default" in v ? v.default : given;
}

/** What is sent to the server: every given value (an emptied one blank), minus kept credentials. */
export function valuesToSend(vars: ConfigVar[], values: ConfigValues, kept: ReadonlySet<string>): ConfigValues {
  const out: ConfigValues = {};
  for (const v of vars) {
    if (kept.has(v.key)) continue;
    const value = normalise(v, values[v.key]);
    if (value !== undefined) out[v.key] = value;
    // emptied on purpose: sent blank so the server stores the default (as the review shows), not the value kept from before
    else if (values[v.key] === "" && v.type !== "credential") out[v.key] = "";
  }
  return out;
}
