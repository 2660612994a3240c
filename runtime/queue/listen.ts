/**
 * One dedicated PostgreSQL connection per process for LISTEN, reconnecting after a database
 * restart. Channels: new jobs (wake workers), finished executions (sync webhooks), instance
 * changes (caches, scheduler), execution events (live views).
 */
import pg from "pg";

export type NotificationHandler = (payload: string) => void;

export interface Listener {
  on(channel: string, handler: NotificationHandler): () => void;
  /**
   * whether it is listening on every channel: false until the first connection has run its
   * LISTENs, and at once when PostgreSQL stops or restarts
   */
  connected(): boolean;
  /**
   * `handler` runs each time a connection starts listening: the first (`lostAt` null) and after
   * each reconnect (`lostAt`: when the last one was lost). Notifications sent while there was
   * none reached nobody, so a view or cache reads again then.
   */
  onConnected(handler: (lostAt: Date | null) => void): () => void;
  close(): Promise<void>;
}

export function createListener(url: string): Listener {
  const handlers = new Map<string, Set<NotificationHandler>>();
  const connectedHandlers = new Set<(lostAt: Date | null) => void>();
  let client: pg.Client | undefined;
  let lostAt: Date | null = null;
  let closed = false;
  let retryMs = 250;

  async function connect(): Promise<void> {
    if (closed) return;
    const c = new pg.Client({ connectionString: url });
    let retrying = false;
    // one retry per connection, whether its connect, a LISTEN or the open connection failed
    const retry = () => {
      if (retrying || closed) return;
      retrying = true;
      if (client === c) {
        client = undefined;
        lostAt = new Date();
      }
      c.end().catch(() => {});
      setTimeout(() => void connect().catch(() => {}), retryMs).unref();
      retryMs = Math.min(retryMs * 2, 5000);
    };
    c.on("notification", (msg) => {
      for (const h of handlers.get(msg.channel) ?? []) h(msg.payload ?? "");
    });
    c.on("error", () => {
      /* reported by 'end' */
    });
    c.on("end", retry);
    try {
      await c.connect();
      // a channel added meanwhile is still visited: a Map's iteration includes later entries
      for (const channel of handlers.keys()) await c.query(`listen "${channel}"`);
      if (retrying) return;
      if (closed) return void (await c.end().catch(() => {}));
      client = c;
      retryMs = 250;
      for (const h of connectedHandlers) h(lostAt);
      lostAt = null;
    } catch {
      retry();
    }
  }
  void connect();

  return {
    on(channel, handler) {
      if (!handlers.has(channel)) {
        handlers.set(channel, new Set());
        client?.query(`listen "${channel}"`).catch(() => {});
      }
      handlers.get(channel)!.add(handler);
      return () => handlers.get(channel)?.delete(handler);
    },
    connected: () => client !== undefined,
    onConnected(handler) {
      connectedHandlers.add(handler);
      return () => connectedHandlers.delete(handler);
    },
    async close() {
      closed = true;
      await client?.end().catch(() => {});
    },
  };
}
