/**
 * The host side of action calls: the two references lent to the sandbox and what each operation
 * does. Replies are `{ ok, value } | { ok: false, error }` so host errors cross as data. Once a
 * call has ended, nothing the sandbox still has pending reaches the host.
 */
import ivm from "isolated-vm";
import type { ActionInvocation, LogLevel, StateScope } from "@/components-registry/contract";
import type { NetworkPolicy } from "../limits";
import { guardedFetch, type FetchRequest } from "./guarded-fetch";
import type { Agent } from "undici";
import { CallBudget } from "./call-budget";
import type { SftpSessions } from "./sftp-sessions";
import type { ClientNamespace, HostClients } from "./host-clients";
import { hostCrypto } from "./host-crypto";

export interface CallScope {
  invocation: ActionInvocation;
  isolate: ivm.Isolate;
  context: ivm.Context;
  /** aborted when the call ends, for whatever reason */
  signal: AbortSignal;
  cpuTimeoutMs: number;
  /** lines logged so far in this call */
  logLines?: number;
  /** the call's share of the host's network, made at its first network operation */
  budget?: CallBudget;
}

export interface HostDeps {
  agent: Agent;
  network: NetworkPolicy;
  sftp: SftpSessions;
  /** the TCP capabilities, by the namespace the guest calls them with */
  clients: Record<ClientNamespace, HostClients>;
}

type Reply = { ok: true; value: unknown } | { ok: false; error: { name: string; message: string } };

/** a step that logs in a tight loop must not flood the host */
const MAX_LOG_LINES = 5000;
const LEVELS: readonly LogLevel[] = ["debug", "info", "warn", "error"];
const SCOPES: readonly StateScope[] = ["flow", "instance"];

/**
 * The references one context holds for its whole life (made while the context is prepared, off
 * the call path); `bind` points them at the call being run, `unbind` cuts them off again.
 */
export interface HostBridge {
  asyncRef: ivm.Reference<(op: string, payload: unknown) => Promise<Reply>>;
  syncRef: ivm.Reference<(op: string, payload: unknown) => Reply | undefined>;
  bind(scope: CallScope): void;
  unbind(): void;
  /** host operations started and not yet answered */
  pending(): number;
  /**
   * resolves once the bound call's `count` log lines have arrived (or after `timeoutMs`): lines
   * are sent without waiting, and isolated-vm may deliver the call's result before the last of
   * them, which the host would drop once the call is unbound
   */
  linesArrived(count: number, timeoutMs: number): Promise<void>;
  release(): void;
}

const finished: Reply = { ok: false, error: { name: "Error", message: "The action has already finished" } };

export function createHostBridge(deps: HostDeps): HostBridge {
  let scope: CallScope | undefined;
  let released = false;
  let pending = 0;
  let awaitingLines: { count: number; done: () => void } | undefined;

  const asyncRef = new ivm.Reference(async (op: string, payload: unknown): Promise<Reply> => {
    const current = scope;
    if (!current || current.signal.aborted) return finished;
    pending++;
    try {
      const handler = Object.prototype.hasOwnProperty.call(ASYNC_OPS, op) ? ASYNC_OPS[op] : clientHandler(deps, op);
      if (!handler) throw new Error(`Unknown host operation "${op}"`);
      const p = (payload ?? {}) as Record<string, unknown>;
      if (!usesNetwork(op)) return { ok: true, value: await handler(current, deps, p) };
      current.budget ??= new CallBudget(deps.network.hostConcurrency, deps.network.inflightBytes);
      return { ok: true, value: await current.budget.run(() => handler(current, deps, p)) };
    } catch (err) {
      const e = err as Error;
      return { ok: false, error: { name: String(e?.name ?? "Error"), message: String(e?.message ?? err) } };
    } finally {
      pending--;
    }
  });

  const syncRef = new ivm.Reference((op: string, payload: unknown): Reply | undefined => {
    const current = scope;
    if (!current || current.signal.aborted) return finished;
    const inv = current.invocation;
    if (op === "log") {
      const { level, message } = (payload ?? {}) as { level?: LogLevel; message?: unknown };
      current.logLines = (current.logLines ?? 0) + 1;
      if (current.logLines <= MAX_LOG_LINES) inv.logger.log(LEVELS.includes(level!) ? level! : "info", String(message));
      else if (current.logLines === MAX_LOG_LINES + 1)
        inv.logger.log("warn", `more than ${MAX_LOG_LINES} log lines: the rest of this step's lines are dropped`);
      if (awaitingLines && current.logLines >= awaitingLines.count) awaitingLines.done();
      return undefined;
    }
    if (op === "stepResults") return { ok: true, value: inv.stepResults ?? {} };
    if (op.startsWith("crypto.")) {
      try {
        return { ok: true, value: hostCrypto(op.slice("crypto.".length), args((payload ?? {}) as Record<string, unknown>)) };
      } catch (err) {
        return { ok: false, error: { name: "Error", message: (err as Error).message } };
      }
    }
    return { ok: false, error: { name: "Error", message: `Unknown host operation "${op}"` } };
  });

  return {
    asyncRef,
    syncRef,
    bind: (s) => void (scope = s),
    unbind: () => void (scope = undefined),
    pending: () => pending,
    linesArrived(count, timeoutMs) {
      if ((scope?.logLines ?? 0) >= count) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          awaitingLines = undefined;
          resolve();
        };
        const timer = setTimeout(done, timeoutMs);
        awaitingLines = { count, done };
      });
    },
    release() {
      scope = undefined;
      if (released) return;
      released = true;
      asyncRef.release();
      syncRef.release();
    },
  };
}

