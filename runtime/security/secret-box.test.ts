import { randomBytes } from "node:crypto";
import { expect, test } from "vitest";
import { decryptJson, decryptSecret, encryptJson, encryptSecret, parseKey } from "./secret-box";

const key = randomBytes(32);

test("round-trips text and JSON, with a fresh IV each time", () => {
  const a = encryptSecret("hunter2", key);
  const b = encryptSecret("hunter2", key);
  expect(a).not.toEqual(b);
  expect(a).not.toContain("hunter2");
  expect(decryptSecret(a, key)).toBe("hunter2");
  expect(decryptJson(encryptJson({ username: "u", password: "p" }, key), key)).toEqual({ username: "u", password: "p" });
});

test("a tampered ciphertext or another key is refused with a clear error", () => {
  const sealed = encryptSecret("secret", key);
  const tampered = sealed.slice(0, -2) + (sealed.endsWith("A") ? "BB" : "AA");
  expect(() => decryptSecret(tampered, key)).toThrow(/could not be decrypted/);
  expect(() => decryptSecret(sealed, randomBytes(32))).toThrow(/could not be decrypted/);
  expect(() => decryptSecret(sealed.slice(0, 20), key)).toThrow("a stored secret is damaged: too short to be a sealed value");
});

test("keys are 32 bytes in hex or base64", () => {
  expect(parseKey("00".repeat(32))).toHaveLength(32);
  expect(parseKey(randomBytes(32).toString("base64"))).toHaveLength(32);
  expect(() => parseKey("short")).toThrow(/32 bytes/);
});
