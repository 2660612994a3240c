/**
 * What an action's `perform(context, inputs)` gets as `context`. Inside the sandbox the host
 * lends every capability here; nothing else reaches the outside world.
 */
import type { LogLevel, RunFacts, StateScope } from "../contract";

export type { LogLevel, StateScope };

export interface Logger {
  debug(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

/** Persist Data: values kept between runs, per flow (default) or per instance. */
export interface State {
  get(key: string, scope?: StateScope): Promise<unknown>;
  set(key: string, value: unknown, scope?: StateScope): Promise<void>;
  delete(key: string, scope?: StateScope): Promise<void>;
}

export type HeadersInit = Record<string, string> | [string, string][] | SandboxHeaders;

export interface FetchInit {
  method?: string;
  headers?: HeadersInit;
  body?: string | Uint8Array | ArrayBuffer | URLSearchParams;
  /** aborts the request after this long (the host also applies its own limit) */
  timeoutMs?: number;
  redirect?: "follow" | "manual" | "error";
}

export interface SandboxHeaders {
  get(name: string): string | null;
  has(name: string): boolean;
  set(name: string, value: string): void;
  append(name: string, value: string): void;
  delete(name: string): void;
  forEach(fn: (value: string, name: string) => void): void;
  entries(): IterableIterator<[string, string]>;
  [Symbol.iterator](): IterableIterator<[string, string]>;
}

export interface SandboxResponse {
  ok: boolean;
  status: number;
  statusText: string;
  url: string;
  redirected: boolean;
  headers: SandboxHeaders;
  text(): Promise<string>;
  json(): Promise<unknown>;
  arrayBuffer(): Promise<ArrayBuffer>;
  bytes(): Promise<Uint8Array>;
}

/** An SFTP server and how to sign in: a password or a private key (OpenSSH/PEM text). */
export interface SftpConnection {
  host: string;
  port?: number;
  username: string;
  password?: string;
  privateKey?: string;
  passphrase?: string;
  /** when set, the server's host key must have this SHA-256 fingerprint (base64, as `ssh-keygen -l` prints it, with or without "SHA256:") */
  hostKeySha256?: string;
}

export interface SftpEntry {
  name: string;
  path: string;
  size: number;
  /** ISO 8601 */
  modifiedAt: string;
  isDirectory: boolean;
}

/** SFTP through the host; connections are pooled per execution and closed after it. */
export interface Sftp {
  list(connection: SftpConnection, path: string): Promise<SftpEntry[]>;
  read(connection: SftpConnection, path: string): Promise<Uint8Array>;
  write(connection: SftpConnection, path: string, content: Uint8Array | string): Promise<{ path: string; size: number }>;
  delete(connection: SftpConnection, path: string): Promise<void>;
  rename(connection: SftpConnection, from: string, to: string): Promise<void>;
  stat(connection: SftpConnection, path: string): Promise<SftpEntry>;
}

/** TLS for a TCP connection: off, on with the server's certificate checked (default when on), or a CA to check it with */
export type TlsSetting = boolean | { rejectUnauthorized?: boolean; ca?: string; servername?: string };

/** A PostgreSQL or MySQL/MariaDB server and how to sign in. */
export interface SqlConnection {
  engine: "postgres" | "mysql";
  host: string;
  /** 5432 (postgres) or 3306 (mysql) */
  port?: number;
  database: string;
  user: string;
  password?: string;
  tls?: TlsSetting;
}

export interface SqlResult {
  /** rows as objects keyed by column name */
  rows: Record<string, unknown>[];
  /** rows returned, or rows changed by an INSERT/UPDATE/DELETE */
  rowCount: number;
  /** column names in order */
  fields: string[];
}

/** SQL through the host: parameters are sent apart from the text ($1, $2 for postgres; ? for mysql). */
export interface Sql {
  query(connection: SqlConnection, sql: string, params?: unknown[]): Promise<SqlResult>;
}

export interface RedisConnection {
  host: string;
  /** 6379 */
  port?: number;
  username?: string;
  password?: string;
  /** database number, 0 by default */
  database?: number;
  tls?: TlsSetting;
}

/** One Redis command through the host: `command(c, ["SET", "k", "v"])`; bulk replies come back as text. */
export interface Redis {
  command(connection: RedisConnection, args: (string | number | Uint8Array)[]): Promise<unknown>;
}

export interface AmqpConnection {
  host: string;
  /** 5672 (5671 with TLS) */
  port?: number;
  username?: string;
  password?: string;
  /** virtual host, "/" by default */
  vhost?: string;
  tls?: TlsSetting;
}

export interface AmqpPublish {
  /** "" (the default exchange) with `routingKey` = a queue name sends straight to that queue */
  exchange?: string;
  routingKey?: string;
  content: string | Uint8Array;
  contentType?: string;
  headers?: Record<string, string | number | boolean>;
  /** survives a broker restart (default true) */
  persistent?: boolean;
  messageId?: string;
  correlationId?: string;
}

export interface AmqpMessage {
  /** valid for `ack`/`nack` within the same execution only */
  deliveryTag: number;
  content: Uint8Array;
  contentType?: string;
  headers: Record<string, unknown>;
  exchange: string;
  routingKey: string;
  redelivered: boolean;
  messageId?: string;
  correlationId?: string;
  /** ISO 8601, when the publisher set it */
  timestamp?: string;
}

/** AMQP 0-9-1 (RabbitMQ) through the host; the channel lives as long as the execution. */
export interface Amqp {
  publish(connection: AmqpConnection, message: AmqpPublish): Promise<{ published: true }>;
  /** takes up to `max` messages (default 1) without acknowledging them: unacknowledged ones return to the queue when the execution ends */
  get(connection: AmqpConnection, options: { queue: string; max?: number }): Promise<AmqpMessage[]>;
  ack(connection: AmqpConnection, deliveryTags: number[]): Promise<void>;
  /** back to the queue (requeue, the default) or dropped / dead-lettered */
  nack(connection: AmqpConnection, deliveryTags: number[], requeue?: boolean): Promise<void>;
}

export interface SmtpConnection {
  host: string;
  /** 587 (465 when `secure`) */
  port?: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it */
  secure?: boolean;
  username?: string;
  password?: string;
  tls?: TlsSetting;
}

export interface MailAttachment {
  filename: string;
  content: string | Uint8Array;
  contentType?: string;
}

export interface MailMessage {
  from: string;
  to: string | string[];
  cc?: string | string[];
  bcc?: string | string[];
  replyTo?: string;
  subject: string;
  text?: string;
  html?: string;
  attachments?: MailAttachment[];
}

export interface Smtp {
  send(connection: SmtpConnection, message: MailMessage): Promise<{ messageId: string; accepted: string[]; rejected: string[] }>;
}

export type HashAlgorithm = "md5" | "sha1" | "sha256" | "sha512";

/** Hashing and signing done by the host (request signatures: AWS SigV4, Azure Shared Key, webhooks). Synchronous. */
export interface HostCrypto {
  hmac(algorithm: Exclude<HashAlgorithm, "md5">, key: string | Uint8Array, data: string | Uint8Array): Uint8Array;
  hash(algorithm: HashAlgorithm, data: string | Uint8Array): Uint8Array;
  randomBytes(size: number): Uint8Array;
  randomUUID(): string;
}

export interface ActionContext extends Omit<RunFacts, "isTest"> {
  logger: Logger;
  state: State;
  fetch(url: string | { href: string }, init?: FetchInit): Promise<SandboxResponse>;
  sftp: Sftp;
  sql: Sql;
  redis: Redis;
  amqp: Amqp;
  smtp: Smtp;
  crypto: HostCrypto;
  /** true for designer test runs */
  isTest: boolean;
  /** `{ <stepKey>: { results }, <loopKey>: { currentItem, index } }`, read when first used */
  readonly stepResults: Record<string, unknown>;
  /**
   * Evaluates CommonJS-style source (`module.exports = …`) in this sandbox and returns its
   * `module.exports`. Errors, syntax errors included, name `filename` and the line.
   */
  loadModule(source: string, filename?: string): Promise<unknown>;
}
