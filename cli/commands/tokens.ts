/** API tokens of the signed-in user: for CI, scripts and the execution-result API. */
import type { Command } from "commander";
import { connect } from "../api";
import type { Column, Row } from "../output/format";
import { isStructured, listOptions, printList, printRecord, recordOptions } from "../output/options";
import { positiveInt, requireId } from "./shared";
import type { Topic } from "./topic";

const status = (t: Row) =>
  t.revokedAt ? "revoked" : t.expiresAt && new Date(String(t.expiresAt)).getTime() < Date.now() ? "expired" : "active";

const COLUMNS: Column[] = [
  { key: "id" },
  { key: "name" },
  { key: "prefix" },
  { key: "status", get: status },
  { key: "lastUsedAt", header: "LAST USED" },
  { key: "createdAt", header: "CREATED", extended: true },
  { key: "expiresAt", header: "EXPIRES", extended: true },
  { key: "revokedAt", header: "REVOKED", extended: true },
];

export const tokensTopic: Topic = {
  name: "tokens",
  summary: "API tokens",
  register(program: Command) {
    recordOptions(
      program
        .command("tokens:create")
        .description("create an API token (it is shown this once)")
        .requiredOption("--name <name>", "what the token is for, e.g. ci-deploy")
        .option("--expires-in-days <days>", "let it expire after this many days", positiveInt),
    ).action(async (options: { name: string; expiresInDays?: number; output?: "table" | "json" | "yaml" }) => {
      const session = connect();
      const token = await session.call((api) => api.tokens.create.mutate({ name: options.name, expiresInDays: options.expiresInDays }));
      if (!isStructured(options)) process.stderr.write(`Token "${token.name}" created; copy it now, it is not shown again:\n`);
      printRecord(token, options, token.token);
    });

    listOptions(program.command("tokens:list").description("your API tokens"), COLUMNS).action(async (options) => {
      const session = connect();
      const tokens = await session.call((api) => api.tokens.list.query());
      printList(
        tokens.map((t) => ({ ...t, status: status(t) })),
        COLUMNS,
        options,
      );
    });

    recordOptions(program.command("tokens:revoke").description("revoke an API token").argument("<id>", "token id")).action(
      async (id: string, options: { output?: "table" | "json" | "yaml" }) => {
        const tokenId = requireId(id, "token");
        const row = await connect().call((api) => api.tokens.revoke.mutate({ id: tokenId }));
        printRecord({ id: row.id, revoked: true }, options, `Revoked token ${row.id}`);
      },
    );
  },
};
