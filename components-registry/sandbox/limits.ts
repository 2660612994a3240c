/** Sandbox and network limits, from the environment unless a caller passes its own. */

export interface SandboxLimits {
  /** V8 heap per isolate; an action that needs more is stopped and its isolate replaced */
  memoryMb: number;
  /** wall clock per action call */
  timeoutMs: number;
  /** CPU time per action call */
  cpuTimeoutMs: number;
  /** isolates per component version at once; one isolate runs one action at a time */
  maxIsolatesPerVersion: number;
  /** isolates kept warm per component version between calls */
  idleIsolatesPerVersion: number;
}

export interface NetworkPolicy {
  /** let actions reach private, loopback and link-local addresses (tests, on-premise setups) */
  allowPrivateNetwork: boolean;
  /** host names, IP addresses or CIDR ranges reachable even when private */
  allowedHosts: string[];
  /** largest response body `fetch` reads */
  fetchMaxBytes: number;
  /** `fetch` timeout when the action sets none (and the most it may set) */
  fetchTimeoutMs: number;
  /** network operations (fetch, SFTP) one action call runs at once; more wait their turn */
  hostConcurrency: number;
  /** bytes one action call's reads (fetch bodies, SFTP files) may hold at once */
  inflightBytes: number;
  /** largest file an SFTP read takes in */
  sftpMaxBytes: number;
  /** entries an SFTP list returns at most */
  sftpMaxListEntries: number;
  /** SQL, Redis, AMQP and SMTP connections one execution may hold at once, per capability */
  maxConnectionsPerExecution: number;
  /** rows one SQL query may return (JUNCTION_SQL_MAX_ROWS; 10,000 when unset) */
  sqlMaxRows?: number;
}

export function limitsFromEnv(env: NodeJS.ProcessEnv = process.env): SandboxLimits {
  const timeoutMs = positive(env, "JUNCTION_ACTION_TIMEOUT_MS", 30_000);
  return {
    memoryMb: positive(env, "JUNCTION_SANDBOX_MEMORY_MB", 128),
    timeoutMs,
    cpuTimeoutMs: positive(env, "JUNCTION_ACTION_CPU_TIMEOUT_MS", timeoutMs),
    maxIsolatesPerVersion: positive(env, "JUNCTION_SANDBOX_MAX_ISOLATES", 16),
    idleIsolatesPerVersion: positive(env, "JUNCTION_SANDBOX_IDLE_ISOLATES", 16),
  };
}

export function networkPolicyFromEnv(env: NodeJS.ProcessEnv = process.env): NetworkPolicy {
  return {
    allowPrivateNetwork: env.JUNCTION_ALLOW_PRIVATE_NETWORK === "true",
    allowedHosts: (env.JUNCTION_ALLOWED_HOSTS ?? "")
      .split(",")
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
    fetchMaxBytes: positive(env, "JUNCTION_FETCH_MAX_MB", 10) * 1024 * 1024,
    fetchTimeoutMs: positive(env, "JUNCTION_FETCH_TIMEOUT_MS", 30_000),
    hostConcurrency: positive(env, "JUNCTION_SANDBOX_HOST_CONCURRENCY", 16),
    inflightBytes: positive(env, "JUNCTION_SANDBOX_INFLIGHT_MB", 64) * 1024 * 1024,
    sftpMaxBytes: positive(env, "JUNCTION_SFTP_MAX_MB", 10) * 1024 * 1024,
    sftpMaxListEntries: positive(env, "JUNCTION_SFTP_MAX_LIST_ENTRIES", 10_000),
    maxConnectionsPerExecution: positive(env, "JUNCTION_SANDBOX_MAX_CONNECTIONS", 8),
    sqlMaxRows: positive(env, "JUNCTION_SQL_MAX_ROWS", 10_000),
  };
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return n;
}
