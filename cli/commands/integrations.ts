/**
 * Integrations as YAML files: import, export, validate offline, publish versions, fork, delete.
 * The YAML contract is `integration-definition.md`; the server checks every import the same way
 * `validate` does here, so a file that validates offline fails only on what needs the server
 * (installed components, unique names).
 */
import { writeFileSync } from "node:fs";
import { Option, type Command } from "commander";
import { connect } from "../api";
import { CliError, formatProblem } from "../errors";
import type { Column } from "../output/format";
import { isStructured, listOptions, printList, printRecord, recordOptions } from "../output/options";
import { followExecution } from "../executions/follow";
import { formatLogLine } from "../executions/format";
import { readTestPayload } from "./test-payload";
import { configOptions, configVarsOfDefinition, gatherConfig, hasConfig, type ConfigOptions } from "./config-options";
import { printResult, reportOutcome, stepWithResult } from "./executions";
import { collect, readTextFile, positiveInt, refuseWithoutYes, requireId } from "./shared";
import type { Topic } from "./topic";

type RecordOutput = { output?: "table" | "json" | "yaml" };

const LIST_COLUMNS: Column[] = [
  { key: "id" },
  { key: "name" },
  { key: "latestVersion", header: "VERSION" },
  { key: "instanceCount", header: "INSTANCES" },
  { key: "updatedAt", header: "UPDATED", extended: true },
  { key: "labels", extended: true },
  { key: "description", extended: true },
];

const VERSION_COLUMNS: Column[] = [
  { key: "version" },
  { key: "publishedAt", header: "PUBLISHED" },
  { key: "publishedBy", header: "BY" },
  { key: "note" },
  { key: "id", extended: true },
  { key: "componentVersions", header: "COMPONENTS", extended: true },
];

/** Offline: the same parser and rules the server runs on import, without installed components. */
async function validate(options: { path: string; output?: "table" | "json" | "yaml" }) {
  const { parseDefinitionYaml } = await import("@/runtime/definition/index.js");
  const result = parseDefinitionYaml(readTextFile(options.path));
  const problems = result.ok ? [] : result.errors.map((e) => ({ path: e.path, message: e.message, line: e.line }));
  if (isStructured(options)) {
    printRecord({ path: options.path, valid: result.ok, name: result.ok ? result.definition.name : null, problems }, options);
    if (!result.ok) process.exitCode = 1;
    return;
  }
  if (!result.ok) {
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    throw new CliError([`${options.path}: ${count}:`, ...problems.map((p) => `  ${formatProblem(p)}`)].join("\n"));
  }
  const flows = result.definition.flows.length;
  process.stdout.write(`${options.path} is valid: ${result.definition.name} (${flows} flow${flows === 1 ? "" : "s"})\n`);
}

/** `--payload FILE.json`: the request body of the test run. */
/** `--header "Name: value"` (or `Name=value`) pairs as a headers object. */
function parseHeaders(pairs: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const pair of pairs) {
    const m = /^([^:=\s]+)\s*[:=]\s*(.*)$/s.exec(pair);
    if (!m) throw new CliError(`--header "${pair}": write it as "Name: value"`);
    headers[m[1]!.toLowerCase()] = m[2]!;
  }
  return headers;
}

type VisibilityOptions = { visibility?: "all" | "customers" | "hidden"; customers?: string } & RecordOutput;

/** Who may activate an integration from the marketplace; with no option, what it is now. */
async function setVisibility(id: string, options: VisibilityOptions) {
  const integrationId = requireId(id, "integration");
  const customerIds = options.customers
    ?.split(",")
    .map((c) => c.trim())
    .filter(Boolean)
    .map((c) => requireId(c, "customer"));
  if (customerIds && options.visibility && options.visibility !== "customers") {
    throw new CliError(`--customers goes with --visibility customers (the list is kept for when it is chosen again)`);
  }
  const session = connect();
  const settings =
    options.visibility || customerIds
      ? await session.call((api) =>
          api.integrations.setMarketplace.mutate({ id: integrationId, visibility: options.visibility, customerIds }),
        )
      : await session.call((api) => api.integrations.marketplace.query({ id: integrationId }));
  const who =
    settings.visibility === "all"
      ? "visible to all customers"
      : settings.visibility === "hidden"
        ? "hidden from every customer"
        : `visible to ${settings.customerIds.length} chosen customer${settings.customerIds.length === 1 ? "" : "s"}${settings.customerIds.length ? `: ${settings.customerIds.join(", ")}` : ""}`;
  printRecord({ id: integrationId, ...settings }, options, `Integration ${integrationId} is ${who}`);
}

