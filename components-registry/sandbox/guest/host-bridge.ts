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
/** sent without waiting during the current call: the host waits for this many before it moves on */
let sent = 0;

export function bindHost(asyncRef: HostReference, syncRef: HostReference): void {
  asyncHost = asyncRef;
  syncHost = syncRef;
  sent = 0;
}

export const sentThisCall = () => sent;

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

/** fire and forget: logging must not wait for the host (only log lines go this way) */
export function sendToHost(op: "log", payload: unknown): void {
  if (!syncHost) return;
  syncHost.applyIgnored(undefined, [op, payload], { arguments: { copy: true } });
  sent++;
}

function hostError(e: { name: string; message: string }): Error {
  const err = e.name === "SyntaxError" ? new SyntaxError(e.message) : new Error(e.message);
  if (err.name !== e.name) err.name = e.name;
  return err;
}
