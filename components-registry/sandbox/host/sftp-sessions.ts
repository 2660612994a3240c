/**
 * SFTP connections for actions, opened on the host with ssh2-sftp-client. One connection per
 * (execution, server, user) is reused by the execution's steps and closed when the execution ends
 * (`end`) or after it has been idle a while; executions never share a connection.
 */
import { createHash } from "node:crypto";
import { posix } from "node:path";
import SftpClient from "ssh2-sftp-client";
import type { SftpConnection, SftpEntry } from "@/components-registry/sdk/context";
import type { NetworkPolicy } from "../limits";
import { readCapped, type CallBudget } from "./call-budget";
import { resolveAllowedAddress } from "./network-guard";

/** the SFTP status code that ends a folder listing */
const SFTP_EOF = 1;
interface RawEntry {
  filename: string;
  longname: string;
  attrs: { size: number; mtime: number };
}
/** the part of ssh2's SFTP channel a capped listing needs */
interface RawSftp {
  opendir(path: string, cb: (err: (Error & { code?: number }) | undefined, handle: Buffer) => void): void;
  readdir(handle: Buffer, cb: (err: (Error & { code?: number }) | undefined, list: RawEntry[]) => void): void;
  close(handle: Buffer, cb: () => void): void;
}

interface Execution {
  clients: Map<string, Promise<SftpClient>>;
  timer?: NodeJS.Timeout;
}

export class SftpSessions {
  private executions = new Map<string, Execution>();

  constructor(
    private policy: NetworkPolicy,
    private idleMs = 30_000,
  ) {}

  /** reads the folder a batch at a time and stops past the cap, so a huge folder never fills memory */
  async list(executionId: string, c: unknown, path: string): Promise<SftpEntry[]> {
    const client = await this.client(executionId, c);
    const max = this.policy.sftpMaxListEntries;
    const raw = (client as unknown as { sftp: RawSftp }).sftp;
    const entries: SftpEntry[] = [];
    const handle = await new Promise<Buffer>((resolve, reject) =>
      raw.opendir(path, (err, h) => (err ? reject(new Error(`Cannot list ${path}: ${err.message}`)) : resolve(h))),
    );
    try {
      for (;;) {
        const batch = await new Promise<RawEntry[] | null>((resolve, reject) =>
          raw.readdir(handle, (err, list) =>
            err ? (err.code === SFTP_EOF ? resolve(null) : reject(new Error(`Cannot list ${path}: ${err.message}`))) : resolve(list),
          ),
        );
        if (!batch) return entries;
        for (const i of batch) {
          if (entries.length === max) {
            throw new Error(`The folder ${path} has more than ${max} entries (JUNCTION_SFTP_MAX_LIST_ENTRIES): list a narrower folder`);
          }
          entries.push({
            name: i.filename,
            path: posix.join(path, i.filename),
            size: i.attrs.size,
            modifiedAt: new Date(i.attrs.mtime * 1000).toISOString(),
            isDirectory: i.longname.startsWith("d"),
          });
        }
      }
    } finally {
      raw.close(handle, () => undefined);
    }
  }

  async stat(executionId: string, c: unknown, path: string): Promise<SftpEntry> {
    const s = await (await this.client(executionId, c)).stat(path);
    return {
      name: posix.basename(path),
      path,
      size: s.size,
      modifiedAt: new Date(s.modifyTime).toISOString(),
      isDirectory: s.isDirectory,
    };
  }

  /** streams the file in, counting its bytes against the read limit and the call's budget */
  async read(executionId: string, c: unknown, path: string, budget?: CallBudget): Promise<Uint8Array> {
    const client = await this.client(executionId, c);
    const max = this.policy.sftpMaxBytes;
    const stream = client.createReadStream(path) as NodeJS.ReadableStream & { destroy(): void };
    const tooLarge = () => new Error(`The file ${path} is larger than ${max / 1024 / 1024} MB (JUNCTION_SFTP_MAX_MB)`);
    try {
      return await readCapped(stream as AsyncIterable<Buffer>, max, tooLarge, budget);
    } catch (err) {
      stream.destroy();
      const message = (err as Error).message;
      throw message.includes(path) ? err : new Error(`Cannot read ${path}: ${message}`);
    }
  }

