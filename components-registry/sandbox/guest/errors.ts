/** Errors leave the sandbox as plain data, with only the action's own stack frames. */

export interface SerializedError {
  name: string;
  message: string;
  /** `Name: message` and the action's own `at …` lines */
  stack: string;
}

export function serializeError(e: unknown): SerializedError {
  if (!(e instanceof Error)) {
    const message = `The action threw a non-Error value: ${describe(e)}`;
    return { name: "Error", message, stack: `Error: ${message}` };
  }
  const name = String(e.name || "Error");
  const message = String(e.message);
  const frames = e.name === "InputError" ? [] : ownFrames(String(e.stack ?? ""));
  return { name, message, stack: [`${name}: ${message}`, ...frames].join("\n") };
}

/**
 * Frames above the SDK's `__junctionInvoke` are the action's; everything from it down is
 * plumbing. Frames of this guest script (`junction:sandbox`) never belong to the action.
 */
function ownFrames(stack: string): string[] {
  const out: string[] = [];
  for (const line of stack.split("\n")) {
    if (!/^\s+at /.test(line)) continue;
    if (line.includes("__junctionInvoke")) break;
    if (line.includes("junction:sandbox") || line.includes("<isolated-vm")) continue;
    out.push(line);
  }
  return out;
}

function describe(v: unknown): string {
  try {
    return typeof v === "string" ? JSON.stringify(v) : (JSON.stringify(v) ?? String(v));
  } catch {
    return String(v);
  }
}
