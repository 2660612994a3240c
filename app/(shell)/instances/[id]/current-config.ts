import { configVarsOf } from "@/runtime/config/config-values";
import type { ConfigPage } from "@/runtime/definition/schema";
import { initialValues } from "@/app/_ui/config-fields/config-state";

/**
 * The wizard's start from an instance's masked config, for the given version's pages: plain
 * values carried over, credentials only marked as set (their fields arrive masked).
 */
export function startFromInstance(pages: ConfigPage[] | undefined, config: Record<string, unknown>) {
  const vars = configVarsOf(pages);
  const credentialsSet = new Set(vars.filter((v) => v.type === "credential" && config[v.key] != null).map((v) => v.key));
  return { initial: initialValues(pages, config), credentialsSet };
}
