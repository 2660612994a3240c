/**
 * Inputs are compiled once per definition into small resolver functions, then resolved per step
 * into two copies: the real one for the action, and a censored one (credentials replaced) for
 * events and storage. An input that cannot hold a credential has one copy serving as both, so
 * the common case costs nothing extra.
 */
import { parseReference, parseTemplate, type PathSegment, type Reference } from "../definition/reference";
import type { Input, JsonValue } from "../definition/schema";
import { REDACTED } from "./redact";

/** What a step's results, or a loop's current item, look like to later steps and code steps. */
export interface ScopeEntry {
  results?: unknown;
  currentItem?: unknown;
  index?: number;
}
/** `{ trigger: { results }, <stepKey>: { results }, <loopKey>: { currentItem, index } }` */
export type Scope = Record<string, ScopeEntry | undefined>;

export interface ResolveContext {
  scope: Scope;
  configVars: Record<string, unknown>;
}

export type Resolver = (ctx: ResolveContext) => unknown;

export interface CompiledInput {
  resolve: Resolver;
  /** present only when the input can contain a credential */
  censor?: Resolver;
}

export interface CompiledInputs {
  names: string[];
  inputs: CompiledInput[];
  sensitive: boolean;
}

export interface ResolvedInputs {
  real: Record<string, unknown>;
  censored: Record<string, unknown>;
}

/** Optional chaining over own properties only, so a reference cannot reach prototypes. */
export function walkPath(start: unknown, path: readonly PathSegment[]): unknown {
  let current = start;
  for (let i = 0; i < path.length; i++) {
    if (current === null || current === undefined) return current;
    const segment = path[i];
    if (typeof current === "object") {
      current = Object.hasOwn(current, segment) ? (current as Record<PathSegment, unknown>)[segment] : undefined;
    } else if (typeof current === "string") {
      current = segment === "length" ? current.length : typeof segment === "number" ? current[segment] : undefined;
    } else {
      return undefined;
    }
  }
  return current;
}

/** A step that has not run (a branch not taken) reads as null, whatever the path. */
function compileReference(reference: Reference): Resolver {
  const { key, kind, path } = reference;
  return (ctx) => {
    const entry = ctx.scope[key];
    if (entry === undefined) return null;
    return path.length === 0 ? entry[kind] : walkPath(entry[kind], path);
  };
}

function templateText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (ArrayBuffer.isView(value)) return new TextDecoder().decode(value);
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}

/** Literals are shared by every run of a definition, so actions get them frozen. */
function literal(value: JsonValue): Resolver {
  const frozen = deepFreeze(structuredClone(value));
  return () => frozen;
}

/** Throws on a malformed reference or template; the compiler turns that into a failing step. */
export function compileInput(input: Input, credentialKeys: ReadonlySet<string>): CompiledInput {
  if ("value" in input) return { resolve: literal(input.value) };
  if ("reference" in input) {
    const parsed = parseReference(input.reference);
    if (!parsed.ok) throw new Error(parsed.error);
    return { resolve: compileReference(parsed.value) };
  }
  if ("configVar" in input) {
    const key = input.configVar;
    const resolve: Resolver = (ctx) => ctx.configVars[key];
    return credentialKeys.has(key) ? { resolve, censor: () => REDACTED } : { resolve };
  }
  if ("template" in input) {
    const parsed = parseTemplate(input.template);
    if (!parsed.ok) throw new Error(parsed.error);
    const parts = parsed.value.map((part) => {
      if (part.kind === "literal") return { resolve: () => part.text, secret: false };
      const expression = part.expression;
      if (expression.kind === "reference") return { resolve: compileReference(expression.reference), secret: false };
      const { key, path } = expression;
      return { resolve: (ctx: ResolveContext) => walkPath(ctx.configVars[key], path), secret: credentialKeys.has(key) };
    });
    const resolve: Resolver = (ctx) => {
      let text = "";
      for (const part of parts) text += templateText(part.resolve(ctx));
      return text;
    };
    if (!parts.some((p) => p.secret)) return { resolve };
    const censor: Resolver = (ctx) => {
      let text = "";
      for (const part of parts) text += part.secret ? REDACTED : templateText(part.resolve(ctx));
      return text;
    };
    return { resolve, censor };
  }
  const items = input.list.map((item) => compileInput(item, credentialKeys));
  const resolve: Resolver = (ctx) => items.map((item) => item.resolve(ctx));
  if (!items.some((item) => item.censor)) return { resolve };
  return { resolve, censor: (ctx) => items.map((item) => (item.censor ?? item.resolve)(ctx)) };
}

export function compileInputs(inputs: Record<string, Input> | undefined, credentialKeys: ReadonlySet<string>): CompiledInputs {
  const names = Object.keys(inputs ?? {});
  const compiled = names.map((name) => compileInput(inputs![name], credentialKeys));
  return { names, inputs: compiled, sensitive: compiled.some((c) => c.censor !== undefined) };
}

export function resolveInputs(compiled: CompiledInputs, ctx: ResolveContext): ResolvedInputs {
  const real: Record<string, unknown> = {};
  const { names, inputs } = compiled;
  for (let i = 0; i < names.length; i++) real[names[i]] = inputs[i].resolve(ctx);
  if (!compiled.sensitive) return { real, censored: real };
  const censored: Record<string, unknown> = {};
  for (let i = 0; i < names.length; i++) {
    const censor = inputs[i].censor;
    censored[names[i]] = censor ? censor(ctx) : real[names[i]];
  }
  return { real, censored };
}
