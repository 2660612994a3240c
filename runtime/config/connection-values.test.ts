import { describe, expect, test } from "vitest";
import type { ConnectionManifest } from "@/components-registry/contract";
import type { ConfigVar } from "../definition/schema";
import { validateConfigValues } from "./config-values";

const postgres: ConnectionManifest = {
  key: "database",
  label: "PostgreSQL database",
  fields: [
    { key: "host", label: "Host", type: "string", required: true },
    { key: "port", label: "Port", type: "number", default: 5432 },
    { key: "database", label: "Database", type: "string", required: true },
    { key: "user", label: "User", type: "string", required: true },
    { key: "password", label: "Password", type: "password" },
    { key: "tls", label: "TLS", type: "picklist", options: ["disable", "require", "verify"], default: "disable" },
    { key: "readOnly", label: "Read only", type: "boolean" },
  ],
};
const connections = (component: string, key: string) => (component === "postgres" && key === "database" ? postgres : undefined);
const vars: ConfigVar[] = [
  {
    key: "db",
    label: "Database",
    type: "credential",
    credentialType: "connection",
    connection: { component: "postgres", key: "database" },
    required: true,
  },
];
const check = (db: unknown, options = { connections }) => validateConfigValues(vars, { db }, options);

describe("connection config values", () => {
  test("fields are checked against the manifest; defaults fill, numbers and booleans typed from form text", () => {
    const r = check({ host: "db.test", database: "app", user: "u", password: "s3cret", port: "6543", readOnly: "true" });
    expect(r).toEqual({
      ok: true,
      values: { db: { host: "db.test", port: 6543, database: "app", user: "u", password: "s3cret", tls: "disable", readOnly: true } },
    });
  });

  test("required, number, boolean, picklist and unknown fields are refused naming the field", () => {
    const r = check({ host: "", database: "app", port: "five", tls: "sometimes", readOnly: "yes", extra: 1 });
    expect(r.ok).toBe(false);
    const message = !r.ok ? r.errors[0]!.message : "";
    expect(r.ok ? [] : r.errors.map((e) => e.key)).toEqual(["db"]);
    for (const part of [
      'extra: PostgreSQL database has no field "extra"',
      "host: Host is required",
      "port: Port must be a number",
      "user: User is required",
      "tls: TLS must be one of disable, require, verify",
      "readOnly: Read only must be true or false",
    ])
      expect(message).toContain(part);
  });

  test("a password never appears in an error", () => {
    const r = check({ host: "h", database: "d", user: "u", password: "hunter22-secret", port: "x" });
    expect(r.ok).toBe(false);
    expect(JSON.stringify(r)).not.toContain("hunter22-secret");
  });

  test("a connection whose component is not installed is refused; a missing required one is reported by its label", () => {
    const r = validateConfigValues(vars, { db: { host: "h" } }, { connections: () => undefined });
    expect(r).toEqual({
      ok: false,
      errors: [{ key: "db", message: 'component "postgres" is not installed with a connection "database"' }],
    });
    expect(validateConfigValues(vars, {}, { connections })).toEqual({
      ok: false,
      errors: [{ key: "db", message: "Database is required" }],
    });
  });

  test("without manifests (the browser before it arrives) only the shape is checked", () => {
    expect(validateConfigValues(vars, { db: { host: "h", port: 1 } }).ok).toBe(true);
    const r = validateConfigValues(vars, { db: "h" });
    expect(r).toEqual({ ok: false, errors: [{ key: "db", message: "Database is an object of its fields" }] });
  });
});
