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
  const loaded = new Map<string, ReturnType<typeof loader>>();
  const loadBundle = (component: string, version?: string) => {
    const key = `${component}@${version ?? ""}`;
    if (!loaded.has(key))
      loaded.set(
        key,
        loader(component, version).then((b) => ({ ...b, contextScope: contextScopeOf({ key: component, builtIn: true }) })),
      );
    return loaded.get(key)!;
  };
  return createSandboxRunner({ loadBundle, network: { allowPrivateNetwork: true }, ...options });
}
