import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { CliError, describeServerError } from "./errors";

const URL_ = "http://junction.test";

/** A tRPC client error as the server's error formatter shapes it. */
function trpcError(message: string, data: Record<string, unknown>) {
  return TRPCClientError.from({ error: { message, code: -32600, data } });
}

describe("server errors as one line", () => {
  it("a bad token says how to log in", () => {
    const err = describeServerError(
      trpcError("the API token is invalid, expired or revoked", { code: "UNAUTHORIZED", httpStatus: 401 }),
      URL_,
    );
    expect(err).toBeInstanceOf(CliError);
    expect(err.message).toBe(
      `not signed in to ${URL_} (the API token is invalid, expired or revoked): run \`junction login --url ${URL_} --email <you@example.com>\` or set JUNCTION_TOKEN (and JUNCTION_URL)`,
    );
    expect(err.exitCode).toBe(1);
  });

  it("an unknown id says not found", () => {
    expect(describeServerError(trpcError("integration not found", { code: "NOT_FOUND" }), URL_).message).toBe("integration not found");
    expect(describeServerError(trpcError("customerId: no such customer", { code: "NOT_FOUND" }), URL_).message).toBe(
      "not found: customerId: no such customer",
    );
  });

  it("lists each problem of a definition or config with its line", () => {
    const err = describeServerError(
      trpcError("the definition has errors:\n  a: b (line 3)", {
        code: "BAD_REQUEST",
        problems: [
          { path: "flows[0].name", message: "Required", line: 3 },
          { path: "", message: "bad YAML", line: 1 },
        ],
      }),
      URL_,
    );
    expect(err.message).toBe("the definition has errors:\n  flows[0].name: Required (line 3)\n  bad YAML (line 1)");
  });

  it("names the URL when the server cannot be reached", () => {
    const refused = new TypeError("fetch failed", { cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }) });
    expect(describeServerError(new TRPCClientError("fetch failed", { cause: refused }), URL_).message).toBe(
      `cannot reach the Junction server at ${URL_} (ECONNREFUSED)`,
    );
  });

  it("says when the answer is not from a Junction server", () => {
    expect(describeServerError(new TRPCClientError("Unexpected token '<'"), URL_).message).toMatch(/did not answer like a Junction server/);
  });

  it("keeps other messages as they are", () => {
    expect(describeServerError(trpcError('name: an integration named "X" already exists', { code: "CONFLICT" }), URL_).message).toBe(
      'name: an integration named "X" already exists',
    );
  });
});
