/**
 * The ActionRunner that runs every action in isolated-vm: the executor calls `run(invocation)`,
 * and the action sees only its inputs, the run's facts and the capabilities lent for the call.
 */
import type { ActionInvocation, ActionResult, ActionRunner, TriggerInvocation } from "../contract";
import { actionError, SandboxError } from "./errors";
import { createHostBridge, type HostBridge } from "./host/capabilities";
import { createGuardedAgent } from "./host/guarded-fetch";
import { SftpSessions } from "./host/sftp-sessions";
import { createHostClients } from "./host/create-host-clients";
import { IsolatePool, type Lease } from "./isolate-pool";
import { limitsFromEnv, networkPolicyFromEnv, type NetworkPolicy, type SandboxLimits } from "./limits";
import type { BundleLoader, LoadedBundle } from "./types";

export interface SandboxRunnerOptions {
  loadBundle: BundleLoader;
  /** defaults from the environment (see limits.ts) */
  limits?: Partial<SandboxLimits>;
  network?: Partial<NetworkPolicy>;
  /** how long an execution's idle SFTP (and SQL, Redis, AMQP, SMTP) connections stay open when `endExecution` is not called */
  sftpIdleMs?: number;
}

export interface SandboxRunner extends ActionRunner {
  /**
   * Runs one phase of a component trigger with the same limits and capabilities as an action.
   * Poll and acknowledge of one poll share `facts.executionId`, so they share the execution's
   * host connections (an AMQP channel) until `endExecution`. Resolves with what the phase returns
   * (poll: `{ items, cursor }`; deploy: the subscription state).
   */
  runTrigger(invocation: TriggerInvocation): Promise<unknown>;
  /** releases what the execution kept: its sandbox contexts and its SFTP, SQL, Redis, AMQP and SMTP connections */
  endExecution(executionId: string): Promise<void>;
  /** disposes every isolate and connection */
  close(): Promise<void>;
}

type StopReason = "timeout" | "cpu-timeout" | "aborted";

/** `lines`: how many log lines the call sent (see HostBridge.linesArrived) */
type Reply =
  { ok: true; result: ActionResult; lines: number } | { ok: false; error: { name: string; message: string; stack: string }; lines: number };

