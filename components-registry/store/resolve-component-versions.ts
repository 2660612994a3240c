/**
 * For publishing: maps each component a definition's steps use to ONE exact installed version,
 * the highest that satisfies every pin on that component's steps.
 */
import { eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { componentPackages, componentVersions } from "@/db/schema";
import { RegistryError } from "../packages/registry-error";
import { isValidPin, pickVersion } from "../packages/semver";

export interface ComponentUse {
  /** component key, e.g. "http" */
  component: string;
  /** "1.2.3", "1", "1.2" or undefined for the latest */
  pin?: string;
}

export async function resolveComponentVersions(db: Db, uses: ComponentUse[]): Promise<Record<string, string>> {
  const pins = new Map<string, (string | undefined)[]>();
  for (const u of uses) pins.set(u.component, [...(pins.get(u.component) ?? []), u.pin || undefined]);
  if (pins.size === 0) return {};
  const rows = await db
    .select({ key: componentPackages.key, version: componentVersions.version })
    .from(componentVersions)
    .innerJoin(componentPackages, eq(componentPackages.id, componentVersions.packageId))
    .where(inArray(componentPackages.key, [...pins.keys()]));
  const resolved: Record<string, string> = {};
  const problems: string[] = [];
  for (const [key, keyPins] of pins) {
    const bad = keyPins.filter((p) => !isValidPin(p));
    if (bad.length) {
      problems.push(`${key}: "${bad[0]}" is not a version pin (use 1.2.3, 1.2 or 1)`);
      continue;
    }
    const installed = rows.filter((r) => r.key === key).map((r) => r.version);
    const version = pickVersion(installed, keyPins);
    if (version) resolved[key] = version;
    else if (installed.length === 0) problems.push(`component "${key}" is not installed`);
    else {
      const wanted = [...new Set(keyPins.filter(Boolean))].map((p) => `@${p}`).join(" and ");
      problems.push(`no installed version of "${key}" matches ${wanted} (installed: ${installed.join(", ")})`);
    }
  }
  if (problems.length) throw new RegistryError("unresolved", problems.join("; "));
  return resolved;
}
