import { describe, expect, it } from "vitest";
import type { ConfigVar, RateLimit } from "./schema";
import { integration } from "./test-builders";
import { validateDefinition } from "./validate";
import { rateLimitConnectionVar } from "./validate-rate-limits";

const credential = (key: string): ConfigVar => ({ key, label: key, type: "credential", credentialType: "apiKey" });
const text = (key: string): ConfigVar => ({ key, label: key, type: "string" });

function messages(rateLimit: unknown, vars: ConfigVar[] = []) {
  const d = integration([], vars);
  d.flows[0]!.execution = { rateLimit: rateLimit as RateLimit };
  return validateDefinition(d).map((e) => `${e.path}: ${e.message}`);
}

describe("execution.rateLimit", () => {
  it("accepts a limit per flow, per customer, and per connection", () => {
    expect(messages({ per: "flow", limit: 10, intervalSeconds: 1 })).toEqual([]);
    expect(messages({ per: "customer", limit: 100, intervalSeconds: 60 })).toEqual([]);
    expect(messages({ per: "connection", limit: 5, intervalSeconds: 1 }, [credential("crm")])).toEqual([]);
    expect(messages({ per: "connection", configVar: "b", limit: 5, intervalSeconds: 1 }, [credential("a"), credential("b")])).toEqual([]);
  });

  it("says what is wrong in words", () => {
    expect(messages({ per: "hour", limit: 0, intervalSeconds: 1 })).toEqual([
      "flows[0].execution.rateLimit.per: per is flow, customer or connection",
      "flows[0].execution.rateLimit.limit: must be a whole number from 1 to 1000",
    ]);
    expect(messages({ per: "flow", configVar: "crm", limit: 1, intervalSeconds: 1 })).toEqual([
      "flows[0].execution.rateLimit.configVar: only with per: connection",
    ]);
  });

  it("per connection: names a credential config variable, or the integration has exactly one", () => {
    const path = "flows[0].execution.rateLimit.configVar";
    expect(messages({ per: "connection", limit: 5, intervalSeconds: 1 }, [credential("a"), credential("b")])).toEqual([
      `${path}: name the credential config variable whose connection the limit counts (the integration has none or several)`,
    ]);
    expect(messages({ per: "connection", configVar: "nope", limit: 5, intervalSeconds: 1 }, [credential("a")])).toEqual([
      `${path}: unknown config variable "nope"`,
    ]);
    expect(messages({ per: "connection", configVar: "region", limit: 5, intervalSeconds: 1 }, [credential("a"), text("region")])).toEqual([
      `${path}: config variable "region" is a string, not a credential`,
    ]);
    expect(rateLimitConnectionVar(integration([], [credential("a"), text("region")]), undefined)).toBe("a");
  });
});
