/**
 * Connections kept per execution and per connection value: the steps of one execution that name
 * the same server and sign-in share one connection; executions never share one. An execution's
 * connections close when it ends (`end`) or after it has been idle `idleMs` — idle meaning no
 * operation running through `use` — and one execution may hold at most `maxPerExecution` at once.
 */
import { createHash } from "node:crypto";
import type { NetworkPolicy } from "../limits";
import type { HostCall, HostClients } from "./host-clients";

interface Held<C> {
  clients: Map<string, Promise<C>>;
  timer?: NodeJS.Timeout;
  /** operations running through `use`: the execution is not idle while any runs */
  busy: number;
}

export interface PoolOptions<C> {
  /** what the capability is called in messages ("SQL", "Redis") */
  what: string;
  open(connection: unknown): Promise<C>;
  close(client: C): Promise<void>;
  maxPerExecution: number;
  idleMs: number;
}

export class ExecutionPool<C> {
  private executions = new Map<string, Held<C>>();
  /** how many times an idle timer has gone off (tests wait on it instead of sleeping) */
  idleChecks = 0;

  constructor(private options: PoolOptions<C>) {}

  /**
   * runs `op` with the execution's client for this connection value; the connection is not closed
   * as idle while `op` runs, however long (a slow statement, a large file)
   */
  async use<T>(executionId: string, connection: unknown, op: (client: C) => Promise<T>): Promise<T> {
    const client = await this.get(executionId, connection);
    const held = this.executions.get(executionId);
    if (held) held.busy++;
    try {
      return await op(client);
    } finally {
      if (held) {
        held.busy--;
        if (this.executions.get(executionId) === held) this.arm(executionId, held);
      }
    }
  }

  /** the execution's client for this connection value, opened on first use */
  get(executionId: string, connection: unknown): Promise<C> {
    let held = this.executions.get(executionId);
    if (!held) {
      held = { clients: new Map(), busy: 0 };
      this.executions.set(executionId, held);
    }
    this.arm(executionId, held);
    const key = createHash("sha256")
      .update(JSON.stringify(connection ?? null))
      .digest("hex");
    let client = held.clients.get(key);
    if (client) return client;
    if (held.clients.size >= this.options.maxPerExecution) {
      throw new Error(
        `An execution may hold at most ${this.options.maxPerExecution} ${this.options.what} connections at once (JUNCTION_SANDBOX_MAX_CONNECTIONS)`,
      );
    }
    const forget = () => {
      if (held!.clients.get(key) === client) held!.clients.delete(key);
    };
    client = this.options.open(connection);
    held.clients.set(key, client);
    client.catch(forget);
    return client;
  }

  /** (re)starts the idle timer; when it fires during an operation it waits for another idle period */
  private arm(executionId: string, held: Held<C>): void {
    clearTimeout(held.timer);
    held.timer = setTimeout(() => {
      this.idleChecks++;
      if (held.busy > 0) this.arm(executionId, held);
      else void this.end(executionId);
    }, this.options.idleMs).unref();
  }

  /** drops a client that broke, so the next call opens a new one */
  async discard(executionId: string, connection: unknown): Promise<void> {
    const held = this.executions.get(executionId);
    const key = createHash("sha256")
      .update(JSON.stringify(connection ?? null))
      .digest("hex");
    const client = held?.clients.get(key);
    if (!held || !client) return;
    held.clients.delete(key);
    await client.then((c) => this.options.close(c)).catch(() => undefined);
  }

  /** closes the execution's connections */
  async end(executionId: string): Promise<void> {
    const held = this.executions.get(executionId);
    if (!held) return;
    this.executions.delete(executionId);
    clearTimeout(held.timer);
    await Promise.all([...held.clients.values()].map((p) => p.then((c) => this.options.close(c)).catch(() => undefined)));
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.executions.keys()].map((id) => this.end(id)));
  }

  /** connections open now, over all executions (tests and metrics) */
  size(): number {
    let n = 0;
    for (const held of this.executions.values()) n += held.clients.size;
    return n;
  }
}

/**
 * A TCP capability whose connections live in an ExecutionPool: subclasses say how to open and close
 * one and what a call does; ending and closing are the pool's.
 */
export abstract class PooledHostClients<C> implements HostClients {
  protected readonly pool: ExecutionPool<C>;

  constructor(
    protected readonly policy: NetworkPolicy,
    protected readonly idleMs: number,
    what: string,
  ) {
    this.pool = new ExecutionPool<C>({
      what,
      open: (c) => this.open(c),
      close: (client) => this.close(client),
      maxPerExecution: policy.maxConnectionsPerExecution,
      idleMs,
    });
  }

  abstract call(call: HostCall, method: string, connection: unknown, args: unknown[]): Promise<unknown>;

  /** opens a client for a connection value the subclass has already checked */
  protected abstract open(connection: unknown): Promise<C>;

  protected abstract close(client: C): Promise<void>;

  end(executionId: string): Promise<void> {
    return this.pool.end(executionId);
  }

  closeAll(): Promise<void> {
    return this.pool.closeAll();
  }

  /** connections open now (tests) */
  size(): number {
    return this.pool.size();
  }

  /** idle timers gone off so far (tests) */
  idleChecks(): number {
    return this.pool.idleChecks;
  }
}
