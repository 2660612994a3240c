/** The audit log: who changed what, when (administrators). */
import type { Command } from "commander";
import { connect } from "../api";
import { parseTimeArg } from "../executions/format";
import type { Column, Row } from "../output/format";
import { isStructured, listOptions, printList } from "../output/options";
import { positiveInt } from "./shared";
import type { Topic } from "./topic";

const show = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));

/** key=value pairs; a change of value reads "from → to" first (the database keeps no key order) */
function detailText(d: unknown): string {
  if (!d || typeof d !== "object") return "";
  const { from, to, ...rest } = d as Record<string, unknown>;
  const pairs = Object.entries(rest).map(([k, v]) => `${k}=${show(v)}`);
  return [from !== undefined || to !== undefined ? `${show(from)} → ${show(to)}` : "", ...pairs].filter(Boolean).join(" ");
}

const COLUMNS: Column[] = [
  { key: "at", header: "WHEN" },
  { key: "actor", get: (e: Row) => e.actorEmail ?? "(junction)" },
  { key: "action" },
  { key: "target", get: (e: Row) => e.targetName ?? e.targetId ?? e.targetType },
  { key: "detail", get: (e: Row) => detailText(e.detail) },
  { key: "description", header: "WHAT", extended: true },
  { key: "via", extended: true },
  { key: "targetType", header: "TARGET TYPE", extended: true },
  { key: "targetId", header: "TARGET ID", extended: true },
  { key: "id", extended: true },
];

export const auditTopic: Topic = {
  name: "audit",
  summary: "the audit log",
  register(program: Command) {
    listOptions(
      program
        .command("audit:list")
        .description("who changed what, when; newest first")
        .option("--actor <who>", "by this person: e-mail address (or a part of it) or user id")
        .option("--action <action>", "one action (user.invited) or an area (user, token, instance, integration, embedding, …)")
        .option("--since <when>", "since: a span back from now (30m, 1h, 2d, 1w) or an ISO date")
        .option("--until <when>", "until: a span back from now or an ISO date")
        .option("--page <n>", "which page of --limit entries (1: the newest)", positiveInt)
        .option("--limit <n>", "entries per page (50 by default, at most 500)", positiveInt),
      COLUMNS,
    ).action(async (options) => {
      const result = await connect().call((api) =>
        api.audit.list.query({
          actor: options.actor,
          action: options.action,
          since: options.since ? new Date(parseTimeArg(options.since, "--since")) : undefined,
          until: options.until ? new Date(parseTimeArg(options.until, "--until")) : undefined,
          page: options.page,
          pageSize: options.limit,
        }),
      );
      printList(result.entries as unknown as Row[], COLUMNS, options);
      if (result.hasMore && !isStructured(options) && process.stderr.isTTY) process.stderr.write(`(more: --page ${result.page + 1})\n`);
    });
  },
};
