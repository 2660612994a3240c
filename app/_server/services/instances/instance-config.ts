import { configVarsOf, splitSecrets, validateConfigValues, type ConfigValueOptions } from "@/runtime/config/config-values";
import type { Definition } from "@/runtime/definition";
import { decryptJson, encryptJson } from "@/runtime/security/secret-box";
import { ServiceError } from "../errors";

/**
 * Validates an instance's config values against a version's variables and splits them into the
 * plain values stored as JSON and the credentials stored encrypted. `previous` carries over
 * values not given again — credentials are never shown, only replaced.
 */
export function prepareConfig(
  definition: Definition,
  given: Record<string, unknown>,
  previous?: { plain: Record<string, unknown>; sealedSecrets: string | null },
  /** connection credentials' fields (connectionLookupFor) */
  options: ConfigValueOptions = {},
) {
  const vars = configVarsOf(definition.configPages);
  const known = new Set(vars.map((v) => v.key));
  const carried: Record<string, unknown> = {};
  if (previous) {
    const old = { ...previous.plain, ...(previous.sealedSecrets ? decryptJson<Record<string, unknown>>(previous.sealedSecrets) : {}) };
    // values of variables the new version no longer has are dropped, not reported
    for (const [k, v] of Object.entries(old)) if (known.has(k)) carried[k] = v;
  }
  const result = validateConfigValues(vars, { ...carried, ...given }, options);
  if (!result.ok) {
    throw new ServiceError(
      "BAD_REQUEST",
      `config values are not valid:\n${result.errors.map((e) => `  ${e.key}: ${e.message}`).join("\n")}`,
      result.errors.map((e) => ({ path: e.key, message: e.message })),
    );
  }
  const { plain, secrets } = splitSecrets(vars, result.values);
  return { plain, sealedSecrets: Object.keys(secrets).length ? encryptJson(secrets) : null };
}

/** For display: every credential field masked; nothing secret leaves the server. */
export function maskedConfig(definition: Definition, plain: Record<string, unknown>, sealedSecrets: string | null) {
  const secrets = sealedSecrets ? decryptJson<Record<string, Record<string, unknown>>>(sealedSecrets) : {};
  const masked: Record<string, unknown> = { ...plain };
  for (const v of configVarsOf(definition.configPages)) {
    if (v.type === "credential" && secrets[v.key]) {
      masked[v.key] = Object.fromEntries(Object.keys(secrets[v.key]!).map((f) => [f, "********"]));
    }
  }
  return masked;
}
