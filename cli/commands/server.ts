/**
 * Running Junction itself: the roles of server/roles.ts, as `npm start`, `npm run worker` and
 * `npm run db:migrate` start them. The server code is imported only when one of these runs, so the other
 * commands start fast and need no database. `bin/junction.mjs` has already re-executed node with
 * `--no-node-snapshot` for these (isolated-vm needs it on Node 20).
 */
import type { Command } from "commander";
import type { Topic } from "./topic";

const loadRoles = async () => await import("@/server/roles.js");

export const serverTopic: Topic = {
  name: "server",
  summary: "run the server, workers and migrations",
  register(program: Command) {
    program
      .command("serve")
      .description("web server and an in-process worker, migrating first (what `npm start` runs)")
      .option("--dev", "Next.js dev mode (no build, hot reload)")
      .action(async (options: { dev?: boolean }) => (await loadRoles()).startRole("all", { dev: options.dev }));

    program
      .command("web")
      .description("the web server alone (run workers with `junction worker`)")
      .action(async () => (await loadRoles()).startRole("web"));

    program
      .command("worker")
      .description("a worker alone: runs queued executions; start as many as you like")
      .action(async () => (await loadRoles()).startRole("worker"));

    program
      .command("migrate")
      .description("apply the database migrations (the embedded PostgreSQL when DATABASE_URL is unset) and stop")
      .action(async () => (await loadRoles()).migrateOnly());
  },
};
