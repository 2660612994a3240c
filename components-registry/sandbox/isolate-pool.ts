/**
 * Isolates pooled per component version.
 *
 * - An isolate runs ONE action call at a time: a call that loops or blows its memory is stopped by
 *   disposing its isolate, and no other execution is touched.
 * - Contexts belong to one context key: an execution, or for trusted built-ins one customer (see
 *   LoadedBundle.contextScope). The first call under a key on an isolate gets a fresh context,
 *   prepared (guest script and bundle already run) as soon as the isolate went idle, so off the
 *   request path. Later calls under the SAME key on that isolate reuse its context (a loop over
 *   1,000 items pays for one context, not 1,000); another key never sees it: it is released when
 *   the isolate is taken under another key, when the execution ends (`forget`), after
 *   MAX_CONTEXT_USES calls, or when the isolate is retired.
 * - The bundle is compiled once per isolate, with V8's code cache shared by the version's isolates.
 */
import ivm from "isolated-vm";
import { GUEST_FILENAME, guestScriptSource } from "./guest-script";
import type { SandboxLimits } from "./limits";

export interface PoolBundle {
  /** identifies the exact code: version id and sha */
  key: string;
  bundle: string;
  /** what stack frames call the bundle, e.g. "http@1.0.0.js" */
  filename: string;
  /** its contexts serve several executions (a customer's), so their globals are hardened */
  shared: boolean;
}

type RunFunction = ivm.Reference<(...args: unknown[]) => unknown>;

/** something that lives and dies with a context (the host references lent to it) */
export interface Attachment {
  release(): void;
}

interface Prepared<A extends Attachment> {
  context: ivm.Context;
  run: RunFunction;
  attached: A;
}

interface Slot<A extends Attachment> {
  isolate: ivm.Isolate;
  guest: ivm.Script;
  bundle: ivm.Script;
  /** a never-used context, being prepared or ready */
  fresh?: Promise<Prepared<A>>;
  ready: boolean;
  /** the context of the execution that used this isolate last */
  kept?: { contextKey: string; prepared: Prepared<A>; uses: number };
  idleSince: number;
}

interface VersionPool<A extends Attachment> {
  idle: Slot<A>[];
  total: number;
  waiters: (() => void)[];
  codeCache?: ivm.ExternalCopy<ArrayBuffer>;
}

export interface Lease<A extends Attachment = Attachment> {
  isolate: ivm.Isolate;
  context: ivm.Context;
  run: RunFunction;
  attached: A;
  /**
   * hands the isolate back; `healthy: false` (or a disposed isolate) throws it away, and
   * `keepContext: false` releases the context instead of keeping it for later calls under its key
   */
  release(healthy: boolean, keepContext?: boolean): void;
}

const IDLE_TTL_MS = 5 * 60_000;
/** a context kept across calls is made anew after this many, so nothing grows without bound */
const MAX_CONTEXT_USES = 1000;

export class IsolatePool<A extends Attachment> {
  private versions = new Map<string, VersionPool<A>>();
  private guestCodeCache?: ivm.ExternalCopy<ArrayBuffer>;
  private sweeper: NodeJS.Timeout;

  constructor(
    private limits: SandboxLimits,
    /** made with each context, released with it */
    private attach: () => A,
  ) {
    this.sweeper = setInterval(() => this.sweep(), 60_000).unref();
  }

  async acquire(b: PoolBundle, contextKey: string): Promise<Lease<A>> {
    let vp = this.versions.get(b.key);
    if (!vp) {
      vp = { idle: [], total: 0, waiters: [] };
      this.versions.set(b.key, vp);
    }
    for (;;) {
      const slot = this.takeIdle(vp, contextKey);
      if (slot) {
        if (slot.kept?.contextKey === contextKey && !slot.isolate.isDisposed) {
          const { prepared, uses } = slot.kept;
          slot.kept = undefined; // leased now; it comes back on release
          return this.lease(vp, slot, contextKey, prepared, uses);
        }
        this.dropKept(slot);
        try {
          const prepared = await slot.fresh!;
          slot.fresh = undefined;
          return this.lease(vp, slot, contextKey, prepared, 0);
        } catch {
          // its isolate died while idle (or preparing): replace it
          this.discard(vp, slot);
          continue;
        }
      }
      if (vp.total < this.limits.maxIsolatesPerVersion) break;
      await new Promise<void>((resolve) => vp!.waiters.push(resolve));
    }
    vp.total++;
    let created: Slot<A> | undefined;
    try {
      created = await this.createSlot(vp, b);
      return this.lease(vp, created, contextKey, await this.prepare(created), 0);
    } catch (err) {
      if (created) this.discard(vp, created);
      else {
        vp.total--;
        vp.waiters.shift()?.();
      }
      throw err;
    }
  }

  /** releases the contexts an execution kept */
  forget(contextKey: string): void {
    for (const vp of this.versions.values()) {
      for (const slot of vp.idle) if (slot.kept?.contextKey === contextKey) this.dropKept(slot);
    }
  }

