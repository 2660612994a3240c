/** A sandbox runner over built-in packages, bundled from their folders, for tests and benchmarks. */
import { preparePackage } from "../packages/prepare-package";
import { registryPath } from "../paths";
import { createMemoryBundleLoader } from "../sandbox/memory-loader";
import { createSandboxRunner, type SandboxRunnerOptions } from "../sandbox/sandbox-runner";
import { contextScopeOf } from "../store/context-scope";

export function builtinDir(key: string): string {
  return registryPath(`builtins/${key}`);
}

export async function builtinRunner(keys: string[], options: Partial<SandboxRunnerOptions> = {}) {
  const loader = createMemoryBundleLoader();
  for (const key of keys) loader.add(await preparePackage({ path: builtinDir(key) }));
  // shared as in production: per customer (context-scope.ts)
  const loadBundle = async (component: string, version?: string) => ({ ...(await loader(component, version)), contextScope: contextScopeOf({ key: component, builtIn: true }) });
  return createSandboxRunner({ loadBundle, network: { allowPrivateNetwork: true }, ...options });
}
