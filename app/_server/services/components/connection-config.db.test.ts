/**
 * Connection config variables through the real services and database: the PostgreSQL connector
 * installed from its folder, an integration holding its connection published (and one naming a
 * connection it does not declare refused), instances created and updated with values checked
 * against the connection's fields, sealed at rest and masked when read back.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { installComponent } from "@/components-registry/store/install-component";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { createCustomer } from "@/app/_server/services/customers/customers";
import { createInstance } from "@/app/_server/services/instances/create-instance";
import { getInstance } from "@/app/_server/services/instances/get-instance";
import { updateInstance } from "@/app/_server/services/instances/update-instance";
import { importIntegration } from "@/app/_server/services/integrations/import-integration";
import { publishIntegration } from "@/app/_server/services/integrations/publish-integration";
import { loadComponentCatalog } from "./component-catalog";
import { connectionManifest } from "./connection-lookup";

let n = 0;
const yaml = (key = "database") => `definitionVersion: 1
name: Warehouse ${++n}
configPages:
  - name: Connections
    elements:
      - configVar:
          key: warehouse
          label: Warehouse
          type: credential
          credentialType: connection
          connection: { component: postgres, key: ${key} }
          required: true
flows:
  - name: Receive
    trigger: { type: webhook }
    steps:
      - name: Count
        action: postgres.query
        inputs:
          connection: { configVar: warehouse }
          sql: { value: "select 1" }
`;

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await installComponent(t.db, { path: join(process.cwd(), "components-registry/connectors/postgres") });
});
afterAll(async () => {
  await t?.drop();
});

describe("connection config variables in the services", () => {
  test("publish refuses a connection the component does not declare, naming the path, and pins the component", async () => {
    const bad = await importIntegration(t.db, { yaml: yaml("replica"), userId: null });
    await expect(publishIntegration(t.db, await loadComponentCatalog(t.db), { id: bad.id, userId: null })).rejects.toMatchObject({
      message: expect.stringContaining(
        'configPages[0].elements[0].configVar.connection: component "postgres" is not installed with a connection "replica"',
      ),
    });
    const good = await importIntegration(t.db, { yaml: yaml(), userId: null });
    const version = await publishIntegration(t.db, await loadComponentCatalog(t.db), { id: good.id, userId: null });
    expect(version.componentVersions).toEqual({ postgres: "1.0.0" });
  });

  test("instance values are checked against the fields, typed, sealed, and read back masked", async () => {
    const { id: integrationId } = await importIntegration(t.db, { yaml: yaml(), userId: null });
    await publishIntegration(t.db, await loadComponentCatalog(t.db), { id: integrationId, userId: null });
    const customer = (await createCustomer(t.db, { name: `Warehouse customer ${Date.now()}` }))!;
    const create = (warehouse: unknown) => createInstance(t.db, { integrationId, customerId: customer.id, configValues: { warehouse } });

    const refused = create({ host: "", database: "app", port: "five", tls: "sometimes", region: "eu", password: "never-shown-1" });
    await expect(refused).rejects.toMatchObject({
      message: expect.stringMatching(/warehouse: .*region: PostgreSQL database has no field "region"/),
    });
    const message = await refused.catch((e: Error) => e.message);
    for (const part of ["host: Host is required", "port: Port must be a number", "user: User is required", "tls: TLS must be one of"])
      expect(message).toContain(part);
    expect(message).not.toContain("never-shown-1");

    const { id } = await create({
      host: "db.internal",
      database: "app",
      user: "loader",
      password: "s3cret-pw",
      port: "6543",
      tls: "require",
    });
    const row = await t.pool.query("select config_values, credentials from instances where id = $1", [id]);
    expect(JSON.stringify(row.rows[0])).not.toContain("s3cret-pw");
    expect(row.rows[0].config_values).toEqual({});
    const instance = await getInstance(t.db, id);
    expect(instance.config).toEqual({
      warehouse: { host: "********", port: "********", database: "********", user: "********", password: "********", tls: "********" },
    });

    // an update that does not give the connection again keeps it; a new one is checked again
    await updateInstance(t.db, { id, configValues: {} });
    await expect(updateInstance(t.db, { id, configValues: { warehouse: { host: "h" } } })).rejects.toMatchObject({
      message: expect.stringContaining("database: Database is required"),
    });
  });

  test("the wizard's manifest: the connection's fields, nothing else; an unknown one is not found", async () => {
    const manifest = await connectionManifest(t.db, { component: "postgres", key: "database" });
    expect(manifest.fields.map((f) => [f.key, f.type])).toEqual([
      ["host", "string"],
      ["port", "number"],
      ["database", "string"],
      ["user", "string"],
      ["password", "password"],
      ["tls", "picklist"],
      ["caCertificate", "text"],
    ]);
    await expect(connectionManifest(t.db, { component: "postgres", key: "replica" })).rejects.toMatchObject({
      message: 'connection "replica" of component "postgres" not found',
    });
  });
});