type TestOptions = { flow?: string; payload?: string; contentType?: string; header?: string[]; tail?: boolean } & ConfigOptions &
  RecordOutput;

/**
 * Saves the given test config values, starts a test run of the draft and, with `--tail`, prints
 * its log lines and step results as they come, then the result; exit code 1 when it failed.
 */
async function testIntegration(id: string, options: TestOptions) {
  const integrationId = requireId(id, "integration");
  const session = connect();
  if (hasConfig(options)) {
    const integration = await session.call((api) => api.integrations.get.query({ id: integrationId }));
    const values = gatherConfig(options, await configVarsOfDefinition(integration.draft));
    await session.call((api) => api.executions.saveTestConfig.mutate({ integrationId, values }));
  }
  if (options.contentType && options.payload === undefined) throw new CliError("--content-type goes with --payload <file>");
  const payload = options.payload === undefined ? {} : readTestPayload(options.payload, options.contentType);
  const headers = options.header?.length ? parseHeaders(options.header) : undefined;
  const run = await session.call((api) => api.executions.test.mutate({ integrationId, flow: options.flow, ...payload, headers }));
  if (!options.tail) return printRecord(run, options, run.id);

  const structured = isStructured(options);
  const out = (line: string) => process.stdout.write(`${line}\n`);
  if (!structured) out(`Test run ${run.id} of flow "${run.flow}"`);
  const summary = await followExecution(
    session,
    run.id,
    structured ? {} : { onLog: (l) => out(formatLogLine(l)), onStep: (s) => out(stepWithResult(s)) },
  );
  if (structured) {
    const result = await session.call((api) => api.executions.result.query({ id: run.id }));
    printRecord({ ...run, status: summary.status, durationMs: summary.durationMs, error: summary.error, result }, options);
  } else {
    out(`${summary.status}${summary.durationMs === null ? "" : ` in ${summary.durationMs} ms`}; result:`);
    await printResult(session, run.id, {});
  }
  reportOutcome(summary);
}

