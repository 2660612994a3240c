/** The TCP capabilities lent to actions, one `HostClients` per namespace (see host-clients.ts). */
import type { NetworkPolicy } from "../limits";
import { AmqpClients } from "./amqp-clients";
import type { ClientNamespace, HostClients } from "./host-clients";
import { RedisClients } from "./redis-clients";
import { SmtpClients } from "./smtp-clients";
import { SqlClients } from "./sql-clients";

export function createHostClients(policy: NetworkPolicy, idleMs: number): Record<ClientNamespace, HostClients> {
  return {
    sql: new SqlClients(policy, idleMs),
    redis: new RedisClients(policy, idleMs),
    amqp: new AmqpClients(policy, idleMs),
    smtp: new SmtpClients(policy, idleMs),
  };
}
