/** The organization's team: list, invite, change a role or name, deactivate, reactivate, remove (administrators). */
import { Option, type Command } from "commander";
import { connect, type Session } from "../api";
import { CliError } from "../errors";
import type { Column, Row } from "../output/format";
import { isStructured, listOptions, printList, printRecord, recordOptions } from "../output/options";
import { requireId } from "./shared";
import type { Topic } from "./topic";

const TEAM_ROLES = ["admin", "builder", "support"] as const;
type RecordOutput = { output?: "table" | "json" | "yaml" };

const COLUMNS: Column[] = [
  { key: "id" },
  { key: "email" },
  { key: "name" },
  { key: "role" },
  { key: "status", get: (u: Row) => (u.deactivatedAt ? "deactivated" : "active") },
  { key: "customerId", header: "CUSTOMER", extended: true },
  { key: "createdAt", header: "CREATED", extended: true },
  { key: "deactivatedAt", header: "DEACTIVATED", extended: true },
];

const INVITATION_COLUMNS: Column[] = [
  { key: "id" },
  { key: "email" },
  { key: "role" },
  { key: "invitedBy", header: "INVITED BY" },
  { key: "expiresAt", header: "EXPIRES" },
];

/** A user named by id or by e-mail address (ids are long random strings; addresses are what people know). */
async function resolveUser(session: Session, who: string) {
  const users = await session.call((api) => api.users.list.query({}));
  const wanted = who.trim().toLowerCase();
  const user = users.find((u) => u.id === who.trim() || u.email === wanted);
  if (!user) throw new CliError(`no user "${who}": give an e-mail address or an id from \`junction users:list\``);
  return user;
}

export const usersTopic: Topic = {
  name: "users",
  summary: "the team: members, invitations, roles",
  register(program: Command) {
    listOptions(
      program.command("users:list").description("the team's members (--all: customer users too)").option("--all", "customers' users too"),
      COLUMNS,
    ).action(async (options) => {
      const users = await connect().call((api) => api.users.list.query({ team: !options.all }));
      printList(
        users.map((u) => ({ ...u, status: u.deactivatedAt ? "deactivated" : "active" })),
        COLUMNS,
        options,
      );
    });

    recordOptions(
      program
        .command("users:invite")
        .description("invite someone by e-mail: prints the single-use link (valid 7 days; also mailed when the server has SMTP)")
        .requiredOption("--email <email>", "their e-mail address")
        .addOption(new Option("--role <role>", "what they may do").choices([...TEAM_ROLES]).makeOptionMandatory()),
    ).action(async (options: { email: string; role: (typeof TEAM_ROLES)[number] } & RecordOutput) => {
      const invited = await connect().call((api) => api.users.invite.mutate({ email: options.email, role: options.role }));
      if (!isStructured(options)) {
        process.stderr.write(
          invited.delivery.sent
            ? `Invitation e-mailed to ${invited.email}; the link:\n`
            : `${invited.email} is invited (${invited.delivery.reason}):\n`,
        );
      }
      printRecord(invited, options, invited.url);
    });

    listOptions(
      program.command("users:invitations").description("invitations not yet accepted (their links are not shown again)"),
      INVITATION_COLUMNS,
    ).action(async (options) => {
      printList(await connect().call((api) => api.users.invitations.query()), INVITATION_COLUMNS, options);
    });

    recordOptions(
      program
        .command("users:invitations:revoke")
        .description("revoke an open invitation: its link stops working")
        .argument("<id>", "invitation id"),
    ).action(async (id: string, options: RecordOutput) => {
      const invitationId = requireId(id, "invitation");
      const done = await connect().call((api) => api.users.revokeInvitation.mutate({ id: invitationId }));
      printRecord(done, options, `Revoked the invitation of ${done.email}`);
    });

    recordOptions(
      program
        .command("users:update")
        .description("change a team member's role or name (the last administrator stays one)")
        .argument("<user>", "e-mail address or id")
        .addOption(new Option("--role <role>", "the new role").choices([...TEAM_ROLES]))
        .option("--name <name>", "the new name"),
    ).action(async (who: string, options: { role?: (typeof TEAM_ROLES)[number]; name?: string } & RecordOutput) => {
      if (!options.role && !options.name) throw new CliError("nothing to change: give --role or --name");
      const session = connect();
      const user = await resolveUser(session, who);
      const updated = await session.call((api) => api.users.update.mutate({ id: user.id, role: options.role, name: options.name }));
      printRecord(
        updated,
        options,
        updated.changed ? `${updated.email} is now ${updated.role} (${updated.name})` : `${updated.email}: nothing changed`,
      );
    });

    recordOptions(
      program
        .command("users:deactivate")
        .description("deactivate a team member: signed out everywhere, API tokens revoked, sign-in refused (users:reactivate undoes)")
        .argument("<user>", "e-mail address or id"),
    ).action(async (who: string, options: RecordOutput) => {
      const session = connect();
      const user = await resolveUser(session, who);
      const done = await session.call((api) => api.users.deactivate.mutate({ id: user.id }));
      printRecord(
        done,
        options,
        `Deactivated ${done.email}: ${done.sessionsEnded} session${done.sessionsEnded === 1 ? "" : "s"} ended, ${done.tokensRevoked} API token${done.tokensRevoked === 1 ? "" : "s"} revoked`,
      );
    });

    recordOptions(
      program.command("users:reactivate").description("let a deactivated member sign in again").argument("<user>", "e-mail address or id"),
    ).action(async (who: string, options: RecordOutput) => {
      const session = connect();
      const user = await resolveUser(session, who);
      const done = await session.call((api) => api.users.reactivate.mutate({ id: user.id }));
      printRecord(done, options, `${done.email} can sign in again (old API tokens stay revoked)`);
    });

    recordOptions(
      program
        .command("users:remove")
        .description("remove a team member for good (what they built stays)")
        .argument("<user>", "e-mail address or id")
        .option("--yes", "really remove"),
    ).action(async (who: string, options: { yes?: boolean } & RecordOutput) => {
      const session = connect();
      const user = await resolveUser(session, who);
      if (!options.yes) {
        throw new CliError(
          [
            `removing ${user.email} (${user.role}) cannot be undone; users:deactivate can`,
            `nothing was removed: run \`junction users:remove ${user.email} --yes\``,
          ].join("\n"),
        );
      }
      const done = await session.call((api) => api.users.remove.mutate({ id: user.id }));
      printRecord(done, options, `Removed ${done.email}`);
    });
  },
};
