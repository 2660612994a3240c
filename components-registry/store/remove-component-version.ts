/**
 * Removes one installed version. Refused while a deployed instance uses it, and for the version
 * a built-in component ships with (it would come back at the next start). The package goes
 * with its last version.
 */
import { count, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { componentPackages, componentVersions } from "@/db/schema";
import { RegistryError } from "../packages/registry-error";
import { pickVersion } from "../packages/semver";
import { findVersionUsage } from "./find-version-usage";

export async function removeComponentVersion(db: Db, key: string, version: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [pkg] = await tx
      .select({ id: componentPackages.id, builtIn: componentPackages.builtIn })
      .from(componentPackages)
      .where(eq(componentPackages.key, key))
      .for("update");
    const versions = pkg
      ? await tx
          .select({ id: componentVersions.id, version: componentVersions.version })
          .from(componentVersions)
          .where(eq(componentVersions.packageId, pkg.id))
      : [];
    const target = versions.find((v) => v.version === version);
    if (!pkg || !target) throw new RegistryError("not-found", `${key}@${version} is not installed`);
    if (pkg.builtIn && pickVersion(versions.map((v) => v.version)) === version) {
      throw new RegistryError("built-in", `${key}@${version} is the built-in component's current version and cannot be removed`);
    }
    const usage = await findVersionUsage(tx, key, version);
    if (usage.length > 0) {
      const names = usage
        .slice(0, 5)
        .map((u) => `${u.instanceName} (${u.customerName})`)
        .join(", ");
      throw new RegistryError(
        "in-use",
        `${key}@${version} is used by ${usage.length} deployed instance${usage.length === 1 ? "" : "s"}: ${names}${usage.length > 5 ? ", …" : ""}`,
      );
    }
    await tx.delete(componentVersions).where(eq(componentVersions.id, target.id));
    const [left] = await tx.select({ n: count() }).from(componentVersions).where(eq(componentVersions.packageId, pkg.id));
    if (left.n === 0) await tx.delete(componentPackages).where(eq(componentPackages.id, pkg.id));
  });
}
