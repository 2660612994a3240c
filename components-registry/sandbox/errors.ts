/** Errors the sandbox raises itself (limits, bad results), as opposed to errors the action throws. */

export type SandboxErrorCode =
  "timeout" | "cpu-timeout" | "memory" | "aborted" | "not-cloneable" | "unknown-action" | "structural" | "load-failed";

export class SandboxError extends Error {
  constructor(
    readonly code: SandboxErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "SandboxError";
    // no host frames: they say nothing about the action
    this.stack = `${this.name}: ${message}`;
  }
}

/** rebuilds an error the action threw, from the data the sandbox sent out */
export function actionError(e: { name: string; message: string; stack: string }): Error {
  const err = new Error(e.message);
  err.name = e.name;
  err.stack = e.stack;
  return err;
}
