/**
 * One leader among all Junction processes on a database, by a session-level advisory lock on a
 * connection of its own. The lock goes with the connection: if the leader dies or loses the
 * database, another process takes over at its next try.
 */
import pg from "pg";

const LEADER_LOCK = 7_342_003;

export interface Leadership {
  isLeader(): boolean;
  stop(): Promise<void>;
}

export function electLeader(url: string, onChange: (leader: boolean) => void, retryMs = 2_000): Leadership {
  let client: pg.Client | undefined;
  let leader = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const lose = () => {
    if (leader) {
      leader = false;
      onChange(false);
    }
    client = undefined;
  };

  async function attempt() {
    timer = undefined;
    if (stopped) return;
    try {
      if (!client) {
        const c = new pg.Client({ connectionString: url });
        c.on("error", () => {});
        c.on("end", lose);
        await c.connect();
        client = c;
      }
      if (!leader) {
        const r = await client.query("select pg_try_advisory_lock($1) as ok", [LEADER_LOCK]);
        if (r.rows[0].ok) {
          leader = true;
          onChange(true);
        }
      } else {
        await client.query("select 1"); // notice a lost connection
      }
    } catch {
      client?.end().catch(() => {});
      lose();
    }
    if (!stopped) timer = setTimeout(attempt, retryMs);
  }
  void attempt();

  return {
    isLeader: () => leader,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      const c = client;
      lose();
      await c?.end().catch(() => {});
    },
  };
}
