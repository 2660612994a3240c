/**
 * A registry spec as typed by a user: `name`, `@scope/name`, with `@1.2.3`, `@^1.2`, `@latest`
 * (a dist-tag). Paths, URLs, git and aliases are not registry specs and are refused here.
 */
import semver from "semver";
import { RegistryError } from "../packages/registry-error";

export interface PackageSpec {
  name: string;
  /** a version, a range or a dist-tag; "latest" when none was given */
  selector: string;
  kind: "version" | "range" | "tag";
}

// npm's rules for new names: lower case, URL-safe, at most 214 characters
const NAME = /^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;

export function isPackageName(name: string): boolean {
  return name.length <= 214 && NAME.test(name);
}

export function parsePackageSpec(raw: string): PackageSpec {
  const spec = raw.trim();
  const at = spec.indexOf("@", 1);
  const name = at === -1 ? spec : spec.slice(0, at);
  const selector = at === -1 ? "latest" : spec.slice(at + 1).trim() || "latest";
  if (!isPackageName(name))
    throw new RegistryError(
      "invalid-package",
      `spec: "${raw}" is not an npm package spec (like @scope/name@^1.2, name@latest or name@1.0.0)`,
    );
  if (semver.valid(selector)) return { name, selector: semver.clean(selector)!, kind: "version" };
  if (semver.validRange(selector)) return { name, selector, kind: "range" };
  if (/^[a-z0-9][a-z0-9._-]*$/i.test(selector)) return { name, selector, kind: "tag" };
  throw new RegistryError("invalid-package", `spec: "${selector}" in "${raw}" is neither a version, a range nor a dist-tag`);
}
