/**
 * The contract between the executor (runtime/executor) and the component registry.
 * Both sides import only these types from each other, so either can be built and tested alone.
 */

export type InputType = "string" | "text" | "number" | "boolean" | "code" | "picklist" | "data" | "credential" | "file";

/** What the designer and the definition validator know about one input of an action. */
export interface InputManifest {
  key: string;
  label: string;
  type: InputType;
  required?: boolean;
  default?: unknown;
  description?: string;
  /** picklist choices */
  options?: string[];
  /** code inputs: the language the editor highlights */
  language?: string;
  /** credential inputs: the key of this component's connection they take (see ConnectionManifest) */
  connection?: string;
}

export type ConnectionFieldType = "string" | "password" | "text" | "number" | "boolean" | "picklist";

export interface ConnectionFieldManifest {
  key: string;
  label: string;
  type: ConnectionFieldType;
  required?: boolean;
  default?: string | number | boolean;
  description?: string;
  /** picklist choices */
  options?: string[];
}

/**
 * A kind of account a component's actions sign in with (an AWS access key, a database login):
 * the fields a customer fills in. A config variable `{ type: credential, credentialType: connection,
 * connection: { component, key } }` holds one, sealed like every credential.
 */
export interface ConnectionManifest {
  key: string;
  label: string;
  description?: string;
  fields: ConnectionFieldManifest[];
}

export interface ActionManifest {
  key: string;
  label: string;
  description?: string;
  inputs: InputManifest[];
  /**
   * Structural actions (branch, loop, selectExecutedStepResult, stopExecution) are run by the
   * executor itself; their manifests exist for the designer and for validation.
   */
  structural?: boolean;
  /** `context.stepResults` travels with each call (see the SDK's `readsStepResults`) */
  readsStepResults?: boolean;
}

export interface ComponentManifest {
  key: string;
  /** exact semver of the package */
  version: string;
  label: string;
  description?: string;
  category?: string;
  actions: Record<string, ActionManifest>;
  /** the accounts the actions sign in with, by key */
  connections?: Record<string, ConnectionManifest>;
  /** what can start a flow from this component's system (a component may have triggers and no actions) */
  triggers?: Record<string, TriggerManifest>;
}

/**
 * A component trigger. `polling`: the runtime calls its poll on the flow's schedule, with a cursor
 * kept per instance flow. `webhook`: calls arrive at the flow's webhook URL; its deploy and delete
 * hooks subscribe and unsubscribe at the remote system.
 */
export interface TriggerManifest {
  key: string;
  label: string;
  description?: string;
  kind: "polling" | "webhook";
  inputs: InputManifest[];
}

export type TriggerPhase = "poll" | "acknowledge" | "deploy" | "delete";

/** One phase of a trigger, run in the sandbox like an action (same limits and capabilities). */
export interface TriggerInvocation extends Omit<ActionInvocation, "action" | "stepResults"> {
  trigger: string;
  phase: TriggerPhase;
  /** poll: the cursor the last committed poll returned (undefined on the first) */
  cursor?: unknown;
  /** acknowledge: the items of the poll whose executions were committed */
  items?: unknown[];
  /** delete: what deploy returned */
  subscription?: unknown;
}

/** poll: `{ items, cursor }`; deploy: the subscription state; acknowledge and delete: undefined */
export type TriggerResult = { items: unknown[]; cursor: unknown } | unknown;

/** What an action returns. `data` becomes the step's result. */
export interface ActionResult {
  data: unknown;
  contentType?: string;
  statusCode?: number;
  headers?: Record<string, string>;
}

export type LogLevel = "debug" | "info" | "warn" | "error";

export interface HostLogger {
  log(level: LogLevel, message: string): void;
}

export type StateScope = "flow" | "instance";

/** Persist Data, lent by the host (PostgreSQL in production, a Map in unit tests). */
export interface StateStore {
  get(scope: StateScope, key: string): Promise<unknown>;
  set(scope: StateScope, key: string, value: unknown): Promise<void>;
  delete(scope: StateScope, key: string): Promise<void>;
}

/** Read-only facts about the run that an action's `context` exposes. */
export interface RunFacts {
  executionId: string;
  flow: { key: string; name: string };
  stepKey: string;
  instance: { id: string; name: string } | null;
  customer: { id: string; name: string; externalId?: string | null } | null;
  configVars: Record<string, unknown>;
  webhookUrls: Record<string, string>;
  isTest: boolean;
}

export interface ActionInvocation {
  /** component key, e.g. "http" */
  component: string;
  /** exact version resolved at publish time, or a major pin ("1"), or undefined for the latest */
  version?: string;
  /** action key, e.g. "get" */
  action: string;
  /** resolved inputs (real credentials inside) */
  inputs: Record<string, unknown>;
  facts: RunFacts;
  /**
   * `facts.configVars` without the credential variables: what an uploaded component's action is
   * shown (its credentials reach it only through the inputs bound to them); undefined: no secrets
   */
  configVarsWithoutCredentials?: Record<string, unknown>;
  /** `{ <stepKey>: { results }, <loopKey>: { currentItem, index } }` — code steps read it */
  stepResults: Record<string, unknown>;
  logger: HostLogger;
  state: StateStore;
  signal?: AbortSignal;
}

/**
 * Runs one non-structural action. Resolves with the action's result; rejects with an Error
 * (message, and `stack` limited to the action's own code) when the action fails.
 */
export interface ActionRunner {
  run(invocation: ActionInvocation): Promise<ActionResult>;
  /**
   * Optional: called when an execution has finished, so the runner can release what it kept for
   * it (the sandbox's per-execution contexts, SFTP connections). Without the call those are
   * released when their isolate serves another execution or after an idle timeout.
   */
  endExecution?(executionId: string): Promise<void>;
  /** Optional: runs one phase of a component trigger (the sandbox runner has it; see TriggerInvocation) */
  runTrigger?(invocation: TriggerInvocation): Promise<unknown>;
}

/** Finds an action's manifest, for validation. Undefined when not installed. */
export type ManifestLookup = (component: string, action: string, version?: string) => ActionManifest | undefined;