type Handler = (scope: CallScope, deps: HostDeps, p: Record<string, unknown>) => Promise<unknown>;

const key = (p: Record<string, unknown>) => {
  if (typeof p.key !== "string" || p.key === "") throw new Error("A state key must be a non-empty string");
  return p.key;
};
const stateScope = (p: Record<string, unknown>): StateScope => {
  if (!SCOPES.includes(p.scope as StateScope)) throw new Error(`State scope must be "flow" or "instance", got ${String(p.scope)}`);
  return p.scope as StateScope;
};
const args = (p: Record<string, unknown>) => (Array.isArray(p.args) ? p.args : []) as unknown[];
const str = (v: unknown, what: string) => {
  if (typeof v !== "string" || v === "") throw new Error(`${what} must be a non-empty string`);
  return v;
};
const execution = (s: CallScope) => s.invocation.facts.executionId;

const NETWORK_NAMESPACES = new Set(["sftp", "sql", "redis", "amqp", "smtp"]);
/** operations that take a turn of the call's network budget */
const usesNetwork = (op: string) => op === "fetch" || NETWORK_NAMESPACES.has(op.slice(0, op.indexOf(".")));

/** `sql.query`, `redis.command`, …: a TCP capability's method */
function clientHandler(deps: HostDeps, op: string): Handler | undefined {
  const dot = op.indexOf(".");
  const namespace = op.slice(0, dot);
  const clients =
    dot > 0 && Object.prototype.hasOwnProperty.call(deps.clients, namespace) ? deps.clients[namespace as ClientNamespace] : undefined;
  if (!clients) return undefined;
  const method = op.slice(dot + 1);
  return (s, _deps, p) => clients.call({ executionId: execution(s), signal: s.signal, budget: s.budget }, method, p.connection, args(p));
}

const ASYNC_OPS: Record<string, Handler> = {
  fetch: (s, deps, p) =>
    guardedFetch(p as unknown as FetchRequest, { agent: deps.agent, policy: deps.network, signal: s.signal, budget: s.budget }),
  sleep: (s, _deps, p) =>
    new Promise<void>((resolve) => {
      const cancel = () => clearTimeout(timer);
      const timer = setTimeout(
        () => {
          s.signal.removeEventListener("abort", cancel);
          resolve();
        },
        Math.max(0, Number(p.ms) || 0),
      );
      s.signal.addEventListener("abort", cancel, { once: true });
    }),
  "state.get": async (s, _deps, p) => (await s.invocation.state.get(stateScope(p), key(p))) ?? null,
  "state.set": (s, _deps, p) => s.invocation.state.set(stateScope(p), key(p), p.value ?? null),
  "state.delete": (s, _deps, p) => s.invocation.state.delete(stateScope(p), key(p)),
  "sftp.list": (s, deps, p) => deps.sftp.list(execution(s), p.connection, str(args(p)[0], "path")),
  "sftp.stat": (s, deps, p) => deps.sftp.stat(execution(s), p.connection, str(args(p)[0], "path")),
  "sftp.read": (s, deps, p) => deps.sftp.read(execution(s), p.connection, str(args(p)[0], "path"), s.budget),
  "sftp.write": (s, deps, p) => {
    const [path, content] = args(p) as [unknown, Uint8Array | string | undefined];
    return deps.sftp.write(execution(s), p.connection, str(path, "path"), content ?? "");
  },
  "sftp.delete": (s, deps, p) => deps.sftp.delete(execution(s), p.connection, str(args(p)[0], "path")),
  "sftp.rename": (s, deps, p) => {
    const [from, to] = args(p);
    return deps.sftp.rename(execution(s), p.connection, str(from, "from"), str(to, "to"));
  },
  compile: (s, _deps, p) => compileModule(s, p),
};

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
