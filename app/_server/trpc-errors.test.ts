import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { expect, test, vi } from "vitest";
import { z } from "zod";
import { ServiceError } from "./services/errors";
import { publicProcedure, roleProcedure, router } from "./trpc";

const testRouter = router({
  query: publicProcedure.query(() => {
    throw new Error('Failed query: insert into "component_packages" ("key", "description") values ($1, $2)\nparams: evil,secret');
  }),
  refused: publicProcedure.query(() => {
    throw new ServiceError("CONFLICT", 'name: an integration named "X" already exists');
  }),
  shortRefusal: publicProcedure.query(() => {
    throw new ServiceError("BAD_REQUEST", "password: at least 8 characters");
  }),
  withProblems: publicProcedure.query(() => {
    throw new ServiceError("BAD_REQUEST", "the definition has errors", [{ path: "flows[0].name", message: "Required" }]);
  }),
  create: publicProcedure
    .input(
      z.object({
        name: z.string().trim().min(1, "a name is required").max(200),
        externalId: z.string().max(5).optional(),
        contactEmail: z.email().optional(),
        kind: z.enum(["daily", "weekly"]).optional(),
        nested: z.object({ redirectUrl: z.url() }).optional(),
      }),
    )
    .query(() => "ok"),
  adminsOnly: roleProcedure("admin", "builder").query(() => "ok"),
});

type ErrorBody = { error: { message: string; data: { fieldErrors?: { path: string[]; message: string }[]; problems?: unknown[] } } };

const call = async (path: string, input?: unknown, role?: "customer") => {
  const query = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  const principal = role ? { userId: "u", email: "c@x.test", name: "C", role, customerId: "c", via: "session" as const } : null;
  const res = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req: new Request(`http://localhost/api/trpc/${path}${query}`),
    router: testRouter,
    createContext: () => ({ services: null as never, db: null as never, principal, headers: new Headers() }),
  });
  return { status: res.status, body: (await res.json()) as ErrorBody };
};

test("an unexpected error reaches the caller as a reference, never its SQL or parameters; the log has the details", async () => {
  const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
  const { status, body } = await call("query");
  expect(status).toBe(500);
  expect(body.error.message).toMatch(/^internal error \(reference [0-9a-f]{8}\); the server log has the details$/);
  expect(JSON.stringify(body)).not.toMatch(/insert into|params|secret/);
  const reference = body.error.message.match(/reference ([0-9a-f]{8})/)![1]!;
  expect(String(logged.mock.calls[0]![0])).toContain(reference);
  logged.mockRestore();
});

test("a refusal the service meant for the caller keeps its message", async () => {
  const { status, body } = await call("refused");
  expect(status).toBe(409);
  expect(body.error.message).toBe('An integration named "X" already exists');
});

test("a refusal written as `field: problem` reads without the field's internal name, and names the field for a form", async () => {
  const { body } = await call("refused");
  expect(body.error.data.fieldErrors).toEqual([{ path: ["name"], message: 'An integration named "X" already exists' }]);
  expect((await call("shortRefusal")).body.error.message).toBe("Password: at least 8 characters");
});

test("a refusal with a list of problems keeps its message and the problems' paths", async () => {
  const { body } = await call("withProblems");
  expect(body.error.message).toBe("the definition has errors");
  expect(body.error.data.problems).toEqual([{ path: "flows[0].name", message: "Required" }]);
});

test("refused input says what to do, in words, never a field path", async () => {
  const empty = await call("create", { name: "  " });
  expect(empty.status).toBe(400);
  expect(empty.body.error.message).toBe("Enter a name.");
  expect(empty.body.error.data.fieldErrors).toEqual([{ path: ["name"], message: "Enter a name." }]);

  expect((await call("create", {})).body.error.message).toBe("Enter a name.");
  const several = await call("create", {
    name: "x".repeat(201),
    externalId: "toolong",
    contactEmail: "nope",
    kind: "hourly",
    nested: { redirectUrl: "not a url" },
  });
  expect(several.body.error.message).toBe(
    [
      "Name must be at most 200 characters long.",
      "External ID must be at most 5 characters long.",
      "Enter a valid email address for contact email.",
      "Choose a kind: one of daily, weekly.",
      "Enter redirect URL as a full address, such as https://example.com.",
    ].join(" "),
  );
  expect(several.body.error.message).not.toMatch(/externalId|contactEmail|redirectUrl|Too big|Invalid/);
});

test("a customer user calling an organization procedure is told so in words", async () => {
  const { status, body } = await call("adminsOnly", undefined, "customer");
  expect(status).toBe(403);
  expect(body.error.message).toBe("This is not available to your account: only administrators and builders can do it.");
});
