/**
 * Audit entries for instance changes, so the instance services record them with one call. Config
 * changes name the variables set, never their values (credentials among them).
 */
import type { AuditActor, AuditEntry } from "./record-audit";

export function instanceUpdateEntry(
  actor: AuditActor,
  instance: { id: string; name: string; enabled: boolean },
  input: { name?: string; version?: number | "latest"; configValues?: Record<string, unknown>; enabled?: boolean },
  version: number | undefined,
): AuditEntry {
  const configKeys = Object.keys(input.configValues ?? {});
  return {
    actor,
    action: configKeys.length ? "instance.config_changed" : "instance.updated",
    target: { type: "instance", id: instance.id, name: instance.name },
    detail: {
      configVariables: configKeys.length ? configKeys : undefined,
      version: input.version !== undefined ? version : undefined,
      enabled: input.enabled !== undefined && input.enabled !== instance.enabled ? input.enabled : undefined,
      name: input.name !== undefined && input.name.trim() !== instance.name ? input.name.trim() : undefined,
    },
  };
}

export function instanceDeployEntry(
  actor: AuditActor,
  instance: { id: string; name: string },
  deployed: { integrationId: string; customerId: string; version: number; configValues: Record<string, unknown> },
): AuditEntry {
  return {
    actor,
    action: "instance.deployed",
    target: { type: "instance", id: instance.id, name: instance.name },
    detail: {
      integrationId: deployed.integrationId,
      customerId: deployed.customerId,
      version: deployed.version,
      configVariables: Object.keys(deployed.configValues),
    },
  };
}
