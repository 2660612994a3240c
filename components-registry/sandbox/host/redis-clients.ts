/** Redis: IN PROGRESS (issue 17) — the helper building this capability replaces this file. */
import type { NetworkPolicy } from "../limits";
import type { HostCall, HostClients } from "./host-clients";

export class RedisClients implements HostClients {
  constructor(
    private policy: NetworkPolicy,
    private idleMs: number,
  ) {}

  async call(_call: HostCall, method: string): Promise<unknown> {
    throw new Error(`Redis "${method}" is not available yet`);
  }

  async end(): Promise<void> {}

  async closeAll(): Promise<void> {}
}
