/** A sandbox runner over built-in packages, bundled from their folders, for tests and benchmarks. */
import { preparePackage } from "../packages/prepare-package";
import { registryPath } from "../paths";
import { createMemoryBundleLoader } from "../sandbox/memory-loader";
import { createSandboxRunner, type SandboxRunnerOptions } from "../sandbox/sandbox-runner";

export function builtinDir(key: string): string {
  return registryPath(`builtins/${key}`);
}

export async function builtinRunner(keys: string[], options: Partial<SandboxRunnerOptions> = {}) {
  const loader = createMemoryBundleLoader();
  for (const key of keys) loader.add(await preparePackage({ path: builtinDir(key) }));
  return createSandboxRunner({ loadBundle: loader, network: { allowPrivateNetwork: true }, ...options });
}
