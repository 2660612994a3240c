/**
 * Alerts through the tRPC router as each kind of user: a customer user's feed holds its own
 * customer's events only (whatever it filters by), and the dashboard counts only its open ones;
 * the monitors, and acknowledging, are refused to it.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { codeIntegrationYaml } from "@/test/fixtures/code-integration";
import { deploy } from "@/test/fixtures/deploy";
import { installBuiltins } from "@/components-registry/store/install-builtins";
import type { Principal } from "@/app/_server/auth/principal";
import { appRouter } from "@/app/_server/routers";
import { createCallerFactory } from "@/app/_server/trpc";
import { testServices } from "@/test/fixtures/services";

let t: TestDatabase;
let mine: Awaited<ReturnType<typeof deploy>>;
let theirs: Awaited<ReturnType<typeof deploy>>;
const events: Record<"mine" | "theirs", string> = { mine: "", theirs: "" };
let theirMonitor = "";

const callerFor = (principal: Principal) =>
  createCallerFactory(appRouter)({ services: testServices(t), db: t.db, principal, headers: new Headers() });
const user = (role: Principal["role"], customerId: string | null): Principal => ({
  userId: "00000000-0000-4000-8000-000000000001",
  email: `${role}@example.test`,
  name: role,
  role,
  customerId,
  via: "session",
});

async function raise(instanceId: string, monitorName: string) {
  const m = await t.pool.query(
    `insert into alert_monitors (name, instance_id, conditions, destinations) values ($1, $2, '[{"kind":"executionFailed"}]', '[{"kind":"webhook","url":"https://hooks.example.test/secret-path","headers":{"authorization":"Bearer org-secret"}}]') returning id`,
    [monitorName, instanceId],
  );
  const e = await t.pool.query(
    `insert into alert_events (monitor_id, instance_id, condition, message, deliveries)
     values ($1, $2, 'executionFailed', $3, '[{"kind":"webhook","target":"https://hooks.example.test/secret-path","status":"failed","attempts":4,"lastError":"HTTP 401 from https://hooks.example.test/secret-path"}]')
     returning id`,
    [m.rows[0].id, instanceId, `${monitorName}: failed`],
  );
  return { monitorId: m.rows[0].id as string, eventId: e.rows[0].id as string };
}

beforeAll(async () => {
  t = await createTestDatabase();
  await installBuiltins(t.db);
  mine = await deploy(t.db, codeIntegrationYaml("Scoped alerts A"), {}, "Mine");
  theirs = await deploy(t.db, codeIntegrationYaml("Scoped alerts B"), {}, "Theirs");
  events.mine = (await raise(mine.instance.id, "Mine watch")).eventId;
  const other = await raise(theirs.instance.id, "Their watch");
  events.theirs = other.eventId;
  theirMonitor = other.monitorId;
});
afterAll(() => t?.drop());

describe("alerts for a customer user", () => {
  test("the feed holds its own customer's events only, whatever it asks for, without where the organization's deliveries went", async () => {
    const me = callerFor(user("customer", mine.customerId));
    const feed = await me.monitoring.alerts.events();
    expect(feed.items.map((e) => e.id)).toEqual([events.mine]);
    expect(feed.items[0]!.deliveries).toEqual([{ kind: "webhook", status: "failed", attempts: 4 }]);
    expect(JSON.stringify(feed)).not.toContain("secret-path");
    expect((await me.monitoring.alerts.events({ instanceId: theirs.instance.id })).items).toEqual([]);
    expect((await me.monitoring.alerts.events({ monitorId: theirMonitor, open: true })).items).toEqual([]);
    // the organization sees both
    const support = callerFor(user("support", null));
    const all = await support.monitoring.alerts.events();
    expect(all.items.map((e) => e.id).sort()).toEqual([events.mine, events.theirs].sort());
    expect(all.items[0]!.deliveries[0]).toMatchObject({
      target: "https://hooks.example.test/secret-path",
      lastError: expect.stringContaining("401"),
    });
  });

  test("the dashboard counts its own open alerts, and another customer's dashboard is refused", async () => {
    const me = callerFor(user("customer", mine.customerId));
    expect((await me.monitoring.dashboard({})).openAlerts).toBe(1);
    await expect(me.monitoring.dashboard({ customerId: theirs.customerId })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  test("monitors (list, create, change, delete) and acknowledging are refused", async () => {
    const me = callerFor(user("customer", mine.customerId));
    const input = {
      name: "Mine too",
      instanceId: mine.instance.id,
      conditions: [{ kind: "executionFailed" as const }],
      destinations: [{ kind: "feed" as const }],
      quietPeriodMinutes: 0,
      enabled: true,
    };
    await expect(me.monitoring.alerts.monitors()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(me.monitoring.alerts.createMonitor(input)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(me.monitoring.alerts.updateMonitor({ id: theirMonitor, monitor: input })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(me.monitoring.alerts.setMonitorEnabled({ id: theirMonitor, enabled: false })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(me.monitoring.alerts.deleteMonitor({ id: theirMonitor })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(me.monitoring.alerts.acknowledge({ id: events.mine })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await t.pool.query("select count(*)::int as n from alert_monitors")).rows[0].n).toBe(2);
    expect(
      (await t.pool.query("select acknowledged_at from alert_events where id = $1", [events.mine])).rows[0].acknowledged_at,
    ).toBeNull();
  });

  test("a customer user without a customer reaches no alerts at all", async () => {
    await expect(callerFor(user("customer", null)).monitoring.alerts.events()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