export function createSandboxRunner(options: SandboxRunnerOptions): SandboxRunner {
  const limits: SandboxLimits = { ...limitsFromEnv(), ...options.limits };
  const network: NetworkPolicy = { ...networkPolicyFromEnv(), ...options.network };
  const agent = createGuardedAgent(network);
  const sftp = new SftpSessions(network, options.sftpIdleMs);
  const clients = createHostClients(network, options.sftpIdleMs ?? 30_000);
  const pool = new IsolatePool<HostBridge>(limits, () => createHostBridge({ agent, network, sftp, clients }));

  async function run(inv: ActionInvocation): Promise<ActionResult> {
    const name = `${inv.component}.${inv.action}`;
    if (inv.signal?.aborted) throw new SandboxError("aborted", `Action ${name} was canceled`);
    const loaded = await options.loadBundle(inv.component, inv.version);
    const manifest = Object.prototype.hasOwnProperty.call(loaded.manifest.actions, inv.action)
      ? loaded.manifest.actions[inv.action]
      : undefined;
    if (!manifest) {
      throw new SandboxError("unknown-action", `Component "${inv.component}" ${loaded.version} has no action "${inv.action}"`);
    }
    if (manifest.structural) {
      throw new SandboxError("structural", `${name} is a structural action: the executor runs it, not the sandbox`);
    }
    let lease: Lease<HostBridge>;
    try {
      lease = await pool.acquire(
        {
          key: `${loaded.versionId}:${loaded.sha256}`,
          bundle: loaded.bundle,
          filename: `${inv.component}@${loaded.version}.js`,
          shared: loaded.contextScope === "customer",
        },
        contextKey(loaded.contextScope, inv),
      );
    } catch (err) {
      throw new SandboxError("load-failed", `Component ${inv.component}@${loaded.version} failed to load: ${(err as Error).message}`);
    }

    return call(inv, loaded, lease, name, {
      action: inv.action,
      inputs: inv.inputs,
      facts: factsFor(loaded, inv),
      stepResults: manifest.readsStepResults ? inv.stepResults : undefined,
    });
  }

  async function runTrigger(t: TriggerInvocation): Promise<unknown> {
    const name = `${t.component} trigger ${t.trigger} (${t.phase})`;
    if (t.signal?.aborted) throw new SandboxError("aborted", `${name} was canceled`);
    const loaded = await options.loadBundle(t.component, t.version);
    if (!loaded.manifest.triggers || !Object.prototype.hasOwnProperty.call(loaded.manifest.triggers, t.trigger)) {
      throw new SandboxError("unknown-action", `Component "${t.component}" ${loaded.version} has no trigger "${t.trigger}"`);
    }
    const inv: ActionInvocation = { ...t, action: t.trigger, stepResults: {} };
    let lease: Lease<HostBridge>;
    try {
      lease = await pool.acquire(
        {
          key: `${loaded.versionId}:${loaded.sha256}`,
          bundle: loaded.bundle,
          filename: `${t.component}@${loaded.version}.js`,
          shared: loaded.contextScope === "customer",
        },
        contextKey(loaded.contextScope, inv),
      );
    } catch (err) {
      throw new SandboxError("load-failed", `Component ${t.component}@${loaded.version} failed to load: ${(err as Error).message}`);
    }
    const request = {
      trigger: t.trigger,
      phase: t.phase,
      inputs: t.inputs,
      cursor: t.cursor,
      items: t.items,
      subscription: t.subscription,
    };
    const result = await call(inv, loaded, lease, name, {
      action: t.trigger,
      inputs: t.inputs,
      facts: factsFor(loaded, inv),
      trigger: request,
    });
    return result.data;
  }

  /** one call into the guest's `__junctionRun` under the watchdog; the lease is released here */
  async function call(
    inv: ActionInvocation,
    loaded: LoadedBundle,
    lease: Lease<HostBridge>,
    name: string,
    request: object,
  ): Promise<ActionResult> {
    const ended = new AbortController();
    const host = lease.attached;
    host.bind({ invocation: inv, isolate: lease.isolate, context: lease.context, signal: ended.signal, cpuTimeoutMs: limits.cpuTimeoutMs });
    let stopped: StopReason | undefined;
    const stop = (reason: StopReason) => {
      stopped ??= reason;
      ended.abort(CALL_ENDED);
      if (!lease.isolate.isDisposed) lease.isolate.dispose();
    };
    const watchdog = watch(lease, limits, inv.signal, stop);
    let reply: Reply;
    let failed = false;
    try {
      reply = (await lease.run.apply(
        undefined,
        [request, host.asyncRef, host.syncRef],
        // no `timeout` here: the watchdog covers wall and CPU time, also after the first await
        { arguments: { copy: true }, result: { promise: true, copy: true } },
      )) as Reply;
      await host.linesArrived(reply.lines, LATE_LINES_MS);
    } catch (err) {
      failed = true;
      throw infrastructureError(err, name, stopped, lease, limits);
    } finally {
      watchdog();
      host.unbind();
      ended.abort(CALL_ENDED);
      // an action that returned with host calls still running (a fetch it did not await) would
      // resume inside the next call on this context: that context is not kept
      lease.release(!failed && !lease.isolate.isDisposed, host.pending() === 0);
    }
    if (!reply.ok) throw actionError(reply.error);
    const { data, contentType, statusCode, headers } = reply.result;
    return { data, contentType, statusCode, headers };
  }

  return {
    run,
    runTrigger,
    async endExecution(executionId) {
      pool.forget(executionKey(executionId));
      await Promise.all([sftp.end(executionId), ...Object.values(clients).map((c) => c.end(executionId))]);
    },
    async close() {
      pool.dispose();
      await Promise.all([sftp.closeAll(), ...Object.values(clients).map((c) => c.closeAll())]);
      await agent.close();
    },
  };
}

