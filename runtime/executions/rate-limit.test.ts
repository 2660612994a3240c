import { describe, expect, it } from "vitest";
import type { Definition } from "../definition";
import { integration } from "../definition/test-builders";
import { rateBudgetKey } from "./rate-limit";

const definition: Definition = integration([], [{ key: "crm", label: "CRM", type: "credential", credentialType: "apiKey" }]);
const run = (instance: string, customer: string, crm: unknown, flowKey = "main") => ({
  instance: { id: instance, name: instance },
  customer: { id: customer, name: customer, externalId: null },
  flowKey,
  definition,
  configVars: { crm },
});

describe("a rate limit's budget", () => {
  it("per connection: runs whose credential has the same value share it, whatever their instance or customer", () => {
    const per = { per: "connection", limit: 10, intervalSeconds: 1 } as const;
    const a = rateBudgetKey(per, run("i1", "c1", { key: "k", headerName: "X-Key" }));
    expect(rateBudgetKey(per, run("i2", "c2", { headerName: "X-Key", key: "k" }))).toBe(a);
    expect(rateBudgetKey(per, run("i1", "c1", { key: "other", headerName: "X-Key" }))).not.toBe(a);
    expect(a).not.toContain('k"');
    // no credential entered yet: the instance's own
    expect(rateBudgetKey(per, run("i1", "c1", undefined))).toBe("connection:i1:crm");
  });

  it("per flow: the instance flow's; per customer: the customer's", () => {
    expect(rateBudgetKey({ per: "flow", limit: 1, intervalSeconds: 1 }, run("i1", "c1", null, "sync"))).toBe("flow:i1:sync");
    expect(rateBudgetKey({ per: "customer", limit: 1, intervalSeconds: 1 }, run("i1", "c1", null))).toBe("customer:c1");
  });
});
