/**
 * Settings → Team as an administrator uses it: invite by e-mail, the invitee opens the link in a
 * browser of their own and chooses a password, signs in; the administrator changes their role and
 * deactivates them — their session and API token stop working and sign-in is refused — and removes
 * them; the last administrator cannot demote themselves; the audit log shows each change.
 * At 1280×720 and 1440×900.
 */
import { expect, test, type Page } from "@playwright/test";
import { signInAsAdmin } from "./support/auth";

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/h7/${name}.png`, fullPage: true });

for (const viewport of [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
]) {
  test(`invite, join, change role and deactivate a team member at ${viewport.width}x${viewport.height}`, async ({ page, browser }) => {
    await page.setViewportSize(viewport);
    await signInAsAdmin(page);
    const email = `member-${viewport.width}-${Date.now()}@team.test`;

    await page.goto("/settings");
    await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Team" }).click();
    await expect(page.getByRole("heading", { name: "Invite a team member" })).toBeVisible();
    await page.getByLabel("E-mail address").fill(email);
    await page.getByLabel("Role", { exact: true }).selectOption({ label: "Builder" });
    await page.getByRole("button", { name: "Invite", exact: true }).click();
    // no SMTP here: the link is shown to pass on
    await expect(page.getByRole("status")).toContainText(`${email} is invited`);
    const link = (await page.getByTestId("invitation-link").textContent())!.trim();
    expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
    await expect(page.getByRole("table", { name: "Open invitations" }).getByRole("row", { name: new RegExp(email) })).toBeVisible();
    await shot(page, `team-invited-${viewport.width}`);

    // the invitee, in a browser of their own
    const theirs = await browser.newContext({ viewport, baseURL: new URL(link).origin });
    const member = await theirs.newPage();
    await member.goto(new URL(link).pathname);
    await expect(member.getByRole("heading", { name: "Join your team on Junction" })).toBeVisible();
    await expect(member.getByText(`invited ${email} as builder`)).toBeVisible();
    await shot(member, `invite-page-${viewport.width}`);
    await member.getByLabel("Your name").fill("Morgan Member");
    await member.getByLabel("Password", { exact: true }).fill("member-password-1");
    await member.getByLabel("Password again").fill("member-password-1");
    await member.getByRole("button", { name: "Join the team" }).click();
    await expect(member).toHaveURL(/\/integrations/);
    await expect(member.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Integrations" })).toBeVisible();

    // the link worked once
    await member.goto(new URL(link).pathname);
    await expect(member.getByRole("alert").filter({ hasText: "accepted already" })).toBeVisible();

    // signed in as the new member, with a session and an API token
    const me = async (headers?: Record<string, string>) => member.request.get("/api/trpc/session.me", { headers });
    expect((await (await me()).json()).result.data).toMatchObject({ email, role: "builder" });
    const created = await member.request.post("/api/trpc/tokens.create", { data: { name: "member cli" } });
    const token = (await created.json()).result.data.token as string;
    expect((await me({ authorization: `Bearer ${token}` })).status()).toBe(200);

    // the administrator makes them support
    await page.reload();
    const row = page.getByRole("table", { name: "Team members" }).getByRole("row", { name: new RegExp(email) });
    await expect(row).toContainText("Morgan Member");
    await expect(page.getByRole("table", { name: "Open invitations" })).not.toContainText(email);
    await row.getByLabel(`Role of ${email}`).selectOption({ label: "Support" });
    await expect.poll(async () => (await (await me()).json()).result.data.role).toBe("support");
    await shot(page, `team-members-${viewport.width}`);

    // … and deactivates them: session and token stop working, sign-in is refused
    await row.getByRole("button", { name: `Deactivate ${email}` }).click();
    await expect(row).toContainText("deactivated");
    expect((await me()).status()).toBe(401);
    expect((await me({ authorization: `Bearer ${token}` })).status()).toBe(401);
    await member.goto("/integrations");
    await expect(member).toHaveURL(/\/sign-in/);
    await member.getByLabel("Email").fill(email);
    await member.getByLabel("Password").fill("member-password-1");
    await member.getByRole("button", { name: "Sign in" }).click();
    await expect(member.getByRole("alert").filter({ hasText: "deactivated" })).toContainText("This account has been deactivated");
    await theirs.close();

    // the last administrator cannot make themselves something else: said in words, the role stays
    const mine = page.getByRole("table", { name: "Team members" }).getByRole("row", { name: /\(you\)/ });
    await mine.getByLabel(/^Role of /).selectOption({ label: "Builder" });
    await expect(page.getByRole("alert").filter({ hasText: "would leave no administrator" })).toContainText(
      "make another team member an administrator first",
    );
    await expect(mine.getByLabel(/^Role of /)).toHaveValue("admin");

    // removing is asked twice
    await row.getByRole("button", { name: `Remove ${email}` }).click();
    await row.getByRole("button", { name: "Remove Morgan Member" }).click();
    await expect(page.getByRole("table", { name: "Team members" })).not.toContainText(email);

    // the audit log has each change, by whom
    await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Audit log" }).click();
    await page.getByLabel("Who").fill("admin@e2e");
    await page.getByLabel("What").selectOption({ label: "All of team" });
    await page.getByRole("button", { name: "Show" }).click();
    const log = page.getByRole("table", { name: "Audit log" });
    await expect(log.getByRole("row", { name: /Deactivated a user/ }).filter({ hasText: email })).toBeVisible();
    await expect(log.getByRole("row", { name: /Changed a role/ }).filter({ hasText: email })).toContainText("Builder → Support");
    await expect(log.getByRole("row", { name: /Invited a team member/ }).filter({ hasText: email })).toBeVisible();
    await expect(log.getByRole("row", { name: /Removed a user/ }).filter({ hasText: email })).toBeVisible();
    await shot(page, `audit-log-${viewport.width}`);
  });
}
