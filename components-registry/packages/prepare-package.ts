/**
 * Everything an install does before the database: open the package, bundle it, hash it and read
 * its manifest in a sandbox. Tests and the in-memory loader use it without a database.
 */
import { createHash } from "node:crypto";
import type { ComponentManifest } from "../contract";
import { limitsFromEnv, type SandboxLimits } from "../sandbox/limits";
import { bundlePackage } from "./bundle-package";
import { openPackage, type PackageJson, type PackageSource } from "./package-source";
import { readManifest } from "./read-manifest";

export interface PreparedPackage {
  pkg: PackageJson;
  bundle: string;
  sha256: string;
  size: number;
  manifest: ComponentManifest;
}

export interface PrepareOptions {
  /** largest bundle accepted; default JUNCTION_MAX_BUNDLE_MB (5) */
  maxBundleBytes?: number;
  limits?: Pick<SandboxLimits, "memoryMb" | "cpuTimeoutMs">;
}

export function maxBundleBytesFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const mb = Number(env.JUNCTION_MAX_BUNDLE_MB || 5);
  if (!Number.isFinite(mb) || mb <= 0)
    throw new Error(`JUNCTION_MAX_BUNDLE_MB must be a positive number, got "${env.JUNCTION_MAX_BUNDLE_MB}"`);
  return mb * 1024 * 1024;
}

export async function bundleSource(source: PackageSource, maxBundleBytes = maxBundleBytesFromEnv()) {
  // an unpacked archive may hold more than the bundle (sources, docs); allow some room
  const opened = openPackage(source, maxBundleBytes * 10);
  try {
    const bundle = await bundlePackage(opened.dir, opened.entry, maxBundleBytes);
    return { pkg: opened.pkg, bundle, sha256: sha256(bundle), size: Buffer.byteLength(bundle) };
  } finally {
    opened.close();
  }
}

export async function preparePackage(source: PackageSource, options: PrepareOptions = {}): Promise<PreparedPackage> {
  const bundled = await bundleSource(source, options.maxBundleBytes);
  const manifest = await readManifest(
    bundled.bundle,
    bundled.pkg.version,
    `${bundled.pkg.name.replace(/[^\w.@-]/g, "_")}@${bundled.pkg.version}.js`,
    options.limits ?? limitsFromEnv(),
  );
  return { ...bundled, manifest };
}

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
