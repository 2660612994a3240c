import { describe, expect, it } from "vitest";
import type { ConfigVar } from "../definition/schema";
import { REDACTED } from "./redact";
import { cfg, definitionOf, fakeRunner, list, run, step, tpl, val, type FakeRunner } from "./test-helpers";

const vars: ConfigVar[] = [
  { key: "shopApiKey", label: "Shop API key", type: "credential", credentialType: "apiKey" },
  { key: "shopUrl", label: "Shop URL", type: "string" },
];
const configVars = { shopApiKey: { key: "sk_live_12345", headerName: "X-Key" }, shopUrl: "https://shop" };

describe("credentials", () => {
  it("reach the action in full and events only censored", async () => {
    const def = definitionOf(
      [
        step("Call", "http.get", {
          apiKey: cfg("shopApiKey"),
          url: tpl("{{configVars.shopUrl}}/orders?key={{ configVars.shopApiKey.key }}"),
          both: list(cfg("shopUrl"), cfg("shopApiKey")),
          plain: val("visible"),
        }),
      ],
      vars,
    );
    const runner = fakeRunner({ "http.get": () => "ok" });
    const outcome = await run(def, { runner, configVars });
    expect((runner as FakeRunner).calls[0].inputs).toEqual({
      apiKey: configVars.shopApiKey,
      url: "https://shop/orders?key=sk_live_12345",
      both: ["https://shop", configVars.shopApiKey],
      plain: "visible",
    });
    expect(outcome.sink.finished("call")[0].inputs).toEqual({
      apiKey: REDACTED,
      url: `https://shop/orders?key=${REDACTED}`,
      both: ["https://shop", REDACTED],
      plain: "visible",
    });
  });

  it("are scrubbed from logs and error messages", async () => {
    const def = definitionOf([step("Leaky", "test.leak", { auth: cfg("shopApiKey") })], vars);
    const outcome = await run(def, {
      configVars,
      actions: {
        "test.leak": ({ auth }, inv) => {
          const key = (auth as { key: string }).key;
          inv.logger.log("info", `using ${key}`);
          throw new Error(`rejected key ${key}`);
        },
      },
    });
    expect(outcome.sink.logs()[0].message).toBe(`using ${REDACTED}`);
    expect(outcome.error?.message).toBe(`rejected key ${REDACTED}`);
    expect(outcome.error?.stack).not.toContain("sk_live_12345");
  });

  it("can be named explicitly with credentialKeys", async () => {
    const def = definitionOf([step("Call", "test.ok", { token: cfg("token") })], [{ key: "token", label: "Token", type: "string" }]);
    const outcome = await run(def, { configVars: { token: "abcd-secret" }, credentialKeys: ["token"], actions: { "test.ok": () => 1 } });
    expect(outcome.sink.finished("call")[0].inputs).toEqual({ token: REDACTED });
  });

  it("leave inputs without credentials as one shared copy", async () => {
    const def = definitionOf([step("Call", "test.ok", { url: cfg("shopUrl") })], vars);
    const runner = fakeRunner({ "test.ok": () => 1 });
    const outcome = await run(def, { runner, configVars });
    expect(outcome.sink.finished("call")[0].inputs).toBe((runner as FakeRunner).calls[0].inputs);
  });
});