const executionKey = (executionId: string) => `execution:${executionId}`;

/** how long a finished call waits for log lines still on their way (they normally are not) */
const LATE_LINES_MS = 1000;

/** the reason a call's signal gives: made once, since abort() without one builds a DOMException (and its stack) per call */
const CALL_ENDED = new SandboxError("aborted", "The action call has ended");

/**
 * What the action is told of the run. Only trusted code (the built-ins, whose contexts may be shared
 * per customer) sees the credential config values in `configVars`; an uploaded component gets its
 * credentials only through the inputs a builder bound to them.
 */
function factsFor(loaded: LoadedBundle, inv: ActionInvocation) {
  if (loaded.contextScope === "customer" || inv.configVarsWithoutCredentials === undefined) return inv.facts;
  return { ...inv.facts, configVars: inv.configVarsWithoutCredentials };
}

/** which calls may share a context (see LoadedBundle.contextScope) */
function contextKey(scope: LoadedBundle["contextScope"], inv: ActionInvocation): string {
  return scope === "customer" && inv.facts.customer ? `customer:${inv.facts.customer.id}` : executionKey(inv.facts.executionId);
}

/** stops the call on wall-clock timeout, CPU timeout or the invocation's abort signal */
function watch(lease: Lease<HostBridge>, limits: SandboxLimits, signal: AbortSignal | undefined, stop: (r: StopReason) => void) {
  const wall = setTimeout(() => stop("timeout"), limits.timeoutMs);
  // CPU time never runs ahead of wall time in one isolate, so a CPU limit at or above the wall limit needs no polling
  const cpuStart = lease.isolate.cpuTime;
  const cpu =
    limits.cpuTimeoutMs < limits.timeoutMs
      ? setInterval(
          () => {
            if (!lease.isolate.isDisposed && Number(lease.isolate.cpuTime - cpuStart) / 1e6 > limits.cpuTimeoutMs) stop("cpu-timeout");
          },
          Math.max(10, Math.min(100, limits.cpuTimeoutMs / 4)),
        )
      : undefined;
  const onAbort = () => stop("aborted");
  signal?.addEventListener("abort", onAbort, { once: true });
  return () => {
    clearTimeout(wall);
    clearInterval(cpu);
    signal?.removeEventListener("abort", onAbort);
  };
}

/** the call failed outside the action's own try/catch: a limit, a disposed isolate, an uncopyable result */
function infrastructureError(
  err: unknown,
  name: string,
  stopped: StopReason | undefined,
  lease: Lease<HostBridge>,
  limits: SandboxLimits,
): Error {
  const message = String((err as Error)?.message ?? err);
  if (stopped === "timeout") {
    return new SandboxError("timeout", `Action ${name} timed out after ${limits.timeoutMs} ms (JUNCTION_ACTION_TIMEOUT_MS)`);
  }
  if (stopped === "cpu-timeout") {
    return new SandboxError(
      "cpu-timeout",
      `Action ${name} used more than ${limits.cpuTimeoutMs} ms of CPU time (JUNCTION_ACTION_CPU_TIMEOUT_MS)`,
    );
  }
  if (stopped === "aborted") return new SandboxError("aborted", `Action ${name} was canceled`);
  if (lease.isolate.isDisposed) {
    return new SandboxError("memory", `Action ${name} exceeded the memory limit of ${limits.memoryMb} MB (JUNCTION_SANDBOX_MEMORY_MB)`);
  }
  if (/could not be cloned/.test(message)) {
    return new SandboxError(
      "not-cloneable",
      `Action ${name} returned a value that cannot leave the sandbox (${message.replace(/\.$/, "")}). ` +
        "Return plain data: objects, lists, text, numbers, booleans, null, dates and bytes.",
    );
  }
  return new SandboxError("load-failed", `Action ${name} failed in the sandbox: ${message}`);
}
