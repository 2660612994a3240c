/**
 * Isolates pooled per component version. An isolate runs ONE action call at a time, each in a
 * fresh context: a call can then be stopped by disposing its isolate without touching any other
 * execution, and nothing a call leaves in globals is seen by the next call (another customer's,
 * maybe). The bundle is compiled once per isolate (with V8's code cache shared between isolates
 * of the version), and the next fresh context is prepared as soon as a call ends, off the
 * request path.
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
}

interface Prepared {
  context: ivm.Context;
  run: ivm.Reference<(...args: unknown[]) => unknown>;
}

interface Slot {
  isolate: ivm.Isolate;
  guest: ivm.Script;
  bundle: ivm.Script;
  next?: Promise<Prepared>;
  idleSince: number;
}

interface VersionPool {
  idle: Slot[];
  total: number;
  waiters: (() => void)[];
  codeCache?: ivm.ExternalCopy<ArrayBuffer>;
}

export interface Lease {
  isolate: ivm.Isolate;
  context: ivm.Context;
  run: ivm.Reference<(...args: unknown[]) => unknown>;
  /** hands the isolate back; `healthy: false` (or a disposed isolate) throws it away */
  release(healthy: boolean): void;
}

const IDLE_TTL_MS = 5 * 60_000;

export class IsolatePool {
  private versions = new Map<string, VersionPool>();
  private guestCodeCache?: ivm.ExternalCopy<ArrayBuffer>;
  private sweeper: NodeJS.Timeout;

  constructor(private limits: SandboxLimits) {
    this.sweeper = setInterval(() => this.sweep(), 60_000).unref();
  }

  async acquire(b: PoolBundle): Promise<Lease> {
    let vp = this.versions.get(b.key);
    if (!vp) {
      vp = { idle: [], total: 0, waiters: [] };
      this.versions.set(b.key, vp);
    }
    for (;;) {
      const slot = vp.idle.pop();
      if (slot) {
        try {
          return this.lease(vp, slot, await slot.next!);
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
    let created: Slot | undefined;
    try {
      created = await this.createSlot(vp, b);
      return this.lease(vp, created, await this.prepare(created));
    } catch (err) {
      if (created) this.discard(vp, created);
      else {
        vp.total--;
        vp.waiters.shift()?.();
      }
      throw err;
    }
  }

  dispose(): void {
    clearInterval(this.sweeper);
    for (const vp of this.versions.values()) for (const slot of vp.idle) this.disposeIsolate(slot.isolate);
    this.versions.clear();
  }

  private lease(vp: VersionPool, slot: Slot, prepared: Prepared): Lease {
    let released = false;
    return {
      isolate: slot.isolate,
      context: prepared.context,
      run: prepared.run,
      release: (healthy) => {
        if (released) return;
        released = true;
        prepared.run.release();
        prepared.context.release();
        if (!healthy || slot.isolate.isDisposed || vp.idle.length >= this.limits.idleIsolatesPerVersion) {
          this.discard(vp, slot);
          return;
        }
        slot.next = this.prepare(slot);
        slot.next.catch(() => undefined); // seen by the next acquire
        slot.idleSince = Date.now();
        vp.idle.push(slot);
        vp.waiters.shift()?.();
      },
    };
  }

  private async createSlot(vp: VersionPool, b: PoolBundle): Promise<Slot> {
    const isolate = new ivm.Isolate({ memoryLimit: this.limits.memoryMb });
    try {
      const guest = await isolate.compileScript(guestScriptSource(), {
        filename: GUEST_FILENAME,
        ...(this.guestCodeCache ? { cachedData: this.guestCodeCache } : { produceCachedData: true }),
      });
      this.guestCodeCache ??= (guest as ivm.Script & ivm.CachedDataResult).cachedData;
      const bundle = await isolate.compileScript(b.bundle, {
        filename: b.filename,
        ...(vp.codeCache ? { cachedData: vp.codeCache } : { produceCachedData: true }),
      });
      vp.codeCache ??= (bundle as ivm.Script & ivm.CachedDataResult).cachedData;
      return { isolate, guest, bundle, idleSince: Date.now() };
    } catch (err) {
      this.disposeIsolate(isolate);
      throw err;
    }
  }

  private async prepare(slot: Slot): Promise<Prepared> {
    const context = await slot.isolate.createContext();
    try {
      await slot.guest.run(context, { timeout: this.limits.cpuTimeoutMs });
      await slot.bundle.run(context, { timeout: this.limits.cpuTimeoutMs });
      const run = await context.global.get("__junctionRun", { reference: true });
      return { context, run };
    } catch (err) {
      context.release();
      throw err;
    }
  }

  private discard(vp: VersionPool, slot: Slot): void {
    vp.idle = vp.idle.filter((s) => s !== slot);
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
