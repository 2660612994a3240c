/**
 * Turns resolved raw input values into the typed values `perform` receives, and refuses bad ones
 * with an error that names the input. Runs inside the sandbox, as part of the component's bundle.
 */
import type { InputSpec } from "./input";

export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InputError";
  }
}

export function cleanInputs(specs: Record<string, InputSpec>, raw: Record<string, unknown>): Record<string, unknown> {
  const cleaned: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(specs)) {
    cleaned[key] = cleanInput(key, spec, raw[key]);
  }
  return cleaned;
}

function cleanInput(key: string, spec: InputSpec, value: unknown): unknown {
  const missing = value === undefined || value === null || value === "";
  if (missing && spec.default !== undefined) value = spec.default;
  else if (missing) {
    if (spec.required) throw new InputError(`Input "${key}" (${spec.label}) is required`);
    // an empty string is a real value for text types, an absent one for everything else
    if (value !== "" || !isTextType(spec.type)) return undefined;
  }
  try {
    return spec.clean ? spec.clean(value) : cleanByType(spec, value);
  } catch (err) {
    throw new InputError(`Input "${key}" (${spec.label}): ${(err as Error).message}`);
  }
}

function isTextType(type: InputSpec["type"]): boolean {
  return type === "string" || type === "text" || type === "code";
}

function cleanByType(spec: InputSpec, value: unknown): unknown {
  switch (spec.type) {
    case "string":
    case "text":
    case "code":
      if (typeof value === "string") return value;
      if (typeof value === "number" || typeof value === "boolean") return String(value);
      throw new Error(`expected text, got ${describe(value)}`);
    case "number": {
      const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
      if (typeof n === "number" && Number.isFinite(n)) return n;
      throw new Error(`expected a number, got ${describe(value)}`);
    }
    case "boolean":
      if (typeof value === "boolean") return value;
      if (typeof value === "string" && /^(true|false)$/i.test(value.trim())) {
        return value.trim().toLowerCase() === "true";
      }
      throw new Error(`expected true or false, got ${describe(value)}`);
    case "picklist": {
      const options = spec.options ?? [];
      if (typeof value === "string" && options.includes(value)) return value;
      throw new Error(`expected one of ${options.map((o) => `"${o}"`).join(", ")}, got ${describe(value)}`);
    }
    case "data":
      return typeof value === "string" ? parseJsonish(value) : value;
    case "credential":
      if (isPlainObject(value)) return value;
      throw new Error(`expected a credential (an object such as { username, password }), got ${describe(value)}`);
    case "file":
      return toBytes(value);
  }
}

/** JSON when it parses; a string that only looks like an object or list must parse. */
function parseJsonish(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    if (/^\s*[[{]/.test(text)) throw new Error(`not valid JSON: ${(err as Error).message}`, { cause: err });
    return text;
  }
}

function toBytes(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (typeof value === "string") return new TextEncoder().encode(value);
  // a webhook's raw body, `{ contentType, data }`
  if (isPlainObject(value) && "data" in value) return toBytes(value.data);
  throw new Error(`expected a file (bytes or text), got ${describe(value)}`);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (Array.isArray(value)) return "a list";
  if (value instanceof Uint8Array) return "bytes";
  return typeof value === "object" ? "an object" : String(value);
}