  async write(executionId: string, c: unknown, path: string, content: Uint8Array | string) {
    const data = typeof content === "string" ? Buffer.from(content, "utf8") : Buffer.from(content);
    await (await this.client(executionId, c)).put(data, path);
    return { path, size: data.byteLength };
  }

  async delete(executionId: string, c: unknown, path: string): Promise<void> {
    await (await this.client(executionId, c)).delete(path);
  }

  async rename(executionId: string, c: unknown, from: string, to: string): Promise<void> {
    await (await this.client(executionId, c)).rename(from, to);
  }

  /** closes the execution's connections */
  async end(executionId: string): Promise<void> {
    const execution = this.executions.get(executionId);
    if (!execution) return;
    this.executions.delete(executionId);
    clearTimeout(execution.timer);
    await Promise.all([...execution.clients.values()].map((p) => p.then((c) => c.end()).catch(() => undefined)));
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.executions.keys()].map((id) => this.end(id)));
  }

  private client(executionId: string, raw: unknown): Promise<SftpClient> {
    const connection = parseConnection(raw);
    let execution = this.executions.get(executionId);
    if (!execution) {
      execution = { clients: new Map() };
      this.executions.set(executionId, execution);
    }
    clearTimeout(execution.timer);
    execution.timer = setTimeout(() => void this.end(executionId), this.idleMs).unref();
    const key = createHash("sha256").update(JSON.stringify(connection)).digest("hex");
    let client = execution.clients.get(key);
    if (!client) {
      const forget = () => {
        if (execution!.clients.get(key) === client) execution!.clients.delete(key);
      };
      client = this.connect(connection, forget);
      execution.clients.set(key, client);
      client.catch(forget);
    }
    return client;
  }

  /** `onGone` runs when the server closes the connection, so the next call reconnects */
  private async connect(c: SftpConnection, onGone: () => void): Promise<SftpClient> {
    const { address } = await resolveAllowedAddress(c.host, this.policy);
    // the library's default listeners print to stdout
    const client = new SftpClient("junction", { end: onGone, close: onGone, error: onGone });
    const expected = c.hostKeySha256?.replace(/^SHA256:/, "").replace(/=+$/, "");
    let offered: string | undefined;
    try {
      await client.connect({
        host: address,
        port: c.port ?? 22,
        username: c.username,
        password: c.password,
        privateKey: c.privateKey,
        passphrase: c.passphrase,
        readyTimeout: 20_000,
        hostVerifier: expected
          ? (key: Buffer) => (offered = createHash("sha256").update(key).digest("base64").replace(/=+$/, "")) === expected
          : undefined,
      });
    } catch (err) {
      if (expected && offered !== undefined && offered !== expected) {
        throw new Error(
          `The SFTP server ${c.host} offered host key SHA256:${offered}, not the configured hostKeySha256: refused to sign in`,
          { cause: err },
        );
      }
      throw err;
    }
    return client;
  }
}

function parseConnection(raw: unknown): SftpConnection {
  const c = (raw ?? {}) as Record<string, unknown>;
  const text = (k: string) => (typeof c[k] === "string" && c[k] !== "" ? (c[k] as string) : undefined);
  const host = text("host");
  const username = text("username");
  if (!host || !username) throw new Error("The SFTP connection needs host and username");
  if (!text("password") && !text("privateKey")) throw new Error("The SFTP connection needs a password or a privateKey");
  const port = c.port === undefined || c.port === "" ? 22 : Number(c.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`The SFTP port must be 1-65535, got ${String(c.port)}`);
  return {
    host,
    port,
    username,
    password: text("password"),
    privateKey: text("privateKey"),
    passphrase: text("passphrase"),
    hostKeySha256: text("hostKeySha256"),
  };
}
