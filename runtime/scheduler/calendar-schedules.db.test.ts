/**
 * Calendar schedules through the real scheduler (leader election, ticks, the batch insert) and
 * worker: minutes shortened by JUNCTION_MINUTE_MS, and a clock (`clockAt`) that walks the minutes
 * around two daylight saving changes in Europe/Berlin, one minute per tick. Each tick's clock
 * time is recorded, so each run's scheduled minute tells which clock time fired it.
 */
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { insertManifest } from "@/test/fixtures/components";
import { deploy } from "@/test/fixtures/deploy";
import { testkitManifest, testkitRunner } from "@/test/fixtures/test-actions";
import { waitFor } from "@/test/wait-for";
import { startBoss } from "../queue/boss";
import { CHANNELS } from "../queue/channels";
import { createListener, type Listener } from "../queue/listen";
import { startRuntime, type Runtime } from "../runtime";
import { startScheduler, type Scheduler } from "./scheduler";

const MINUTE_MS = 300;
let t: TestDatabase;
let boss: PgBoss;
let runtime: Runtime | undefined;
let listener: Listener | undefined;
let scheduler: Scheduler | undefined;

beforeAll(async () => {
  process.env.JUNCTION_MINUTE_MS = String(MINUTE_MS);
  t = await createTestDatabase();
  await insertManifest(t.db, testkitManifest);
  boss = await startBoss(t.url, { supervise: false });
});

afterAll(async () => {
  await scheduler?.stop();
  await listener?.close();
  await runtime?.stop();
  await boss?.stop({ graceful: false, wait: true });
  await t?.drop();
});

const flow = (schedule: string) => `definitionVersion: 1
name: Calendar ${Math.random()}
flows:
  - name: Tick
    trigger: { type: schedule, schedule: ${schedule} }
    steps:
      - name: Count
        action: testkit.count
`;

const at = (iso: string) => Date.parse(iso);
/** the minutes the clock walks: around 08:00 and 09:00 UTC on the Mondays either side of each change, and a Thursday midnight */
const WALK = [
  // winter: 09:00 in Berlin is 08:00 UTC
  "2026-03-23T07:59:00Z",
  "2026-03-23T08:00:00Z",
  "2026-03-23T08:01:00Z",
  "2026-03-23T09:00:00Z",
  // Thursday 00:00 UTC: a plain { every: 1, unit: weeks } keeps firing here
  "2026-03-26T00:00:00Z",
  // clocks went forward on Sunday 29 March: 09:00 is 07:00 UTC
  "2026-03-30T06:59:00Z",
  "2026-03-30T07:00:00Z",
  "2026-03-30T07:01:00Z",
  "2026-03-30T08:00:00Z",
  // summer, then clocks go back on Sunday 25 October
  "2026-10-19T07:00:00Z",
  "2026-10-19T08:00:00Z",
  "2026-10-26T07:00:00Z",
  "2026-10-26T08:00:00Z",
].map(at);

test("every 1 week on Monday at 09:00 Europe/Berlin fires at 08:00 UTC in winter and 07:00 UTC in summer, once each, through the real scheduler", async () => {
  const berlin = await deploy(t.db, flow("{ every: 1, unit: weeks, weekday: monday, at: '09:00', timezone: Europe/Berlin }"));
  const legacy = await deploy(t.db, flow("{ every: 1, unit: weeks }"));
  const viaConfig = await deploy(
    t.db,
    `definitionVersion: 1
name: Calendar from a config variable
configPages:
  - name: When
    elements:
      - configVar: { key: sync, label: Sync, type: schedule }
flows:
  - name: Tick
    trigger: { type: schedule, schedule: { configVar: sync } }
    steps:
      - name: Count
        action: testkit.count
`,
    { sync: { every: 1, unit: "weeks", weekday: "monday", at: "09:00", timezone: "Europe/Berlin" } },
  );

  runtime = await startRuntime({ url: t.url, pool: t.pool, boss, runner: testkitRunner, worker: true, scheduler: false });
  // one clock time per tick, in order; after the walk, a Sunday noon that fires nothing
  const clockOf = new Map<number, number>();
  let step = 0;
  const clockAt = (minute: number) => {
    const clock = WALK[step] ?? at("2026-11-01T12:00:00Z") + (step - WALK.length) * 60_000;
    step++;
    clockOf.set(minute, clock);
    return clock;
  };
  listener = createListener(t.url);
  scheduler = startScheduler({ url: t.url, pool: t.pool, boss, listener, instancesChannel: CHANNELS.instances, clockAt });
  await waitFor(() => step > WALK.length + 1, { what: "the clock to walk past both changes", timeoutMs: 20_000 });

  const fired = async (instanceId: string) => {
    const r = await t.pool.query(
      `select scheduled_for, status from executions where instance_id = $1 and source = 'schedule' order by scheduled_for`,
      [instanceId],
    );
    return r.rows.map((row) => ({
      clock: new Date(clockOf.get(row.scheduled_for.getTime() / MINUTE_MS)!).toISOString(),
      status: row.status,
    }));
  };
  const expected = ["2026-03-23T08:00:00.000Z", "2026-03-30T07:00:00.000Z", "2026-10-19T07:00:00.000Z", "2026-10-26T08:00:00.000Z"];
  for (const instance of [berlin.instance, viaConfig.instance]) {
    const runs = await waitFor(
      async () => {
        const r = await fired(instance.id);
        return r.length === expected.length && r.every((x) => x.status === "succeeded") ? r : null;
      },
      { what: "four runs, succeeded" },
    );
    expect(runs.map((r) => r.clock)).toEqual(expected);
  }
  expect((await fired(legacy.instance.id)).map((r) => r.clock)).toEqual(["2026-03-26T00:00:00.000Z"]);
});
