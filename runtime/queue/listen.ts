/**
 * One dedicated PostgreSQL connection per process for LISTEN, reconnecting after a database
 * restart. Channels: new jobs (wake workers), finished executions (sync webhooks), instance
 * changes (caches, scheduler), execution events (live views).
 */
import pg from "pg";

export type NotificationHandler = (payload: string) => void;

export interface Listener {
  on(channel: string, handler: NotificationHandler): () => void;
  /** whether its connection is up: PostgreSQL's stop or restart ends it at once */
  connected(): boolean;
  close(): Promise<void>;
}

export function createListener(url: string, onReconnect?: () => void): Listener {
  const handlers = new Map<string, Set<NotificationHandler>>();
  let client: pg.Client | undefined;
  let closed = false;
  let retryMs = 250;

  async function connect(): Promise<void> {
    if (closed) return;
    const c = new pg.Client({ connectionString: url });
    c.on("notification", (msg) => {
      for (const h of handlers.get(msg.channel) ?? []) h(msg.payload ?? "");
    });
    c.on("error", () => {
      /* reported by 'end' */
    });
    c.on("end", () => {
      if (closed) return;
      client = undefined;
      setTimeout(() => void connect().catch(() => {}), retryMs).unref();
    });
    try {
      await c.connect();
      client = c; // set first: a channel added meanwhile is listened by on() itself
      for (const channel of handlers.keys()) await c.query(`listen "${channel}"`);
      retryMs = 250;
      onReconnect?.();
    } catch {
      retryMs = Math.min(retryMs * 2, 5000);
      c.end().catch(() => {});
      setTimeout(() => void connect().catch(() => {}), retryMs).unref();
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
    async close() {
      closed = true;
      await client?.end().catch(() => {});
    },
  };
}
