/**
 * Instances: a published version deployed to a customer with its config values. Config values
 * come from `--config key=value` (repeatable) and `--config-file`; the version's config variables
 * are fetched first so each value is read as its type needs (see ../config-values.ts).
 */
import type { Command } from "commander";
import { connect } from "../api";
import { CliError } from "../errors";
import type { Column, Row } from "../output/format";
import { listOptions, printList, printRecord, recordOptions } from "../output/options";
import { configOptions, configVarsOfDefinition, gatherConfig, hasConfig, versionConfigVars, type ConfigOptions } from "./config-options";
import { positiveInt, refuseWithoutYes, requireId } from "./shared";
import type { Topic } from "./topic";

type RecordOutput = { output?: "table" | "json" | "yaml" };

interface FlowInfo {
  key: string;
  name: string;
  webhookUrl: string;
}
const flowsOf = (row: Row) => (Array.isArray(row.flows) ? (row.flows as FlowInfo[]) : []);

const LIST_COLUMNS: Column[] = [
  { key: "id" },
  { key: "name" },
  { key: "customer" },
  { key: "integration" },
  { key: "version" },
  { key: "enabled" },
  { key: "customerId", header: "CUSTOMER ID", extended: true },
  { key: "integrationId", header: "INTEGRATION ID", extended: true },
  { key: "createdAt", header: "CREATED", extended: true },
  { key: "webhooks", get: (r) => flowsOf(r).map((f) => f.webhookUrl), extended: true },
];

const CONFIG_COLUMNS: Column[] = [{ key: "key" }, { key: "type" }, { key: "value" }];

function versionOption(value: string): number | "latest" {
  if (value === "latest") return "latest";
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new CliError(`--version "${value}": give a version number or "latest"`);
  return n;
}

