/**
 * Files of the registry itself (the SDK, the guest script, the built-ins), found from this module
 * or, when this code runs bundled somewhere else (a Next.js server chunk), from the project root.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export function registryPath(relative: string): string {
  const here = fileURLToPath(new URL(relative, import.meta.url));
  if (existsSync(here)) return here;
  return join(process.cwd(), "components-registry", relative);
}
