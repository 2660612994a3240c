/**
 * The host side of one action call: the two references lent to the sandbox and what each
 * operation does. Replies are `{ ok, value } | { ok: false, error }` so host errors cross as data.
 * Once `close()` runs (the call ended), nothing the sandbox still has pending reaches the host.
 */
import ivm from "isolated-vm";
import type { ActionInvocation, LogLevel, StateScope } from "../../contract";
import type { NetworkPolicy } from "../limits";
import { guardedFetch, type FetchRequest } from "./guarded-fetch";
import type { Agent } from "undici";
import type { SftpSessions } from "./sftp-sessions";

export interface CallScope {
  invocation: ActionInvocation;
  isolate: ivm.Isolate;
  context: ivm.Context;
  /** aborted when the call ends, for whatever reason */
  signal: AbortSignal;
  cpuTimeoutMs: number;
}

export interface HostDeps {
  agent: Agent;
  network: NetworkPolicy;
  sftp: SftpSessions;
}

type Reply = { ok: true; value: unknown } | { ok: false; error: { name: string; message: string } };

const LEVELS: readonly LogLevel[] = ["debug", "info", "warn", "error"];
const SCOPES: readonly StateScope[] = ["flow", "instance"];

export function lendCapabilities(scope: CallScope, deps: HostDeps) {
  const { invocation: inv, signal } = scope;
  const ops = asyncOps(scope, deps);

  const asyncRef = new ivm.Reference(async (op: string, payload: unknown): Promise<Reply> => {
    try {
      if (signal.aborted) throw new Error("The action has already finished");
      const handler = Object.prototype.hasOwnProperty.call(ops, op) ? ops[op] : undefined;
      if (!handler) throw new Error(`Unknown host operation "${op}"`);
      return { ok: true, value: await handler((payload ?? {}) as Record<string, unknown>) };
    } catch (err) {
      const e = err as Error;
      return { ok: false, error: { name: String(e?.name ?? "Error"), message: String(e?.message ?? err) } };
    }
  });

  const syncRef = new ivm.Reference((op: string, payload: unknown): Reply | undefined => {
    if (signal.aborted) return { ok: false, error: { name: "Error", message: "The action has already finished" } };
    if (op === "log") {
      const { level, message } = (payload ?? {}) as { level?: LogLevel; message?: unknown };
      inv.logger.log(LEVELS.includes(level!) ? level! : "info", String(message));
      return undefined;
    }
    if (op === "stepResults") return { ok: true, value: inv.stepResults ?? {} };
    return { ok: false, error: { name: "Error", message: `Unknown host operation "${op}"` } };
  });

  return {
    asyncRef,
    syncRef,
    close() {
      asyncRef.release();
      syncRef.release();
    },
  };
}

type Handler = (p: Record<string, unknown>) => Promise<unknown>;

function asyncOps(scope: CallScope, deps: HostDeps): Record<string, Handler> {
  const { invocation: inv, signal } = scope;
  const executionId = inv.facts.executionId;
  const key = (p: Record<string, unknown>) => {
    if (typeof p.key !== "string" || p.key === "") throw new Error("A state key must be a non-empty string");
    return p.key;
  };
  const stateScope = (p: Record<string, unknown>): StateScope => {
    if (!SCOPES.includes(p.scope as StateScope)) throw new Error(`State scope must be "flow" or "instance", got ${String(p.scope)}`);
    return p.scope as StateScope;
  };
  const args = (p: Record<string, unknown>) => (Array.isArray(p.args) ? p.args : []) as [string, never];
  const str = (v: unknown, what: string) => {
    if (typeof v !== "string" || v === "") throw new Error(`${what} must be a non-empty string`);
    return v;
  };

  return {
    fetch: (p) => guardedFetch(p as unknown as FetchRequest, { agent: deps.agent, policy: deps.network, signal }),
    sleep: (p) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(0, Number(p.ms) || 0));
        signal.addEventListener("abort", () => clearTimeout(timer), { once: true });
      }),
    "state.get": async (p) => (await inv.state.get(stateScope(p), key(p))) ?? null,
    "state.set": (p) => inv.state.set(stateScope(p), key(p), p.value ?? null),
    "state.delete": (p) => inv.state.delete(stateScope(p), key(p)),
    "sftp.list": (p) => deps.sftp.list(executionId, p.connection, str(args(p)[0], "path")),
    "sftp.stat": (p) => deps.sftp.stat(executionId, p.connection, str(args(p)[0], "path")),
    "sftp.read": (p) => deps.sftp.read(executionId, p.connection, str(args(p)[0], "path")),
    "sftp.write": (p) => {
      const [path, content] = args(p) as unknown as [string, Uint8Array | string];
      return deps.sftp.write(executionId, p.connection, str(path, "path"), content ?? "");
    },
    "sftp.delete": (p) => deps.sftp.delete(executionId, p.connection, str(args(p)[0], "path")),
    "sftp.rename": (p) => {
      const [from, to] = args(p) as unknown as [string, string];
      return deps.sftp.rename(executionId, p.connection, str(from, "from"), str(to, "to"));
    },
    compile: (p) => compileModule(scope, p),
  };
}

/** compiles user source in the call's isolate under its own file name and runs it in the call's context */
async function compileModule(scope: CallScope, p: Record<string, unknown>): Promise<null> {
  const id = Number(p.id);
  if (!Number.isSafeInteger(id)) throw new Error("compile: bad module id");
  const filename = typeof p.filename === "string" && /^[\w.-]{1,100}$/.test(p.filename) ? p.filename : "module.js";
  // the wrapper's first line is numbered 0, so the user's first line is line 1
  const wrapped = `__junctionDefine(${id}, function (module, exports) {\n${String(p.source)}\n});`;
  const script = await scope.isolate.compileScript(wrapped, { filename, lineOffset: -1 });
  try {
    await script.run(scope.context, { timeout: scope.cpuTimeoutMs });
  } finally {
    script.release();
  }
  return null;
}
