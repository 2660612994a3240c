/**
 * `context.crypto`: hashes, HMACs and random bytes computed by the host, for request signatures
 * (AWS SigV4, Azure Shared Key, webhook signatures). Synchronous: each is microseconds of work.
 */
import { createHash, createHmac, randomBytes, randomUUID } from "node:crypto";

const HASHES = new Set(["md5", "sha1", "sha256", "sha512"]);
const HMACS = new Set(["sha1", "sha256", "sha512"]);
/** the largest input hashed in one call; bigger bodies are hashed by whoever holds them */
const MAX_INPUT_BYTES = 64 * 1024 * 1024;

function bytes(v: unknown, what: string): Buffer {
  if (typeof v === "string") return Buffer.from(v, "utf8");
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  if (v instanceof ArrayBuffer) return Buffer.from(v);
  throw new Error(`${what} must be text or bytes`);
}

function checked(v: unknown, what: string): Buffer {
  const b = bytes(v, what);
  if (b.byteLength > MAX_INPUT_BYTES) throw new Error(`${what} is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MB`);
  return b;
}

const toBytes = (b: Buffer) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

export function hostCrypto(op: string, args: unknown[]): unknown {
  switch (op) {
    case "hash": {
      const [algorithm, data] = args;
      if (!HASHES.has(algorithm as string)) throw new Error(`crypto.hash: algorithm must be one of ${[...HASHES].join(", ")}`);
      return toBytes(
        createHash(algorithm as string)
          .update(checked(data, "crypto.hash data"))
          .digest(),
      );
    }
    case "hmac": {
      const [algorithm, key, data] = args;
      if (!HMACS.has(algorithm as string)) throw new Error(`crypto.hmac: algorithm must be one of ${[...HMACS].join(", ")}`);
      return toBytes(
        createHmac(algorithm as string, checked(key, "crypto.hmac key"))
          .update(checked(data, "crypto.hmac data"))
          .digest(),
      );
    }
    case "randomBytes": {
      const size = Number(args[0]);
      if (!Number.isInteger(size) || size < 1 || size > 65536) throw new Error("crypto.randomBytes: size must be 1 to 65536");
      return toBytes(randomBytes(size));
    }
    case "randomUUID":
      return randomUUID();
    default:
      throw new Error(`Unknown host operation "crypto.${op}"`);
  }
}
