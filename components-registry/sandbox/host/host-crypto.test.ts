import { createHash, createHmac } from "node:crypto";
import { afterAll, beforeAll, expect, test } from "vitest";
import { preparePackage } from "../../packages/prepare-package";
import { invocation } from "../../test-support/invocation";
import { tempPackage } from "../../test-support/temp-package";
import { createMemoryBundleLoader } from "../memory-loader";
import { createSandboxRunner, type SandboxRunner } from "../sandbox-runner";

const SOURCE = `
import { action, component, input } from "@junction/sdk";
const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
export default component({
  key: "signer",
  label: "Signer",
  actions: {
    sign: action({
      label: "Sign",
      inputs: { how: input({ label: "How", type: "string", required: true }) },
      perform: async ({ crypto }, { how }) => {
        if (how === "ok") {
          return {
            data: {
              sha256: hex(crypto.hash("sha256", "abc")),
              hmac: hex(crypto.hmac("sha256", new TextEncoder().encode("key"), "data")),
              random: crypto.randomBytes(16).length,
              uuid: crypto.randomUUID(),
            },
          };
        }
        if (how === "badAlgorithm") return { data: crypto.hash("sha3" as never, "x") };
        return { data: crypto.hmac("sha256", {} as never, "x") };
      },
    }),
  },
});
`;

let runner: SandboxRunner;
const pkg = tempPackage(SOURCE);

beforeAll(async () => {
  runner = createSandboxRunner({ loadBundle: createMemoryBundleLoader([await preparePackage({ path: pkg.dir })]) });
});
afterAll(async () => {
  await runner.close();
  pkg.remove();
});

test("context.crypto hashes and signs on the host, with the host's answers", async () => {
  const { data } = await runner.run(invocation("signer", "sign", { how: "ok" }));
  expect(data).toMatchObject({
    sha256: createHash("sha256").update("abc").digest("hex"),
    hmac: createHmac("sha256", "key").update("data").digest("hex"),
    random: 16,
  });
  expect((data as { uuid: string }).uuid).toMatch(/^[0-9a-f-]{36}$/);
});

test("a bad algorithm or key is the step's error, not the host's", async () => {
  await expect(runner.run(invocation("signer", "sign", { how: "badAlgorithm" }))).rejects.toThrow(/algorithm must be one of md5, sha1/);
  await expect(runner.run(invocation("signer", "sign", { how: "badKey" }))).rejects.toThrow(/key must be text or bytes/);
});
