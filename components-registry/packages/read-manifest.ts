/**
 * Reads a bundle's manifest by evaluating it INSIDE a throwaway isolate (never in the host), with
 * the sandbox's memory and time limits, then checks the manifest's shape.
 */
import ivm from "isolated-vm";
import { z } from "zod";
import type { ComponentManifest } from "../contract";
import { GUEST_FILENAME, guestScriptSource } from "../sandbox/guest-script";
import type { SandboxLimits } from "../sandbox/limits";
import { RegistryError } from "./registry-error";

const key = z.string().regex(/^[a-z][a-zA-Z0-9]*$/, "must be lowerCamelCase letters and digits");
const inputSchema = z.object({
  key,
  label: z.string().min(1),
  type: z.enum(["string", "text", "number", "boolean", "code", "picklist", "data", "credential", "file"]),
  required: z.boolean().optional(),
  default: z.unknown().optional(),
  description: z.string().optional(),
  options: z.array(z.string()).optional(),
  language: z.string().optional(),
  connection: key.optional(),
});
const connectionSchema = z.object({
  key,
  label: z.string().min(1),
  description: z.string().optional(),
  fields: z
    .array(
      z.object({
        key,
        label: z.string().min(1),
        type: z.enum(["string", "password", "text", "number", "boolean", "picklist"]),
        required: z.boolean().optional(),
        default: z.union([z.string(), z.number(), z.boolean()]).optional(),
        description: z.string().optional(),
        options: z.array(z.string()).optional(),
      }),
    )
    .min(1),
});
const actionSchema = z.object({
  key,
  label: z.string().min(1),
  description: z.string().optional(),
  inputs: z.array(inputSchema),
  structural: z.boolean().optional(),
  readsStepResults: z.boolean().optional(),
});
const triggerSchema = z.object({
  key,
  label: z.string().min(1),
  description: z.string().optional(),
  kind: z.enum(["polling", "webhook"]),
  inputs: z.array(inputSchema),
});
const manifestSchema = z.object({
  key,
  label: z.string().min(1),
  description: z.string().optional(),
  category: z.string().optional(),
  actions: z.record(z.string(), actionSchema),
  connections: z.record(z.string(), connectionSchema).optional(),
  triggers: z.record(z.string(), triggerSchema).optional(),
});

export async function readManifest(
  bundle: string,
  version: string,
  filename: string,
  limits: Pick<SandboxLimits, "memoryMb" | "cpuTimeoutMs">,
): Promise<ComponentManifest> {
  const isolate = new ivm.Isolate({ memoryLimit: limits.memoryMb });
  let raw: unknown;
  try {
    const context = await isolate.createContext();
    await (await isolate.compileScript(guestScriptSource(), { filename: GUEST_FILENAME })).run(context);
    const script = await isolate.compileScript(bundle, { filename }).catch((err: Error) => {
      throw new RegistryError("bundle-failed", `The bundle does not compile: ${err.message}`);
    });
    await script.run(context, { timeout: limits.cpuTimeoutMs }).catch((err: Error) => {
      throw new RegistryError("no-component", `The package failed while loading: ${loadError(err, isolate, limits)}`);
    });
    raw = await context.eval("__junctionManifest()", { copy: true, timeout: limits.cpuTimeoutMs }).catch((err: Error) => {
      throw new RegistryError("no-component", err.message);
    });
  } finally {
    if (!isolate.isDisposed) isolate.dispose();
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "manifest"}: ${i.message}`).join("; ");
    throw new RegistryError("invalid-manifest", `The component's manifest is invalid: ${issues}`);
  }
  if (Object.keys(parsed.data.actions).length === 0 && Object.keys(parsed.data.triggers ?? {}).length === 0) {
    throw new RegistryError("invalid-manifest", "The component's manifest is invalid: actions: needs at least one action or trigger");
  }
  for (const [k, t] of Object.entries(parsed.data.triggers ?? {})) {
    if (t.key !== k) throw new RegistryError("invalid-manifest", `Trigger "${k}" says its key is "${t.key}"`);
    for (const i of t.inputs) {
      if (i.connection && !parsed.data.connections?.[i.connection]) {
        throw new RegistryError(
          "invalid-manifest",
          `Input "${k}.${i.key}" of trigger "${k}" takes connection "${i.connection}", which the component does not declare`,
        );
      }
    }
  }
  for (const [k, a] of Object.entries(parsed.data.actions)) {
    if (a.key !== k) throw new RegistryError("invalid-manifest", `Action "${k}" says its key is "${a.key}"`);
    for (const i of a.inputs) {
      if (i.connection && !parsed.data.connections?.[i.connection]) {
        throw new RegistryError(
          "invalid-manifest",
          `Input "${k}.${i.key}" takes connection "${i.connection}", which the component does not declare`,
        );
      }
    }
  }
  for (const [k, c] of Object.entries(parsed.data.connections ?? {})) {
    if (c.key !== k) throw new RegistryError("invalid-manifest", `Connection "${k}" says its key is "${c.key}"`);
  }
  return { ...parsed.data, version } as ComponentManifest;
}

function loadError(err: Error, isolate: ivm.Isolate, limits: Pick<SandboxLimits, "memoryMb" | "cpuTimeoutMs">): string {
  if (isolate.isDisposed) return `it exceeded the memory limit of ${limits.memoryMb} MB`;
  if (/timed out/i.test(err.message)) return `it ran longer than ${limits.cpuTimeoutMs} ms`;
  return err.message;
}