  dispose(): void {
    clearInterval(this.sweeper);
    for (const vp of this.versions.values()) for (const slot of vp.idle) this.disposeIsolate(slot.isolate);
    this.versions.clear();
  }

  /** the execution's own isolate first, then one whose fresh context is ready, then the longest idle */
  private takeIdle(vp: VersionPool<A>, contextKey: string): Slot<A> | undefined {
    const i = [
      vp.idle.findIndex((s) => s.kept?.contextKey === contextKey),
      vp.idle.findIndex((s) => s.ready),
      vp.idle.length ? 0 : -1,
    ].find((x) => x >= 0);
    return i === undefined ? undefined : vp.idle.splice(i, 1)[0];
  }

  private lease(vp: VersionPool<A>, slot: Slot<A>, contextKey: string, prepared: Prepared<A>, uses: number): Lease<A> {
    let released = false;
    return {
      isolate: slot.isolate,
      context: prepared.context,
      run: prepared.run,
      attached: prepared.attached,
      release: (healthy, keepContext = true) => {
        if (released) return;
        released = true;
        if (!healthy || slot.isolate.isDisposed || vp.idle.length >= this.limits.idleIsolatesPerVersion) {
          prepared.attached.release();
          this.discard(vp, slot);
          return;
        }
        slot.kept = { contextKey, prepared, uses: uses + 1 };
        if (!keepContext || uses + 1 >= MAX_CONTEXT_USES) this.dropKept(slot);
        if (!slot.fresh) {
          slot.ready = false;
          // after the caller has its result: starting a context costs the host a little too
          slot.fresh = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.prepare(slot));
          slot.fresh.then(
            () => (slot.ready = true),
            () => undefined, // seen by the acquire that takes this slot
          );
        }
        slot.idleSince = Date.now();
        vp.idle.push(slot);
        vp.waiters.shift()?.();
      },
    };
  }

  private async createSlot(vp: VersionPool<A>, b: PoolBundle): Promise<Slot<A>> {
    const isolate = new ivm.Isolate({ memoryLimit: this.limits.memoryMb });
    try {
      const guest = await isolate.compileScript(guestScriptSource(), {
        filename: GUEST_FILENAME,
        ...(this.guestCodeCache ? { cachedData: this.guestCodeCache } : { produceCachedData: true }),
      });
      this.guestCodeCache ??= (guest as ivm.Script & ivm.CachedDataResult).cachedData;
      // the script warms the context up and its completion value is the entry point: one round
      // trip per context for both (see guest/index.ts)
      const bundle = await isolate.compileScript(`${b.bundle}\n;__junctionWarm(${b.shared}), __junctionRun`, {
        filename: b.filename,
        ...(vp.codeCache ? { cachedData: vp.codeCache } : { produceCachedData: true }),
      });
      vp.codeCache ??= (bundle as ivm.Script & ivm.CachedDataResult).cachedData;
      return { isolate, guest, bundle, ready: false, idleSince: Date.now() };
    } catch (err) {
      this.disposeIsolate(isolate);
      throw err;
    }
  }

  private async prepare(slot: Slot<A>): Promise<Prepared<A>> {
    const context = await slot.isolate.createContext();
    try {
      // not awaited: the isolate runs its tasks in order, and the bundle, run next, fails without it
      slot.guest.runIgnored(context, { timeout: this.limits.cpuTimeoutMs });
      const run = (await slot.bundle.run(context, { timeout: this.limits.cpuTimeoutMs, reference: true })) as RunFunction;
      return { context, run, attached: this.attach() };
    } catch (err) {
      context.release();
      throw err;
    }
  }

  private dropKept(slot: Slot<A>): void {
    if (!slot.kept) return;
    const { prepared } = slot.kept;
    slot.kept = undefined;
    prepared.attached.release();
    // released after the current call has started: it need not wait for this
    setImmediate(() => {
      if (slot.isolate.isDisposed) return;
      prepared.run.release();
      prepared.context.release();
    });
  }

  private discard(vp: VersionPool<A>, slot: Slot<A>): void {
    vp.idle = vp.idle.filter((s) => s !== slot);
    this.dropKept(slot);
    slot.fresh?.then(
      (p) => p.attached.release(),
      () => undefined,
    );
    this.disposeIsolate(slot.isolate);
    vp.total--;
    vp.waiters.shift()?.();
  }

  private disposeIsolate(isolate: ivm.Isolate): void {
    if (!isolate.isDisposed) isolate.dispose();
  }

  private sweep(): void {
    const cutoff = Date.now() - IDLE_TTL_MS;
    for (const [key, vp] of this.versions) {
      for (const slot of vp.idle.filter((s) => s.idleSince < cutoff)) this.discard(vp, slot);
      if (vp.total === 0 && vp.waiters.length === 0) this.versions.delete(key);
    }
  }
}