export const instancesTopic: Topic = {
  name: "instances",
  summary: "instances: deployments of integrations to customers",
  register(program: Command) {
    listOptions(
      program
        .command("instances:list")
        .description("list instances (--extended adds ids and each flow's webhook URL)")
        .option("--integration <id>", "only this integration's")
        .option("--customer <id>", "only this customer's")
        .option("--enabled", "only enabled ones")
        .option("--disabled", "only disabled ones"),
      LIST_COLUMNS,
    ).action(async (options) => {
      if (options.enabled && options.disabled) throw new CliError("--enabled and --disabled exclude each other");
      // webhook URLs cost the server a second query: ask for them when they will be shown
      const extended = Boolean(options.extended || /webhooks|flows/i.test(options.columns ?? ""));
      const integrationId = options.integration ? requireId(options.integration, "integration") : undefined;
      const customerId = options.customer ? requireId(options.customer, "customer") : undefined;
      const rows = await connect().call((api) =>
        api.instances.list.query({
          integrationId,
          customerId,
          enabled: options.enabled ? true : options.disabled ? false : undefined,
          extended,
        }),
      );
      printList(
        rows.map((r) => (r.flows === undefined ? (({ flows: _omit, ...rest }) => rest)(r) : r)),
        LIST_COLUMNS,
        options,
      );
    });

    recordOptions(
      program.command("instances:get").description("show one instance: customer, version, flows with webhook URLs").argument("<id>"),
    ).action(async (id: string, options: RecordOutput) => {
      const instanceId = requireId(id, "instance");
      const instance = await connect().call((api) => api.instances.get.query({ id: instanceId }));
      if (options.output === "json" || options.output === "yaml") return printRecord(instance, options);
      const { definition: _definition, config: _config, flows, customer, integration, ...rest } = instance;
      printRecord(
        {
          ...rest,
          customer: `${customer.name} (${customer.id})`,
          integration: `${integration.name} (${integration.id})`,
          ...Object.fromEntries(flows.map((f) => [`flow "${f.name}"`, f.webhookUrl])),
        },
        options,
      );
    });

    recordOptions(
      configOptions(
        program
          .command("instances:create")
          .description("deploy a published version to a customer; prints the instance id")
          .requiredOption("--integration <id>", "the integration")
          .requiredOption("--customer <id>", "the customer")
          .option("--version <n>", "the version to deploy (the latest published when omitted)", positiveInt)
          .option("--name <name>", 'the instance name ("<integration> for <customer>" when omitted)')
          .option("--disabled", "create it disabled (no schedules or webhooks run)"),
      ),
    ).action(
      async (
        options: { integration: string; customer: string; version?: number; name?: string; disabled?: boolean } & ConfigOptions &
          RecordOutput,
      ) => {
        const integrationId = requireId(options.integration, "integration");
        const customerId = requireId(options.customer, "customer");
        const session = connect();
        const vars = hasConfig(options) ? await versionConfigVars(session, integrationId, options.version) : [];
        const configValues = gatherConfig(options, vars);
        const created = await session.call((api) =>
          api.instances.create.mutate({
            integrationId,
            customerId,
            version: options.version,
            name: options.name,
            configValues,
            enabled: options.disabled ? false : undefined,
          }),
        );
        printRecord(created, options, created.id);
      },
    );

    recordOptions(
      configOptions(
        program
          .command("instances:update")
          .description("reconfigure an instance or move it to another version (values not given are kept)")
          .argument("<id>")
          .option("--version <latest|n>", 'a version number or "latest"', versionOption)
          .option("--name <name>", "rename it"),
      ),
    ).action(async (id: string, options: { version?: number | "latest"; name?: string } & ConfigOptions & RecordOutput) => {
      const instanceId = requireId(id, "instance");
      const session = connect();
      let configValues: Record<string, unknown> | undefined;
      if (hasConfig(options)) {
        const instance = await session.call((api) => api.instances.get.query({ id: instanceId }));
        const vars =
          options.version === undefined
            ? await configVarsOfDefinition(instance.definition)
            : await versionConfigVars(session, instance.integration.id, options.version === "latest" ? undefined : options.version);
        configValues = gatherConfig(options, vars);
      }
      const updated = await session.call((api) =>
        api.instances.update.mutate({ id: instanceId, version: options.version, name: options.name, configValues }),
      );
      printRecord(updated, options, `Updated instance ${updated.id}${updated.version ? ` (version ${updated.version})` : ""}`);
    });

    for (const [verb, enabled] of [
      ["enable", true],
      ["disable", false],
    ] as const) {
      recordOptions(
        program
          .command(`instances:${verb}`)
          .description(
            enabled ? "enable an instance: its schedules and webhooks run" : "disable an instance: schedules stop, webhooks are refused",
          )
          .argument("<id>"),
      ).action(async (id: string, options: RecordOutput) => {
        const instanceId = requireId(id, "instance");
        const updated = await connect().call((api) => api.instances.update.mutate({ id: instanceId, enabled }));
        printRecord({ id: updated.id, enabled }, options, `${enabled ? "Enabled" : "Disabled"} instance ${updated.id}`);
      });
    }

    recordOptions(
      program
        .command("instances:delete")
        .description("delete an instance and its executions (needs --yes)")
        .argument("<id>")
        .option("-y, --yes", "really delete"),
    ).action(async (id: string, options: { yes?: boolean } & RecordOutput) => {
      const instanceId = requireId(id, "instance");
      const session = connect();
      if (!options.yes) {
        const instance = await session.call((api) => api.instances.get.query({ id: instanceId }));
        refuseWithoutYes(
          [
            `this would delete instance "${instance.name}" of ${instance.customer.name} (${instance.integration.name} version ${instance.version}) and its executions`,
          ],
          `junction instances:delete ${instanceId}`,
        );
      }
      const deleted = await session.call((api) => api.instances.delete.mutate({ id: instanceId }));
      printRecord(deleted, options, `Deleted instance "${deleted.name}"`);
    });

    listOptions(
      program.command("instances:config").description("an instance's config values (credentials masked by the server)").argument("<id>"),
      CONFIG_COLUMNS,
    ).action(async (id: string, options) => {
      const instanceId = requireId(id, "instance");
      const instance = await connect().call((api) => api.instances.get.query({ id: instanceId }));
      if (options.output === "json" || options.output === "yaml") {
        // one object, like every command that shows one thing
        return printRecord(
          { id: instance.id, name: instance.name, version: instance.version, config: instance.config },
          { output: options.output },
        );
      }
      const vars = await configVarsOfDefinition(instance.definition);
      const config = instance.config as Record<string, unknown>;
      const known = new Set(vars.map((v) => v.key));
      const rows: Row[] = [
        ...vars.map((v) => ({
          key: v.key,
          type: v.type === "credential" ? `credential (${v.credentialType})` : v.type,
          value: config[v.key],
        })),
        ...Object.keys(config)
          .filter((k) => !known.has(k))
          .map((k) => ({ key: k, type: "", value: config[k] })),
      ];
      printList(rows, CONFIG_COLUMNS, options);
    });
  },
};
