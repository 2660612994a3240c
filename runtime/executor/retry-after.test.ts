import { afterEach, describe, expect, it } from "vitest";
import { retryWaitMs } from "./step-error";

const now = Date.parse("2026-12-04T10:00:00Z");
const err = (message: string) => ({ message });

describe("a step's retry wait after an HTTP 429", () => {
  afterEach(() => {
    delete process.env.JUNCTION_MAX_RETRY_AFTER_S;
  });

  it("waits Retry-After seconds instead of delayMs", () => {
    expect(retryWaitMs(err("HTTP 429 Too Many Requests (Retry-After: 3) from GET https://api.example.com/x"), 1000, now)).toBe(3000);
  });

  it("reads an HTTP date", () => {
    const message = "HTTP 429 (Retry-After: Fri, 04 Dec 2026 10:00:07 GMT) from GET https://api.example.com/x: slow down";
    expect(retryWaitMs(err(message), 1000, now)).toBe(7000);
  });

  it("keeps delayMs for other errors, a 429 without the header, or a header it cannot read", () => {
    expect(retryWaitMs(err("HTTP 503 Service Unavailable (Retry-After: 3) from GET https://a/x"), 1000, now)).toBe(1000);
    expect(retryWaitMs(err("HTTP 429 Too Many Requests from GET https://a/x"), 1000, now)).toBe(1000);
    expect(retryWaitMs(err("HTTP 429 (Retry-After: soon) from GET https://a/x"), 1000, now)).toBe(1000);
    expect(retryWaitMs(err("boom"), 250, now)).toBe(250);
  });

  it("never waits longer than the maximum, nor less than nothing", () => {
    expect(retryWaitMs(err("HTTP 429 (Retry-After: 86400) from GET https://a/x"), 1000, now)).toBe(300_000);
    process.env.JUNCTION_MAX_RETRY_AFTER_S = "10";
    expect(retryWaitMs(err("HTTP 429 (Retry-After: 60) from GET https://a/x"), 1000, now)).toBe(10_000);
    expect(retryWaitMs(err("HTTP 429 (Retry-After: Fri, 04 Dec 2026 09:00:00 GMT) from GET https://a/x"), 1000, now)).toBe(0);
  });
});
