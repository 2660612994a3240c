import type { Db } from "@/db/client";
import { createSandboxRunner, type SandboxRunner } from "@/components-registry/sandbox/sandbox-runner";
import { createDbBundleLoader } from "@/components-registry/store/db-bundle-loader";

/** Every action of this process runs in isolated-vm, from the bundles installed in PostgreSQL. */
export function createActionRunner(db: Db): SandboxRunner {
  return createSandboxRunner({ loadBundle: createDbBundleLoader(db) });
}
