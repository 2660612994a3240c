/**
 * `junction users:*` and `junction audit:list` against the real server: invite (the link is
 * printed), the invitee accepts through the API, role change by e-mail address, deactivation
 * (their token stops working), the last-administrator rule, and the audit log of it all.
 */
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "@playwright/test";
import { E2E_ADMIN } from "@/playwright.config";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const BIN = join(ROOT, "cli", "bin", "junction.mjs");
const URL_ = `http://localhost:${process.env.E2E_PORT ?? 3210}`;
const CONFIG_HOME = mkdtempSync(join(tmpdir(), "junction-team-cli-"));

function junction(args: string[], stdin = ""): Promise<{ code: number; stdout: string; stderr: string }> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("JUNCTION_")));
  const env = { ...base, XDG_CONFIG_HOME: CONFIG_HOME } as unknown as NodeJS.ProcessEnv;
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, ...args], { cwd: ROOT, env, encoding: "utf8" }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(stdin);
  });
}

async function json<T = Record<string, unknown>>(args: string[]): Promise<T> {
  const run = await junction([...args, "--output", "json"]);
  expect(run.code, `junction ${args.join(" ")}: ${run.stderr}`).toBe(0);
  return JSON.parse(run.stdout) as T;
}

test("users:invite, users:update, users:deactivate and audit:list", async ({ request }) => {
  const login = await junction(["login", "--url", URL_, "--email", E2E_ADMIN.email, "--password-stdin"], `${E2E_ADMIN.password}\n`);
  expect(login.code, login.stderr).toBe(0);
  const email = `cli-member-${Date.now()}@team.test`;

  const invite = await junction(["users:invite", "--email", email, "--role", "builder"]);
  expect(invite.code, invite.stderr).toBe(0);
  expect(invite.stderr).toContain(`${email} is invited`);
  const link = invite.stdout.trim();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);

  const open = await json<Array<{ id: string; email: string }>>(["users:invitations"]);
  expect(open).toContainEqual(expect.objectContaining({ email, role: "builder" }));

  // the invitee accepts (the page's own API call) and makes a token
  const token = link.split("/invite/")[1];
  const accepted = await request.post("/api/trpc/users.acceptInvitation", {
    data: { token, name: "Cli Member", password: "cli-member-pass" },
  });
  expect(accepted.ok()).toBeTruthy();
  expect((await request.post("/api/auth/sign-in/email", { data: { email, password: "cli-member-pass" } })).ok()).toBeTruthy();
  const memberToken = (await (await request.post("/api/trpc/tokens.create", { data: { name: "member" } })).json()).result.data
    .token as string;
  const me = () => request.get("/api/trpc/session.me", { headers: { authorization: `Bearer ${memberToken}` } });
  expect((await me()).status()).toBe(200);

  const list = await json<Array<{ email: string; role: string; status: string }>>(["users:list"]);
  expect(list).toContainEqual(expect.objectContaining({ email, role: "builder", status: "active" }));

  const updated = await junction(["users:update", email, "--role", "support"]);
  expect(updated.stdout).toContain(`${email} is now support`);
  expect((await (await me()).json()).result.data.role).toBe("support");

  const deactivated = await junction(["users:deactivate", email]);
  expect(deactivated.code, deactivated.stderr).toBe(0);
  expect(deactivated.stdout).toMatch(/Deactivated .*: 1 session ended, 1 API token revoked/);
  expect((await me()).status()).toBe(401);

  // the last administrator: demoting yourself is refused when no one else is one
  const admins = (await json<Array<{ role: string; status: string }>>(["users:list"])).filter(
    (u) => u.role === "admin" && u.status === "active",
  );
  if (admins.length === 1) {
    const refused = await junction(["users:update", E2E_ADMIN.email, "--role", "builder"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("would leave no administrator");
  }

  // an invitation revoked from the CLI leaves the list
  const other = await json<{ id: string }>(["users:invite", "--email", `revoked-${email}`, "--role", "support"]);
  expect((await junction(["users:invitations:revoke", other.id])).stdout).toContain(`Revoked the invitation of revoked-${email}`);
  expect((await json<Array<{ id: string }>>(["users:invitations"])).map((i) => i.id)).not.toContain(other.id);

  const audit = await json<Array<{ action: string; targetName: string; actorEmail: string }>>([
    "audit:list",
    "--action",
    "user",
    "--since",
    "1h",
  ]);
  const mine = audit.filter((e) => e.targetName === email).map((e) => e.action);
  expect(mine).toEqual(["user.deactivated", "user.role_changed", "user.joined", "user.invited"]);
  const table = await junction(["audit:list", "--actor", E2E_ADMIN.email, "--action", "user.role_changed"]);
  expect(table.stdout).toMatch(new RegExp(`user\\.role_changed\\s+${email.replace(/\./g, "\\.")}\\s+builder → support`));
});
