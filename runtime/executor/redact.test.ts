import { expect, test } from "vitest";
import { REDACTED, secretScrubber } from "./redact";

const keys = new Set(["api"]);

test("a run without credentials gets the identity: nothing compiled, nothing copied", () => {
  const scrub = secretScrubber({ api: { key: "abcdef" } }, new Set());
  const value = { a: "abcdef" };
  expect(scrub.active).toBe(false);
  expect(scrub.value(value)).toBe(value);
});

test("secrets shorter than 4 characters are not scrubbed (they would blank ordinary text); longer ones in every form are", () => {
  const scrub = secretScrubber({ api: { region: "eu", key: "s3cr/t+k" } }, keys);
  const b64 = Buffer.from("s3cr/t+k").toString("base64");
  expect(scrub("region eu")).toBe("region eu");
  expect(scrub(`k=${encodeURIComponent("s3cr/t+k")} b=${b64} u=${Buffer.from("s3cr/t+k").toString("base64url")}`)).toBe(
    `k=${REDACTED} b=${REDACTED} u=${REDACTED}`,
  );
});

test("a value is copied only along the paths that held a secret; keys are scrubbed too", () => {
  const scrub = secretScrubber({ api: { key: "topsecret" } }, keys);
  const untouched = { n: 1, list: ["x"] };
  const value = { untouched, leak: ["ok", "the topsecret"], topsecret: true, bytes: new Uint8Array([1]) };
  const out = scrub.value(value);
  expect(out).not.toBe(value);
  expect(out.untouched).toBe(untouched);
  expect(out.bytes).toBe(value.bytes);
  expect(out.leak).toEqual(["ok", `the ${REDACTED}`]);
  expect(Object.keys(out)).toContain(REDACTED);
  expect(value.leak[1]).toBe("the topsecret");
});

test("a secret containing another is removed whole", () => {
  const scrub = secretScrubber({ api: { a: "token", b: "token-extended" } }, keys);
  expect(scrub("x token-extended y token")).toBe(`x ${REDACTED} y ${REDACTED}`);
});

test("fields that name or locate (username, host, clientId, tokenUrl) are kept; the secrets, and id:secret pairs as Basic sends them, are scrubbed", () => {
  const scrub = secretScrubber(
    {
      api: { tokenUrl: "https://auth.example.com/token", clientId: "my app", clientSecret: "cs/+secret" },
      sftp: { host: "sftp.example.com", port: 22, username: "deploy", privateKey: "-----BEGIN KEY-----abc" },
    },
    new Set(["api", "sftp"]),
  );
  const basic = Buffer.from(`${encodeURIComponent("my app")}:${encodeURIComponent("cs/+secret")}`).toString("base64");
  expect(scrub(`deploy@sftp.example.com my app https://auth.example.com/token`)).toBe(
    `deploy@sftp.example.com my app https://auth.example.com/token`,
  );
  expect(scrub(`Basic ${basic} ${"-----BEGIN KEY-----abc"}`)).toBe(`Basic ${REDACTED} ${REDACTED}`);
});

test("a connector connection keeps its locating fields (user, database, tls, region, endpoint) and scrubs its secrets", () => {
  const scrub = secretScrubber(
    {
      api: { host: "db.internal", user: "app_user", database: "orders", password: "pa55word", tls: "disable" },
      s3: { accessKeyId: "AKIAEXAMPLE", secretAccessKey: "wJalrXUtnFEMI", region: "eu-west-1", endpoint: "http://minio:9000" },
    },
    new Set(["api", "s3"]),
  );
  expect(scrub("app_user@db.internal/orders tls disable eu-west-1 http://minio:9000")).toBe(
    "app_user@db.internal/orders tls disable eu-west-1 http://minio:9000",
  );
  expect(scrub("pa55word wJalrXUtnFEMI AKIAEXAMPLE")).toBe(`${REDACTED} ${REDACTED} ${REDACTED}`);
});
