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

export interface ActionContext extends Omit<RunFacts, "isTest"> {
  logger: Logger;
  state: State;
  fetch(url: string | { href: string }, init?: FetchInit): Promise<SandboxResponse>;
  sftp: Sftp;
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
