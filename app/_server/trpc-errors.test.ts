import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { expect, test, vi } from "vitest";
import { ServiceError } from "./services/errors";
import { publicProcedure, router } from "./trpc";

const testRouter = router({
  query: publicProcedure.query(() => {
    throw new Error('Failed query: insert into "component_packages" ("key", "description") values ($1, $2)\nparams: evil,secret');
  }),
  refused: publicProcedure.query(() => {
    throw new ServiceError("CONFLICT", "name: an integration named X already exists");
  }),
});

const call = async (path: string) => {
  const res = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req: new Request(`http://localhost/api/trpc/${path}`),
    router: testRouter,
    createContext: () => ({ services: null as never, db: null as never, principal: null, headers: new Headers() }),
  });
  return { status: res.status, body: (await res.json()) as { error: { message: string } } };
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
  expect(body.error.message).toBe("name: an integration named X already exists");
});
