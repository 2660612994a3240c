/**
 * The entry point of every Junction process:
 *   node --no-node-snapshot --import tsx server/main.ts <all|web|worker|migrate> [--dev]
 * `npm start` is `all`; `junction serve|web|worker|migrate` start the same roles (server/roles.ts).
 */
import { migrateOnly, ROLES, startRole, type Role } from "./roles";

const args = process.argv.slice(2);
const role = args.find((a) => !a.startsWith("--")) ?? "all";
if (role === "migrate") await migrateOnly();
else if (ROLES.includes(role as Role)) await startRole(role as Role, { dev: args.includes("--dev") });
else {
  console.error(`[junction] unknown role "${role}": one of ${[...ROLES, "migrate"].join(", ")}`);
  process.exit(2);
}
