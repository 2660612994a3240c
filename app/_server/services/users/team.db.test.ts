/**
 * The team through the real tRPC routers and better-auth: inviting (the link works once, is mailed
 * when SMTP is set), accepting, role changes, deactivation (its session and token stop working,
 * sign-in is refused), removal, the last-administrator rule, and the audit log of each change.
 */
import type { AddressInfo } from "node:net";
import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { auditLog, invitations, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { provideTestServices } from "@/test/fixtures/services";
import { waitFor } from "@/test/wait-for";
import { getAuth } from "../../auth/auth";
import { appRouter } from "../../routers";
import { createCallerFactory, createContext } from "../../trpc";
import { recordAudit } from "../audit/record-audit";
import { createFirstAdmin } from "./create-first-admin";

let t: TestDatabase;
const callerFor = async (headers: Record<string, string> = {}) =>
  createCallerFactory(appRouter)(await createContext({ headers: new Headers(headers) }));

async function signIn(email: string, password: string): Promise<{ status: number; cookie: string; message?: string }> {
  const res = await getAuth(t.db).api.signInEmail({ body: { email, password }, asResponse: true });
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const message = res.status === 200 ? undefined : ((await res.json()) as { message?: string }).message;
  return { status: res.status, cookie, message };
}

/** a caller signed in as the user; each call reads the session afresh, as each request does */
async function as(email: string, password: string) {
  const { status, cookie } = await signIn(email, password);
  expect(status, `sign in as ${email}`).toBe(200);
  const at = (path: string[]): unknown =>
    new Proxy(() => {}, {
      get: (_t, key: string) => (key === "then" ? undefined : at([...path, key])),
      apply: async (_t, _this, args: unknown[]) => {
        let target: unknown = await callerFor({ cookie });
        for (const key of path) target = (target as Record<string, unknown>)[key];
        return (target as (...a: unknown[]) => unknown)(...args);
      },
    });
  return at([]) as Awaited<ReturnType<typeof callerFor>>;
}

const tokenOf = (url: string) => url.split("/invite/")[1]!;

/** invites and accepts: a signed-in caller for the new member */
async function join(admin: Awaited<ReturnType<typeof callerFor>>, email: string, role: "admin" | "builder" | "support") {
  const invited = await admin.users.invite({ email, role });
  const anonymous = await callerFor();
  await anonymous.users.acceptInvitation({ token: tokenOf(invited.url), name: email.split("@")[0]!, password: "member-pass-1" });
  return as(email, "member-pass-1");
}

const actions = async (targetName: string) =>
  (await t.db.select().from(auditLog).where(eq(auditLog.targetName, targetName))).map((r) => r.action).sort();

let admin: Awaited<ReturnType<typeof callerFor>>;

beforeAll(async () => {
  t = await createTestDatabase();
  provideTestServices(t);
  process.env.JUNCTION_AUTH_RATE_LIMIT = "off";
  await createFirstAdmin(t.db, { email: "ada@team.test", name: "Ada", password: "admin-pass-1" });
  admin = await as("ada@team.test", "admin-pass-1");
});
afterAll(async () => {
  await t?.drop();
});

describe("invitations", () => {
  test("an invitation link works once, gives the invited role, and only its hash is stored", async () => {
    const invited = await admin.users.invite({ email: "Bea@Team.test", role: "builder" });
    expect(invited).toMatchObject({ email: "bea@team.test", role: "builder", delivery: { sent: false } });
    expect(invited.url).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
    const token = tokenOf(invited.url);
    const [stored] = await t.db.select().from(invitations).where(eq(invitations.id, invited.id));
    expect(JSON.stringify(stored)).not.toContain(token);
    expect((await admin.users.invitations()).map((i) => i.email)).toContain("bea@team.test");

    const anonymous = await callerFor();
    expect(await anonymous.users.invitation({ token })).toMatchObject({
      open: true,
      email: "bea@team.test",
      role: "builder",
      invitedBy: "Ada",
    });
    const bea = await anonymous.users.acceptInvitation({ token, name: "Bea", password: "bea-pass-12" });
    expect(bea).toMatchObject({ email: "bea@team.test", role: "builder" });
    const me = await (await as("bea@team.test", "bea-pass-12")).session.me();
    expect(me).toMatchObject({ name: "Bea", role: "builder" });

    // used up: neither the page nor a second accept takes it again
    expect(await anonymous.users.invitation({ token })).toMatchObject({ open: false, problem: expect.stringMatching(/accepted already/) });
    await expect(anonymous.users.acceptInvitation({ token, name: "Eve", password: "eve-pass-123" })).rejects.toThrow(/accepted already/);
    expect((await admin.users.invitations()).map((i) => i.email)).not.toContain("bea@team.test");
    expect(await actions("bea@team.test")).toEqual(["user.invited", "user.joined"]);
  });

  test("an expired, revoked or replaced link is refused in words", async () => {
    const first = await admin.users.invite({ email: "cy@team.test", role: "support" });
    const second = await admin.users.invite({ email: "cy@team.test", role: "support" });
    const anonymous = await callerFor();
    await expect(anonymous.users.acceptInvitation({ token: tokenOf(first.url), name: "Cy", password: "cy-pass-123" })).rejects.toThrow(
      /withdrawn: ask your administrator for a new one/,
    );
    await admin.users.revokeInvitation({ id: second.id });
    expect(await anonymous.users.invitation({ token: tokenOf(second.url) })).toMatchObject({
      open: false,
      problem: expect.stringMatching(/withdrawn/),
    });

    const third = await admin.users.invite({ email: "cy@team.test", role: "support" });
    await t.db
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitations.id, third.id));
    await expect(anonymous.users.acceptInvitation({ token: tokenOf(third.url), name: "Cy", password: "cy-pass-123" })).rejects.toThrow(
      /expired/,
    );
    await expect(anonymous.users.invitation({ token: "x".repeat(43) })).resolves.toMatchObject({
      open: false,
      problem: expect.stringMatching(/not valid/),
    });
  });

  test("an address that already has an account cannot be invited; only administrators invite", async () => {
    await expect(admin.users.invite({ email: "ada@team.test", role: "builder" })).rejects.toThrow(/already has an account/);
    const builder = await join(admin, "dan@team.test", "builder");
    await expect(builder.users.invite({ email: "eve@team.test", role: "admin" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  test("with SMTP configured the link is mailed", async () => {
    const mails: string[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      onData(stream, _session, callback) {
        let text = "";
        stream.on("data", (d: Buffer) => (text += d.toString()));
        stream.on("end", () => {
          mails.push(text);
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
    process.env.JUNCTION_SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
    try {
      const invited = await admin.users.invite({ email: "fay@team.test", role: "support" });
      expect(invited.delivery).toEqual({ sent: true });
      const mail = await waitFor(() => mails.find((m) => m.includes("fay@team.test")), { what: "the invitation e-mail" });
      expect(mail.replace(/=\r?\n/g, "")).toContain(tokenOf(invited.url));
    } finally {
      delete process.env.JUNCTION_SMTP_URL;
      await new Promise<void>((resolve) => smtp.close(resolve));
    }
  });
});

describe("roles, deactivation and removal", () => {
  test("an administrator changes a member's role; the change is in the audit log", async () => {
    const gus = await join(admin, "gus@team.test", "builder");
    const { userId: id } = await gus.session.me();
    await admin.users.update({ id, role: "support" });
    expect(await gus.session.me()).toMatchObject({ role: "support" });
    const [entry] = (await admin.audit.list({ action: "user.role_changed" })).entries.filter((e) => e.targetName === "gus@team.test");
    expect(entry).toMatchObject({ actorEmail: "ada@team.test", detail: { from: "builder", to: "support" }, description: "changed a role" });
  });

  test("deactivation ends the member's session and API token and refuses sign-in; reactivation allows it again", async () => {
    const hal = await join(admin, "hal@team.test", "builder");
    const { userId: id } = await hal.session.me();
    const { token } = await hal.tokens.create({ name: "hal's cli" });
    const viaToken = await callerFor({ authorization: `Bearer ${token}` });
    expect(await viaToken.session.me()).toMatchObject({ email: "hal@team.test", via: "token" });

    const result = await admin.users.deactivate({ id });
    expect(result).toMatchObject({ sessionsEnded: 1, tokensRevoked: 1 });
    await expect(hal.session.me()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect((await callerFor({ authorization: `Bearer ${token}` })).session.me()).rejects.toThrow(/invalid, expired or revoked/);
    const refused = await signIn("hal@team.test", "member-pass-1");
    expect(refused).toMatchObject({ status: 403, message: expect.stringMatching(/deactivated/) });
    expect((await admin.users.list({ team: true })).find((u) => u.id === id)?.deactivatedAt).toBeTruthy();

    await admin.users.reactivate({ id });
    expect((await signIn("hal@team.test", "member-pass-1")).status).toBe(200);
    await expect((await callerFor({ authorization: `Bearer ${token}` })).session.me()).rejects.toThrow(/revoked/);
    expect(await actions("hal@team.test")).toEqual(["user.deactivated", "user.invited", "user.joined", "user.reactivated"]);
  });

  test("a session that outlived its user's deactivation (a sign-in racing it) is refused", async () => {
    const lou = await join(admin, "lou@team.test", "builder");
    const { userId } = await lou.session.me();
    await t.db.update(users).set({ deactivatedAt: new Date() }).where(eq(users.id, userId));
    await expect(lou.session.me()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  test("a removed member's sessions go with it; the audit log keeps the address", async () => {
    const ida = await join(admin, "ida@team.test", "support");
    const { userId: id } = await ida.session.me();
    await admin.users.remove({ id });
    await expect(ida.session.me()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect((await admin.users.list()).map((u) => u.email)).not.toContain("ida@team.test");
    expect(await actions("ida@team.test")).toContain("user.removed");
  });

  test("the last administrator cannot be demoted, deactivated or removed", async () => {
    const { userId: adaId } = await admin.session.me();
    await expect(admin.users.update({ id: adaId, role: "builder" })).rejects.toThrow(/would leave no administrator/);
    await expect(admin.users.deactivate({ id: adaId })).rejects.toThrow(/cannot deactivate yourself/);
    await expect(admin.users.remove({ id: adaId })).rejects.toThrow(/cannot remove yourself/);

    // two administrators demoting each other at once: one of them stays an administrator
    const jo = await join(admin, "jo@team.test", "admin");
    const { userId: joId } = await jo.session.me();
    const outcomes = await Promise.allSettled([
      admin.users.update({ id: joId, role: "builder" }),
      jo.users.update({ id: adaId, role: "builder" }),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"]);
    const admins = (await t.db.query.users.findMany()).filter((u) => u.role === "admin" && !u.deactivatedAt);
    expect(admins.map((u) => u.email)).toHaveLength(1);
    // whoever stayed an administrator makes Ada one again, for the tests after this one
    if (admins[0]!.email !== "ada@team.test") await jo.users.update({ id: adaId, role: "admin" });
  });
});

describe("the audit log", () => {
  test("filters by actor, action or area and time, a page at a time, and keeps secrets out", async () => {
    const all = await admin.audit.list({ pageSize: 3 });
    expect(all.entries).toHaveLength(3);
    expect(all.hasMore).toBe(true);
    const next = await admin.audit.list({ pageSize: 3, page: 2 });
    expect(next.entries.map((e) => e.id)).not.toContain(all.entries[0]!.id);

    const teamChanges = await admin.audit.list({ action: "user", pageSize: 500 });
    expect(teamChanges.entries.every((e) => e.action.startsWith("user."))).toBe(true);
    const byHal = await admin.audit.list({ actor: "hal@team", pageSize: 500 });
    expect(byHal.entries.map((e) => e.action)).toContain("user.joined");
    expect((await admin.audit.list({ since: new Date(Date.now() + 60_000) })).entries).toEqual([]);

    const rows = await t.db.select().from(auditLog);
    expect(JSON.stringify(rows)).not.toMatch(/pass-1|jct_|member-pass/);
  });

  test("token and signing-key changes are recorded, without the token or the secret", async () => {
    const token = await admin.tokens.create({ name: "audited cli" });
    await admin.tokens.revoke({ id: token.id });
    const key = await admin.embedding.keys.add({ name: "backend", algorithm: "HS256" });
    expect(key.secret).toBeTruthy();
    await admin.embedding.keys.revoke({ id: key.id });
    const log = (await admin.audit.list({ since: new Date(Date.now() - 60_000), pageSize: 500 })).entries;
    expect(log.filter((e) => e.targetId === token.id).map((e) => e.action)).toEqual(["token.revoked", "token.created"]);
    expect(log.filter((e) => e.targetId === key.id).map((e) => e.action)).toEqual(["embedding.key_revoked", "embedding.key_added"]);
    const stored = JSON.stringify(await t.db.select().from(auditLog));
    expect(stored).not.toContain(token.token);
    expect(stored).not.toContain(key.secret);
  });

  test("a service that knows only the actor's id records the actor's address", async () => {
    const { userId } = await admin.session.me();
    await recordAudit(t.db, {
      actor: { userId },
      action: "integration.published",
      target: { type: "integration", id: "i-1", name: "Orders" },
    });
    const [entry] = (await admin.audit.list({ action: "integration.published" })).entries;
    expect(entry).toMatchObject({ actorId: userId, actorEmail: "ada@team.test", targetName: "Orders", description: "published a version" });
  });

  test("an actor that is not a user (a made-up principal) leaves the actor empty instead of failing the change", async () => {
    await recordAudit(t.db, {
      actor: { userId: "no-such-user", email: "ghost@team.test" },
      action: "settings.changed",
      target: { type: "settings" },
    });
    const [entry] = (await admin.audit.list({ actor: "ghost@team.test" })).entries;
    expect(entry).toMatchObject({ actorId: null, actorEmail: "ghost@team.test" });
  });

  test("only administrators read it", async () => {
    const kim = await join(admin, "kim@team.test", "builder");
    await expect(kim.audit.list()).rejects.toBeInstanceOf(TRPCError);
  });
});
