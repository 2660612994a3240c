/**
 * Every connector as a customer gets it: published to a real npm registry (verdaccio), installed by
 * name through the `junction` CLI, used by one published integration whose flows each drive one
 * connector against its real server (s3rver, Azurite, the machine's PostgreSQL, MariaDB, Redis and
 * RabbitMQ, a local Slack Web API, an SMTP server) through webhook → queue → worker → sandbox.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import amqplib from "amqplib";
import Redis from "ioredis";
import mysql from "mysql2/promise";
import pg from "pg";
import type PgBoss from "pg-boss";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, expect, test } from "vitest";
import { appRouter } from "@/app/_server/routers";
import { createCallerFactory } from "@/app/_server/trpc";
import { publishConnectors } from "@/components-registry/connectors/publish-connectors";
import { startAzurite } from "@/components-registry/connectors/azure-blob/test-support/azurite";
import { startS3rver } from "@/components-registry/connectors/s3/test-support/s3-server";
import { startSlackApiServer } from "@/components-registry/connectors/slack/test-support/slack-api-server";
import { createSandboxRunner, type SandboxRunner } from "@/components-registry/sandbox/sandbox-runner";
import { createDbBundleLoader } from "@/components-registry/store/db-bundle-loader";
import { installBuiltins } from "@/components-registry/store/install-builtins";
import { startBoss } from "@/runtime/queue/boss";
import { startRuntime, type Runtime } from "@/runtime/runtime";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { deploy } from "@/test/fixtures/deploy";
import { testServices } from "@/test/fixtures/services";
import { cliAgainstApi, type CliAgainstApi } from "@/test/support/cli-against-api";
import { startVerdaccio, type Verdaccio } from "@/test/support/verdaccio";

const MACHINE_PG = { host: "127.0.0.1", port: 5432, user: "postgres", database: "postgres" };
const MACHINE_MYSQL = { host: "127.0.0.1", port: 3306, user: "root", password: "", database: "test" };
const suffix = `${process.pid}_${Date.now()}`;
const TABLE = `connector_flow_${suffix}`;
const QUEUE = `junction.connector-flow.${suffix}`;
const REDIS_KEY = `junction:connector-flow:${suffix}`;

let t: TestDatabase;
let registry: Verdaccio;
let cli: CliAgainstApi;
let boss: PgBoss;
let runner: SandboxRunner;
let runtime: Runtime;
let webhooks: http.Server;
let base: string;
let s3: Awaited<ReturnType<typeof startS3rver>>;
let azure: Awaited<ReturnType<typeof startAzurite>>;
let slack: Awaited<ReturnType<typeof startSlackApiServer>>;
let smtp: SMTPServer;
let smtpPort: number;
const mails: { from: string; to: string[]; raw: string }[] = [];
let machinePg: pg.Client;
let machineMysql: mysql.Connection;
let redis: Redis;
let amqp: amqplib.ChannelModel;
const installed: string[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  await installBuiltins(t.db);
  registry = await startVerdaccio();
  const published = await publishConnectors(registry.url);
  cli = await cliAgainstApi(t, testServices(t));
  const admin = { userId: cli.userId, email: "cli", name: "CLI", role: "admin" as const, customerId: null, via: "session" as const };
  await createCallerFactory(appRouter)({
    services: testServices(t),
    db: t.db,
    principal: admin,
    headers: new Headers(),
  }).components.registry.updateSettings({ url: registry.url });
  for (const p of published) {
    const run = await cli.junction(["components:install", p.name]);
    expect(run, p.name).toMatchObject({ code: 0, stderr: "" });
    installed.push(run.stdout.trim());
  }

  [s3, azure, slack] = await Promise.all([startS3rver({ buckets: ["inbox"] }), startAzurite(), startSlackApiServer()]);
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, "127.0.0.1", () => r()));
  smtpPort = (smtp.server.address() as AddressInfo).port;

  machinePg = new pg.Client(MACHINE_PG);
  await machinePg.connect();
  await machinePg.query(`create table ${TABLE} (id serial primary key, name text not null)`);
  machineMysql = await mysql.createConnection(MACHINE_MYSQL);
  await machineMysql.query(`create table ${TABLE} (id int auto_increment primary key, name varchar(200) not null)`);
  redis = new Redis({ host: "127.0.0.1", port: 6379, lazyConnect: true });
  await redis.connect();
  amqp = await amqplib.connect("amqp://guest:guest@127.0.0.1:5672");
  const channel = await amqp.createChannel();
  await channel.assertQueue(QUEUE, { durable: false, autoDelete: false });
  await channel.close();

  boss = await startBoss(t.url, { supervise: false });
  // the servers are all on this machine: 127.0.0.1 is allowed explicitly, nothing else private
  runner = createSandboxRunner({ loadBundle: createDbBundleLoader(t.db), network: { allowedHosts: ["127.0.0.1"] } });
  runtime = await startRuntime({ url: t.url, pool: t.pool, boss, runner, worker: true, scheduler: false });
  webhooks = http.createServer((req, res) => void runtime.webhookHandler(req, res));
  await new Promise<void>((r) => webhooks.listen(0, "127.0.0.1", () => r()));
  base = `http://127.0.0.1:${(webhooks.address() as AddressInfo).port}`;
}, 240_000);

afterAll(async () => {
  webhooks?.close();
  await runtime?.stop();
  await runner?.close();
  await boss?.stop({ graceful: false, wait: true });
  await machinePg?.query(`drop table if exists ${TABLE}`).catch(() => undefined);
  await machinePg?.end();
  await machineMysql?.query(`drop table if exists ${TABLE}`).catch(() => undefined);
  await machineMysql?.end();
  await redis?.del(REDIS_KEY);
  redis?.disconnect();
  if (amqp) {
    const channel = await amqp.createChannel();
    await channel.deleteQueue(QUEUE);
    await amqp.close();
  }
  await new Promise((r) => (smtp ? smtp.close(() => r(null)) : r(null)));
  await Promise.all([s3?.stop(), azure?.stop(), slack?.stop()]);
  await cli?.stop();
  await registry?.stop();
  await t?.drop();
});

const connection = (key: string, label: string, component: string, connectionKey: string) =>
  `      - configVar: { key: ${key}, label: ${label}, type: credential, credentialType: connection, required: true, connection: { component: ${component}, key: ${connectionKey} } }`;

const flow = (name: string, steps: string) => `  - name: ${name}
    trigger: { type: webhook }
    execution: { synchronous: true }
    steps:
${steps}`;

const YAML = `definitionVersion: 1
name: Every connector
configPages:
  - name: Connections
    elements:
${connection("s3", "S3", "amazonS3", "accessKey")}
${connection("azure", "Azure", "azureBlob", "storageAccount")}
${connection("postgres", "PostgreSQL", "postgres", "database")}
${connection("mysql", "MySQL", "mysql", "database")}
${connection("redis", "Redis", "redis", "redis")}
${connection("amqp", "RabbitMQ", "amqp", "broker")}
${connection("slack", "Slack", "slack", "botToken")}
${connection("smtp", "SMTP", "email", "smtp")}
flows:
${flow(
  "S3",
  `      - name: S3 put
        action: amazonS3.putObject
        inputs:
          connection: { configVar: s3 }
          bucket: { value: inbox }
          key: { template: "notes/{{trigger.results.body.name}}.txt" }
          content: { template: "hello {{trigger.results.body.name}}" }
          contentType: { value: text/plain }
      - name: S3 get
        action: amazonS3.getObject
        inputs:
          connection: { configVar: s3 }
          bucket: { value: inbox }
          key: { template: "notes/{{trigger.results.body.name}}.txt" }
          as: { value: text }`,
)}
${flow(
  "Azure",
  `      - name: Azure container
        action: azureBlob.createContainer
        inputs:
          connection: { configVar: azure }
          container: { value: flows }
      - name: Azure put
        action: azureBlob.putBlob
        inputs:
          connection: { configVar: azure }
          container: { value: flows }
          blob: { template: "{{trigger.results.body.name}}.txt" }
          content: { template: "hello {{trigger.results.body.name}}" }
          contentType: { value: text/plain }
      - name: Azure get
        action: azureBlob.getBlob
        inputs:
          connection: { configVar: azure }
          container: { value: flows }
          blob: { template: "{{trigger.results.body.name}}.txt" }
          as: { value: text }`,
)}
${flow(
  "Postgres",
  `      - name: PG insert
        action: postgres.insertRows
        inputs:
          connection: { configVar: postgres }
          table: { value: ${TABLE} }
          rows: { list: [{ reference: trigger.results.body }] }
      - name: PG count
        action: postgres.query
        inputs:
          connection: { configVar: postgres }
          sql: { value: "select count(*)::int as n from ${TABLE} where name = $1" }
          params: { list: [{ reference: trigger.results.body.name }] }`,
)}
${flow(
  "Mysql",
  `      - name: My insert
        action: mysql.insertRows
        inputs:
          connection: { configVar: mysql }
          table: { value: ${TABLE} }
          rows: { list: [{ reference: trigger.results.body }] }
      - name: My count
        action: mysql.query
        inputs:
          connection: { configVar: mysql }
          sql: { value: "select count(*) as n from ${TABLE} where name = ?" }
          params: { list: [{ reference: trigger.results.body.name }] }`,
)}
${flow(
  "Slack",
  `      - name: Post
        action: slack.postMessage
        inputs:
          connection: { configVar: slack }
          channel: { value: C012AB3CD }
          text: { template: "new note from {{trigger.results.body.name}}" }`,
)}
${flow(
  "Redis",
  `      - name: Redis add
        action: redis.increment
        inputs:
          connection: { configVar: redis }
          key: { value: "${REDIS_KEY}" }
          by: { reference: trigger.results.body.by }
      - name: Redis read
        action: redis.get
        inputs:
          connection: { configVar: redis }
          key: { value: "${REDIS_KEY}" }`,
)}
${flow(
  "Rabbit",
  `      - name: Publish
        action: amqp.publishToQueue
        inputs:
          connection: { configVar: amqp }
          queue: { value: "${QUEUE}" }
          message: { reference: trigger.results.body }`,
)}
${flow(
  "Email",
  `      - name: Send
        action: email.sendEmail
        inputs:
          connection: { configVar: smtp }
          from: { value: "Junction <flows@junction.test>" }
          to: { reference: trigger.results.body.to }
          subject: { template: "Report for {{trigger.results.body.name}}" }
          text: { value: "See the attachment." }
          attachments:
            list:
              - value: { filename: report.csv, content: "id,name\\n1,ada\\n", contentType: text/csv }`,
)}
`;

async function call(token: string, body: unknown) {
  const res = await fetch(`${base}/webhooks/${token}`, {
    method: "POST",
    body: JSON.stringify(body),
    headers: { "content-type": "application/json" },
  });
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return JSON.parse(text) as unknown;
}

test("every connector installs by name from the registry and runs in a flow against its real server", async () => {
  expect(installed.length).toBe(8);
  const { tokens } = await deploy(t.db, YAML, {
    s3: s3.connection,
    azure: { connectionString: azure.connectionString },
    postgres: { ...MACHINE_PG, tls: "disable" },
    mysql: { ...MACHINE_MYSQL, tls: "disable" },
    slack: { token: slack.token, apiBaseUrl: slack.url },
    redis: { host: "127.0.0.1", port: 6379, tls: "disable" },
    amqp: { host: "127.0.0.1", port: 5672, username: "guest", password: "guest", tls: "disable" },
    smtp: { host: "127.0.0.1", port: smtpPort, tls: "disable" },
  });

  expect(await call(tokens.s3, { name: "ada" })).toMatchObject({ key: "notes/ada.txt", body: "hello ada", size: 9 });
  expect(await call(tokens.azure, { name: "grace" })).toMatchObject({ body: "hello grace" });
  expect(await call(tokens.postgres, { name: "edsger" })).toMatchObject({ rows: [{ n: 1 }] });
  expect((await machinePg.query(`select name from ${TABLE}`)).rows).toEqual([{ name: "edsger" }]);
  // (COUNT is a BIGINT in MySQL, which the SQL capability hands over as text)
  expect(await call(tokens.mysql, { name: "barbara" })).toMatchObject({ rows: [{ n: "1" }] });
  const [rows] = await machineMysql.query(`select name from ${TABLE}`);
  expect(rows).toEqual([{ name: "barbara" }]);
  expect(await call(tokens.slack, { name: "margaret" })).toMatchObject({ channel: "C012AB3CD" });
  expect(slack.messages).toEqual([expect.objectContaining({ channel: "C012AB3CD", text: "new note from margaret" })]);

  expect(await call(tokens.redis, { by: 2 })).toMatchObject({ value: "2" });
  expect(await call(tokens.redis, { by: 3 })).toMatchObject({ value: "5" });

  await call(tokens.rabbit, { order: 42 });
  const channel = await amqp.createChannel();
  const message = await channel.get(QUEUE, { noAck: true });
  await channel.close();
  expect(message && JSON.parse(message.content.toString("utf8"))).toEqual({ order: 42 });

  await call(tokens.email, { name: "linus", to: "ops@customer.test" });
  expect(mails).toEqual([expect.objectContaining({ to: ["ops@customer.test"] })]);
  expect(mails[0].raw).toContain("Subject: Report for linus");
  expect(mails[0].raw).toMatch(/filename="?report\.csv"?/);
}, 120_000);
