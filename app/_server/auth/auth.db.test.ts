import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { provideTestServices } from "@/test/fixtures/services";
import { apiTokens, customers, sessions } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { appRouter } from "../routers";
import { createFirstAdmin } from "../services/users/create-first-admin";
import { createUser } from "../services/users/create-user";
import { createCallerFactory, createContext } from "../trpc";
import { getAuth } from "./auth";

let t: TestDatabase;
const callerFor = async (headers: Record<string, string>) =>
  createCallerFactory(appRouter)(await createContext({ headers: new Headers(headers) }));

async function signIn(email: string, password: string): Promise<string> {
  const res = await getAuth(t.db).api.signInEmail({ body: { email, password }, asResponse: true });
  expect(res.status).toBe(200);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => "OK",
    (e: TRPCError) => e.code,
  );

beforeAll(async () => {
  t = await createTestDatabase();
  provideTestServices(t);
  process.env.JUNCTION_AUTH_RATE_LIMIT = "off";
});
afterAll(async () => {
  await t.drop();
});

describe("sign-in, roles and tokens", () => {
  test("the first admin is created once; a second attempt is refused", async () => {
    const caller = await callerFor({});
    expect(await caller.session.setupStatus()).toEqual({ needsFirstAdmin: true });
    await createFirstAdmin(t.db, { email: "Admin@Example.com", name: "Ada", password: "admin-pass-1" });
    expect(await caller.session.setupStatus()).toEqual({ needsFirstAdmin: false });
    await expect(createFirstAdmin(t.db, { email: "other@example.com", name: "Eve", password: "other-pass-1" })).rejects.toThrow(
      /already exists/,
    );
  });

  test("anonymous calls get 401, a session works, an expired session is 401 again", async () => {
    expect(await codeOf((await callerFor({})).session.me())).toBe("UNAUTHORIZED");
    const cookie = await signIn("admin@example.com", "admin-pass-1");
    const me = await (await callerFor({ cookie })).session.me();
    expect(me).toMatchObject({ email: "admin@example.com", role: "admin", via: "session" });

    await t.db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) });
    expect(await codeOf((await callerFor({ cookie })).session.me())).toBe("UNAUTHORIZED");
  });

  test("a wrong password is refused", async () => {
    const res = await getAuth(t.db).api.signInEmail({ body: { email: "admin@example.com", password: "nope-nope" }, asResponse: true });
    expect(res.status).toBe(401);
  });

  test("roles guard procedures: a builder cannot create users (403)", async () => {
    await createUser(t.db, { email: "bob@example.com", name: "Bob", password: "builder-pass", role: "builder" });
    const builder = await callerFor({ cookie: await signIn("bob@example.com", "builder-pass") });
    expect(await codeOf(builder.users.create({ email: "x@example.com", name: "X", password: "xxxxxxxx", role: "admin" }))).toBe(
      "FORBIDDEN",
    );
  });

  test("customer users must belong to a customer", async () => {
    const admin = await callerFor({ cookie: await signIn("admin@example.com", "admin-pass-1") });
    await expect(admin.users.create({ email: "c@example.com", name: "C", password: "cust-pass-1", role: "customer" })).rejects.toThrow(
      /customerId: a customer user must belong to a customer/,
    );
    const [acme] = await t.db.insert(customers).values({ name: "Acme" }).returning();
    const user = await admin.users.create({
      email: "c@example.com",
      name: "C",
      password: "cust-pass-1",
      role: "customer",
      customerId: acme!.id,
    });
    expect(user.customerId).toBe(acme!.id);
    const customer = await callerFor({ cookie: await signIn("c@example.com", "cust-pass-1") });
    expect(await customer.session.me()).toMatchObject({ role: "customer", customerId: acme!.id });
    expect(await codeOf(customer.users.list())).toBe("FORBIDDEN");
  });

  test("a token is shown once, stored hashed, works as a bearer, and stops working when revoked or expired", async () => {
    const admin = await callerFor({ cookie: await signIn("admin@example.com", "admin-pass-1") });
    const created = await admin.tokens.create({ name: "cli" });
    const [stored] = await t.db.select().from(apiTokens).where(eq(apiTokens.id, created.id));
    expect(stored!.tokenHash).not.toContain(created.token);
    expect(JSON.stringify(await admin.tokens.list())).not.toContain(created.token);

    const viaToken = await callerFor({ authorization: `Bearer ${created.token}` });
    expect(await viaToken.session.me()).toMatchObject({ via: "token", email: "admin@example.com" });

    await t.db
      .update(apiTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiTokens.id, created.id));
    expect(await codeOf((await callerFor({ authorization: `Bearer ${created.token}` })).session.me())).toBe("UNAUTHORIZED");
    await t.db.update(apiTokens).set({ expiresAt: null }).where(eq(apiTokens.id, created.id));

    await admin.tokens.revoke({ id: created.id });
    const revoked = await callerFor({ authorization: `Bearer ${created.token}` });
    await expect(revoked.session.me()).rejects.toThrow(/invalid, expired or revoked/);
  });

  test("validation errors name the field", async () => {
    const admin = await callerFor({ cookie: await signIn("admin@example.com", "admin-pass-1") });
    await expect(admin.users.create({ email: "not-an-email", name: "N", password: "long-enough", role: "builder" })).rejects.toThrow(
      /email/,
    );
  });
});
