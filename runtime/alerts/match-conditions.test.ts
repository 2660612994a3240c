import { describe, expect, test } from "vitest";
import { matchConditions } from "./match-conditions";
import { renderTemplate, webhookPayload } from "./render-template";

const run = { status: "succeeded", attempt: 1, durationMs: 500, worstLogLevel: "info" };

describe("matchConditions", () => {
  test("each run condition matches only its case", () => {
    expect(matchConditions([{ kind: "executionFailed" }], { ...run, status: "failed" })).toHaveLength(1);
    expect(matchConditions([{ kind: "executionFailed" }], { ...run, status: "retry_pending" })).toHaveLength(0);
    expect(matchConditions([{ kind: "retryPending" }], { ...run, status: "retry_pending", attempt: 2 })[0]!.reason).toBe(
      "attempt 1 failed, a retry is pending",
    );
    expect(matchConditions([{ kind: "retriesExhausted" }], { ...run, status: "failed", attempt: 1 })).toHaveLength(0);
    expect(matchConditions([{ kind: "retriesExhausted" }], { ...run, status: "failed", attempt: 3 })).toHaveLength(1);
    expect(matchConditions([{ kind: "durationOver", seconds: 0.5 }], run)).toHaveLength(1);
    expect(matchConditions([{ kind: "durationOver", seconds: 1 }], run)).toHaveLength(0);
    expect(matchConditions([{ kind: "logLevel", level: "info" }], run)).toHaveLength(1);
    expect(matchConditions([{ kind: "logLevel", level: "error" }], run)).toHaveLength(0);
    expect(matchConditions([{ kind: "logLevel", level: "debug" }], { ...run, worstLogLevel: null })).toHaveLength(0);
    expect(matchConditions([{ kind: "overdue", minutes: 1 }, { kind: "instanceDisabled" }], { ...run, status: "failed" })).toHaveLength(0);
  });
});

describe("webhook templates", () => {
  test("placeholders are JSON-escaped; missing ones are empty; no template sends the context", () => {
    const ctx = { execution: { id: "e1", error: 'said "no"\nthen left' }, monitor: { name: "M" } };
    expect(JSON.parse(renderTemplate('{"a": "{{execution.id}}", "b": "{{ execution.error }}", "c": "{{nope.x}}"}', ctx))).toEqual({
      a: "e1",
      b: 'said "no"\nthen left',
      c: "",
    });
    expect(JSON.parse(webhookPayload("", ctx))).toEqual(ctx);
    expect(() => webhookPayload("{{execution.id}}", ctx)).toThrow();
  });
});
