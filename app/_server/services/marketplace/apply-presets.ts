import { isDeepStrictEqual } from "node:util";
import type { Db } from "@/db/client";
import { configVarsOf } from "@/runtime/config/config-values";
import type { Definition } from "@/runtime/definition";
import { ServiceError } from "../errors";
import { loadPresets, presetValue } from "./load-presets";

export interface ApplyPresetsInput {
  /** who deploys or reconfigures: a customer's user is held to the presets, the organization may override them */
  by: "customer" | "organization";
  customerId: string;
  integrationId: string;
  /** the version being deployed: presets of variables it does not have are left out */
  definition: Definition;
  /** the values the caller gave */
  given: Record<string, unknown>;
}

const isEmpty = (v: unknown) => v === undefined || v === null || v === "";

/**
 * The values to validate and store, with the customer's presets in them. A customer's user may
 * repeat a read-only value it was shown, and nothing else: a credential or a hidden variable it
 * sends is refused whatever it holds, so the answer never tells whether a guess was right (and a
 * hidden one is refused as an unknown key, so it is not even told the variable exists). The
 * organization's own values win over presets; presets fill the rest.
 */
export async function applyPresets(db: Db, input: ApplyPresetsInput): Promise<Record<string, unknown>> {
  const presets = await loadPresets(db, input.customerId, input.integrationId);
  if (presets.size === 0) return input.given;
  const vars = new Map(configVarsOf(input.definition.configPages).map((v) => [v.key, v]));
  const values: Record<string, unknown> = {};
  const errors: { key: string; message: string }[] = [];
  for (const [key, row] of presets) {
    const v = vars.get(key);
    if (!v) continue;
    const preset = presetValue(row);
    if (isEmpty(preset)) continue;
    const given = input.given[key];
    if (input.by === "organization" && !isEmpty(given)) continue;
    if (input.by === "customer" && !isEmpty(given)) {
      const mayRepeat = row.mode === "readonly" && v.type !== "credential" && isDeepStrictEqual(given, preset);
      if (!mayRepeat) {
        errors.push({ key, message: row.mode === "hidden" ? "no config variable has this key" : `${v.label} is set by your provider` });
      }
    }
    values[key] = preset;
  }
  if (errors.length) {
    throw new ServiceError(
      "BAD_REQUEST",
      `config values are not valid:\n${errors.map((e) => `  ${e.key}: ${e.message}`).join("\n")}`,
      errors.map((e) => ({ path: e.key, message: e.message })),
    );
  }
  return { ...input.given, ...values };
}
