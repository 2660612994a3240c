/**
 * Config values on the command line, shared by `instances:create|update` and `integrations:test`:
 * `--config key=value` (repeatable) over `--config-file`, each value read as its variable's type
 * needs (see ../config-values.ts), the variables taken from a definition or a published version.
 */
import type { Command } from "commander";
import { parse as parseYaml } from "yaml";
import type { Session } from "../api";
import { parseConfigFile, parseConfigPairs, type ConfigVarInfo } from "../config-values";
import { collect, readTextFile } from "./shared";

export interface ConfigVarDef extends ConfigVarInfo {
  label?: string;
}

/** The config variables of a definition object (its config pages' configVar elements, in order). */
export async function configVarsOfDefinition(definition: unknown): Promise<ConfigVarDef[]> {
  const { configVarsOf } = await import("@/runtime/config/config-values.js");
  const pages = (definition as { configPages?: Parameters<typeof configVarsOf>[0] } | null)?.configPages;
  return configVarsOf(pages);
}

/**
 * The variables of an integration's version (the latest published when `version` is omitted), or
 * none when they cannot be read — a customer user may deploy but not read integrations; the
 * server still checks every value.
 */
export async function versionConfigVars(session: Session, integrationId: string, version?: number): Promise<ConfigVarDef[]> {
  try {
    const target = version ?? (await session.api.integrations.get.query({ id: integrationId })).latestVersion ?? undefined;
    if (target === undefined) return [];
    const exported = await session.api.integrations.export.query({ id: integrationId, version: target });
    return configVarsOfDefinition(parseYaml(exported.yaml));
  } catch {
    return [];
  }
}

export interface ConfigOptions {
  config?: string[];
  configFile?: string;
}

export const hasConfig = (o: ConfigOptions) => Boolean(o.config?.length || o.configFile);

/** File values first, then `--config` pairs on top (the command line wins). */
export function gatherConfig(options: ConfigOptions, vars: ConfigVarInfo[]): Record<string, unknown> {
  const fromFile = options.configFile ? parseConfigFile(options.configFile, readTextFile(options.configFile), vars) : {};
  return { ...fromFile, ...parseConfigPairs(options.config ?? [], vars) };
}

export function configOptions(command: Command): Command {
  return command
    .option(
      "--config <key=value>",
      "a config value (repeatable); JSON for credentials/schedules; a schedule also as a cron string or in words (every 1 week on monday at 09:00 Europe/Berlin)",
      collect,
    )
    .option("--config-file <file>", "config values from a .json or .yml file (--config wins over it)");
}
