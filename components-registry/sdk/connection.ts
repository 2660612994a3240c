/**
 * Declaring a connection: the fields of an account a component's actions sign in with.
 *
 *   const database = connection({ key: "database", label: "PostgreSQL database", fields: {
 *     host: { label: "Host", type: "string", required: true },
 *     password: { label: "Password", type: "password" },
 *   } });
 *   component({ …, connections: [database], actions: { query: action({ inputs: {
 *     connection: input({ label: "Connection", type: "credential", connection: database, required: true }), … } }) } })
 */
import type { ConnectionFieldManifest, ConnectionFieldType, ConnectionManifest } from "../contract";

export type ConnectionFieldSpec = Omit<ConnectionFieldManifest, "key" | "options"> & { options?: readonly string[] };

export interface ConnectionSpec {
  key: string;
  label: string;
  description?: string;
  fields: Record<string, ConnectionFieldSpec>;
}

export interface ConnectionDefinition {
  kind: "junction.connection";
  manifest: ConnectionManifest;
}

const KEY = /^[a-z][a-zA-Z0-9]*$/;
const FIELD_TYPES: readonly ConnectionFieldType[] = ["string", "password", "text", "number", "boolean", "picklist"];

export function connection(spec: ConnectionSpec): ConnectionDefinition {
  if (!spec || !KEY.test(String(spec.key))) {
    throw new Error(`connection(): key must be lowerCamelCase letters and digits, got ${JSON.stringify(spec?.key)}`);
  }
  if (typeof spec.label !== "string" || spec.label === "") throw new Error(`connection "${spec.key}": label is required`);
  const fields: ConnectionFieldManifest[] = [];
  for (const [key, f] of Object.entries(spec.fields ?? {})) {
    if (!KEY.test(key)) throw new Error(`connection "${spec.key}": field key "${key}" must be lowerCamelCase`);
    if (!f || typeof f.label !== "string" || f.label === "") throw new Error(`connection "${spec.key}": field "${key}" needs a label`);
    if (!FIELD_TYPES.includes(f.type)) {
      throw new Error(`connection "${spec.key}": field "${key}" has unknown type "${String(f.type)}" (one of ${FIELD_TYPES.join(", ")})`);
    }
    if (f.type === "picklist" && (!f.options || f.options.length === 0)) {
      throw new Error(`connection "${spec.key}": picklist field "${key}" needs options`);
    }
    const field: ConnectionFieldManifest = { key, label: f.label, type: f.type };
    if (f.required) field.required = true;
    if (f.default !== undefined) field.default = f.default;
    if (f.description) field.description = f.description;
    if (f.options) field.options = [...f.options];
    fields.push(field);
  }
  if (fields.length === 0) throw new Error(`connection "${spec.key}" has no fields`);
  const manifest: ConnectionManifest = { key: spec.key, label: spec.label, fields };
  if (spec.description) manifest.description = spec.description;
  return { kind: "junction.connection", manifest };
}
