/**
 * The host's TCP capabilities (SQL, Redis, AMQP, SMTP): each is a `HostClients` that the bridge
 * calls as `<namespace>.<method>(connection, ...args)`. Connections belong to one execution, are
 * pooled per connection value within it (`ExecutionPool`) and closed when the execution ends.
 */
import type { CallBudget } from "./call-budget";

export interface HostCall {
  executionId: string;
  /** aborted when the action call ends */
  signal: AbortSignal;
  budget?: CallBudget;
}

export interface HostClients {
  /** runs `method`; throws an Error whose message the step shows */
  call(call: HostCall, method: string, connection: unknown, args: unknown[]): Promise<unknown>;
  /** closes the execution's connections */
  end(executionId: string): Promise<void>;
  closeAll(): Promise<void>;
}

/** the namespaces the guest's context calls through the async bridge */
export type ClientNamespace = "sql" | "redis" | "amqp" | "smtp";