export const integrationsTopic: Topic = {
  name: "integrations",
  summary: "integrations: YAML import/export, versions",
  register(program: Command) {
    listOptions(program.command("integrations:list").description("list integrations"), LIST_COLUMNS).action(async (options) => {
      const rows = await connect().call((api) => api.integrations.list.query());
      printList(rows, LIST_COLUMNS, options);
    });

    recordOptions(program.command("integrations:get").description("show one integration (its draft in JSON/YAML)").argument("<id>")).action(
      async (id: string, options: RecordOutput) => {
        const integrationId = requireId(id, "integration");
        const integration = await connect().call((api) => api.integrations.get.query({ id: integrationId }));
        const { draft, ...summary } = integration;
        printRecord(isStructured(options) ? integration : summary, options);
      },
    );

    recordOptions(
      program
        .command("integrations:import")
        .description("import a YAML definition as a new integration, or as the draft of --id")
        .requiredOption("--path <file>", "the YAML file")
        .option("--id <id>", "replace this integration's draft instead of creating one"),
    ).action(async (options: { path: string; id?: string } & RecordOutput) => {
      const yaml = readTextFile(options.path);
      const id = options.id === undefined ? undefined : requireId(options.id, "integration");
      const session = connect();
      let result;
      try {
        result = await session.call((api) => api.integrations.import.mutate({ yaml, id }));
      } catch (err) {
        // name the file, so the line numbers in the problems below have something to point into
        if (err instanceof CliError && err.message.includes("\n")) throw new CliError(`${options.path}: ${err.message}`);
        throw err;
      }
      printRecord(result, options, result.id);
    });

    program
      .command("integrations:export")
      .description("print an integration as YAML (the draft, or a published --version)")
      .argument("<id>")
      .option("--version <n>", "a published version instead of the draft", positiveInt)
      .option("--path <file>", "write to this file instead of stdout")
      .action(async (id: string, options: { version?: number; path?: string }) => {
        const integrationId = requireId(id, "integration");
        const exported = await connect().call((api) => api.integrations.export.query({ id: integrationId, version: options.version }));
        if (options.path) {
          writeFileSync(options.path, exported.yaml);
          process.stderr.write(`Wrote ${options.path}\n`);
        } else {
          process.stdout.write(exported.yaml);
        }
      });

    recordOptions(
      program
        .command("integrations:validate")
        .description("check a YAML definition offline (no server needed): every problem with its line")
        .requiredOption("--path <file>", "the YAML file"),
    ).action(validate);

    recordOptions(
      program
        .command("integrations:publish")
        .description("publish the draft as the next version")
        .argument("<id>")
        .option("--comment <text>", "what changed (the version's note)"),
    ).action(async (id: string, options: { comment?: string } & RecordOutput) => {
      const integrationId = requireId(id, "integration");
      const published = await connect().call((api) => api.integrations.publish.mutate({ id: integrationId, note: options.comment }));
      printRecord({ ...published, integrationId }, options, `Published version ${published.version} (${published.id})`);
    });

    listOptions(
      program.command("integrations:versions").description("published versions of an integration").argument("<id>"),
      VERSION_COLUMNS,
    ).action(async (id: string, options) => {
      const integrationId = requireId(id, "integration");
      const rows = await connect().call((api) => api.integrations.versions.query({ id: integrationId }));
      printList(rows, VERSION_COLUMNS, options);
    });

    recordOptions(
      configOptions(
        program
          .command("integrations:test")
          .description(
            "test-run the draft: save --config values as its test config, send --payload to a flow; --tail follows it to its result",
          )
          .argument("<id>")
          .option("--flow <name>", "the flow's name or key (the first flow when omitted)")
          .option("--payload <file>", "the request body (webhook flows): a JSON file, or any file sent as bytes (a PDF, an image…)")
          .option("--content-type <type>", "the payload's content type (default from the file's extension; JSON is parsed)")
          .option("--header <name:value>", "a request header (repeatable)", collect)
          .option("--tail", "print log lines and step results until it finishes, then the result; exit code 1 if it failed"),
      ),
    ).action(testIntegration);

    recordOptions(
      program
        .command("integrations:visibility")
        .description("who may activate an integration from the marketplace (without options: what it is now)")
        .argument("<id>")
        .addOption(
          new Option("--visibility <who>", "all customers, the --customers listed, or none (hidden)").choices([
            "all",
            "customers",
            "hidden",
          ]),
        )
        .option("--customers <ids>", "comma-separated customer ids (replaces the list; for --visibility customers)"),
    ).action(setVisibility);

    recordOptions(
      program
        .command("integrations:fork")
        .description("copy an integration's draft under a new name")
        .argument("<id>")
        .requiredOption("--name <name>", "the new integration's name")
        .option("--description <text>", "its description (the original's when omitted)"),
    ).action(async (id: string, options: { name: string; description?: string } & RecordOutput) => {
      const integrationId = requireId(id, "integration");
      const forked = await connect().call((api) =>
        api.integrations.fork.mutate({ id: integrationId, name: options.name, description: options.description }),
      );
      printRecord(forked, options, forked.id);
    });

    recordOptions(
      program
        .command("integrations:delete")
        .description("delete an integration with its versions and instances (needs --yes)")
        .argument("<id>")
        .option("-y, --yes", "really delete"),
    ).action(async (id: string, options: { yes?: boolean } & RecordOutput) => {
      const integrationId = requireId(id, "integration");
      const session = connect();
      if (!options.yes) {
        // look it up first: the impact of an unknown id is an empty list, which would read as "safe"
        const integration = await session.call((api) => api.integrations.get.query({ id: integrationId }));
        const instances = await session.call((api) => api.integrations.deletionImpact.query({ id: integrationId }));
        refuseWithoutYes(
          [
            `deleting integration "${integration.name}" would also delete ${instances.length} instance${instances.length === 1 ? "" : "s"}${instances.length ? ":" : ""}`,
            ...instances.map((i) => `  ${i.id}  ${i.name} (${i.customer})`),
          ],
          `junction integrations:delete ${integrationId}`,
        );
      }
      const deleted = await session.call((api) => api.integrations.delete.mutate({ id: integrationId }));
      printRecord(
        deleted,
        options,
        `Deleted integration "${deleted.name}" and ${deleted.deletedInstances.length} instance${deleted.deletedInstances.length === 1 ? "" : "s"}`,
      );
    });
  },
};
