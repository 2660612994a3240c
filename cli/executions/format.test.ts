import { describe, expect, it } from "vitest";
import { CliError } from "../errors";
import { formatLogLine, formatStepLine, isFinished, parseTimeArg, renderExecutionText, stepName, type ExecutionSummary } from "./format";

const NOW = new Date("2025-03-10T12:00:00.000Z");

describe("--since / --until", () => {
  it("reads spans back from now", () => {
    expect(parseTimeArg("30m", "--since", NOW)).toBe("2025-03-10T11:30:00.000Z");
    expect(parseTimeArg("1h", "--since", NOW)).toBe("2025-03-10T11:00:00.000Z");
    expect(parseTimeArg("2d", "--since", NOW)).toBe("2025-03-08T12:00:00.000Z");
    expect(parseTimeArg("1w", "--since", NOW)).toBe("2025-03-03T12:00:00.000Z");
    expect(parseTimeArg("45s", "--since", NOW)).toBe("2025-03-10T11:59:15.000Z");
    expect(parseTimeArg(" 1.5H ", "--since", NOW)).toBe("2025-03-10T10:30:00.000Z");
  });

  it("reads ISO dates and timestamps", () => {
    expect(parseTimeArg("2025-01-31", "--since", NOW)).toBe("2025-01-31T00:00:00.000Z");
    expect(parseTimeArg("2025-01-31T12:30:00Z", "--since", NOW)).toBe("2025-01-31T12:30:00.000Z");
    expect(parseTimeArg("2025-01-31T12:30:00+02:00", "--since", NOW)).toBe("2025-01-31T10:30:00.000Z");
  });

  it("refuses anything else, naming the option", () => {
    for (const bad of ["", "1", "5 minutes", "yesterday", "2025-13-45", "1y"]) {
      expect(() => parseTimeArg(bad, "--until", NOW), bad).toThrow(CliError);
    }
    expect(() => parseTimeArg("soon", "--until", NOW)).toThrow(/--until "soon": give a span/);
  });
});

describe("lines", () => {
  it("formats log lines as time level [step] message", () => {
    expect(
      formatLogLine({ id: 1, stepKey: "acknowledge", level: "info", message: "order received", createdAt: "2025-03-10T12:00:00.123Z" }),
    ).toBe("2025-03-10T12:00:00.123Z info  [acknowledge] order received");
    expect(formatLogLine({ id: 2, stepKey: null, level: "error", message: "boom", createdAt: new Date("2025-03-10T12:00:01.000Z") })).toBe(
      "2025-03-10T12:00:01.000Z error boom",
    );
  });

  it("formats step lines with loop iterations and errors", () => {
    expect(stepName({ stepKey: "post", iteration: [2, 0], status: "succeeded" })).toBe("post[2,0]");
    expect(
      formatStepLine({ stepKey: "fetch", iteration: [], status: "succeeded", durationMs: 12, startedAt: "2025-03-10T12:00:00.000Z" }),
    ).toBe("2025-03-10T12:00:00.000Z step  fetch succeeded 12 ms");
    expect(
      formatStepLine({
        stepKey: "fetch",
        status: "failed",
        durationMs: 3,
        startedAt: "2025-03-10T12:00:00.000Z",
        error: { message: "HTTP 500" },
      }),
    ).toBe("2025-03-10T12:00:00.000Z step  fetch failed 3 ms: HTTP 500");
  });

  it("knows which statuses are final", () => {
    expect(["succeeded", "failed", "canceled"].every(isFinished)).toBe(true);
    expect(["queued", "running", "retry_pending"].some(isFinished)).toBe(false);
  });
});

describe("executions:get as text", () => {
  const summary: ExecutionSummary = {
    id: "e1",
    status: "failed",
    source: "webhook",
    isTest: false,
    flow: "receiveOrder",
    instanceId: "i1",
    integrationId: "g1",
    customerId: "c1",
    attempt: 2,
    maxAttempts: 3,
    queuedAt: "2025-03-10T12:00:00.000Z",
    startedAt: "2025-03-10T12:00:00.010Z",
    finishedAt: "2025-03-10T12:00:00.050Z",
    nextAttemptAt: null,
    durationMs: 40,
    error: { message: "HTTP 500", stepKey: "fetch" },
    replayOf: null,
  };

  it("shows the summary, a table of steps and the logs", () => {
    const text = renderExecutionText(summary, {
      steps: [
        { stepKey: "acknowledge", iteration: [], status: "succeeded", durationMs: 5, resultSize: 20 },
        { stepKey: "fetch", iteration: [], status: "failed", durationMs: 30, resultSize: 0, error: { message: "HTTP 500" } },
      ],
      logs: [{ id: 1, stepKey: "acknowledge", level: "info", message: "order received", createdAt: "2025-03-10T12:00:00.020Z" }],
    });
    expect(text).toContain("Execution e1\n");
    expect(text).toMatch(/ {2}status +failed \(attempt 2 of 3\)\n/);
    expect(text).toMatch(/ {2}finished +2025-03-10T12:00:00.050Z \(40 ms\)\n/);
    expect(text).toMatch(/ {2}error +HTTP 500 \(step fetch\)\n/);
    expect(text).not.toContain("replay of");
    expect(text).toContain("Steps (2):\n");
    expect(text).toMatch(/ {2}STEP +STATUS +ATTEMPT +MS +BYTES +ERROR\n/);
    expect(text).toMatch(/ {2}fetch +failed +30 +0 +HTTP 500\n/);
    expect(text).toContain("Logs (1):\n  2025-03-10T12:00:00.020Z info  [acknowledge] order received\n");
  });

  it("says when there are no steps or logs", () => {
    const text = renderExecutionText(
      { ...summary, status: "queued", error: null, finishedAt: null, durationMs: null },
      { steps: [], logs: [] },
    );
    expect(text).toContain("Steps: none\n");
    expect(text).toContain("Logs: none\n");
    expect(text).not.toContain("finished");
  });
});
