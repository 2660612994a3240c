/**
 * Calls from the sandbox to the host. The references arrive with each call (`__junctionRun`) and
 * live only in this closure, never on `globalThis`, so component code cannot pick them up.
 */

/** the parts of isolated-vm's Reference that the guest uses */
export interface HostReference {
  apply(receiver: undefined, args: unknown[], options: object): Promise<unknown>;
  applySync(receiver: undefined, args: unknown[], options: object): unknown;
  applyIgnored(receiver: undefined, args: unknown[], options: object): void;
}

type HostReply = { ok: true; value: unknown } | { ok: false; error: { name: string; message: string } };

let asyncHost: HostReference | undefined;
let syncHost: HostReference | undefined;

export function bindHost(asyncRef: HostReference, syncRef: HostReference): void {
  asyncHost = asyncRef;
  syncHost = syncRef;
}

export async function callHost(op: string, payload: unknown): Promise<unknown> {
  if (!asyncHost) throw new Error(`${op} is not available while the component loads`);
  const reply = (await asyncHost.apply(undefined, [op, payload], {
    arguments: { copy: true },
    result: { promise: true, copy: true },
  })) as HostReply;
  if (!reply.ok) throw hostError(reply.error);
  return reply.value;
}

export function callHostSync(op: string, payload: unknown): unknown {
  if (!syncHost) throw new Error(`${op} is not available while the component loads`);
  const reply = syncHost.applySync(undefined, [op, payload], {
    arguments: { copy: true },
    result: { copy: true },
  }) as HostReply;
  if (!reply.ok) throw hostError(reply.error);
  return reply.value;
}

/** fire and forget: logging must not wait for the host */
export function sendToHost(op: string, payload: unknown): void {
  syncHost?.applyIgnored(undefined, [op, payload], { arguments: { copy: true } });
}

function hostError(e: { name: string; message: string }): Error {
  const err = e.name === "SyntaxError" ? new SyntaxError(e.message) : new Error(e.message);
  if (err.name !== e.name) err.name = e.name;
  return err;
}
