import type { ComponentManifest } from "../contract";

/** One component version's code and manifest, as the runner needs them. */
export interface LoadedBundle {
  /** the component_versions row id (or any id unique to this version) */
  versionId: string;
  /** exact semver */
  version: string;
  /** sha256 of `bundle`, hex: the isolate pool's cache key together with versionId */
  sha256: string;
  bundle: string;
  manifest: ComponentManifest;
  /**
   * Which calls may share a sandbox context: "execution" (the default) gives every execution a
   * fresh one; "customer" lets a context serve later executions for the same customer (never
   * another customer's), for trusted code that keeps nothing between calls (see context-scope.ts).
   */
  contextScope?: ContextScope;
}

export type ContextScope = "execution" | "customer";

/**
 * Finds the code for a component: `versionPin` is an exact version, a major ("1"), or undefined
 * for the latest. Rejects when nothing matches.
 */
export type BundleLoader = (component: string, versionPin?: string) => Promise<LoadedBundle>;
