/**
 * AES-256-GCM for credentials at rest. The key comes from JUNCTION_SECRET_KEY (32 bytes as
 * base64 or hex) or is generated once into `.junction/secret.key` (mode 0600).
 * Ciphertext format: "v1:" + base64url(iv(12) | tag(16) | ciphertext).
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { junctionHome } from "@/db/home";

const PREFIX = "v1:";

export function parseKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, "hex") : Buffer.from(trimmed, "base64");
  if (key.length !== 32) {
    throw new Error("JUNCTION_SECRET_KEY must be 32 bytes, given as 64 hex characters or base64");
  }
  return key;
}

let cachedKey: Buffer | undefined;

export function secretKey(): Buffer {
  if (cachedKey) return cachedKey;
  if (process.env.JUNCTION_SECRET_KEY) return (cachedKey = parseKey(process.env.JUNCTION_SECRET_KEY));
  const file = join(junctionHome(), "secret.key");
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true, mode: 0o755 });
    // "wx" fails if a concurrent process wrote it first; we then read theirs
    try {
      writeFileSync(file, randomBytes(32).toString("base64") + "\n", { mode: 0o600, flag: "wx" });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    chmodSync(file, 0o600);
  }
  return (cachedKey = parseKey(readFileSync(file, "utf8")));
}

export function encryptSecret(plaintext: string, key: Buffer = secretKey()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url");
}

export function decryptSecret(sealed: string, key: Buffer = secretKey()): string {
  if (!sealed.startsWith(PREFIX)) throw new Error("not a Junction secret (unknown format)");
  const raw = Buffer.from(sealed.slice(PREFIX.length), "base64url");
  // nonce (12 bytes) and tag (16) come first: anything shorter was cut or never sealed
  if (raw.length < 28) throw new Error("a stored secret is damaged: too short to be a sealed value");
  const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
  try {
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
  } catch {
    throw new Error("a stored secret could not be decrypted: JUNCTION_SECRET_KEY differs from the key it was sealed with");
  }
}

export const encryptJson = (value: unknown, key?: Buffer) => encryptSecret(JSON.stringify(value), key);
export const decryptJson = <T = unknown>(sealed: string, key?: Buffer): T => JSON.parse(decryptSecret(sealed, key)) as T;
