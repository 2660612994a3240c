import type { Db } from "@/db/client";
import { countUsers, createFirstAdmin } from "./create-first-admin";

/** On an empty database, JUNCTION_ADMIN_EMAIL + JUNCTION_ADMIN_PASSWORD create the first admin. */
export async function ensureEnvAdmin(db: Db): Promise<"created" | "exists" | "not-configured"> {
  const email = process.env.JUNCTION_ADMIN_EMAIL;
  const password = process.env.JUNCTION_ADMIN_PASSWORD;
  if ((await countUsers(db)) > 0) return "exists";
  if (!email || !password) return "not-configured";
  await createFirstAdmin(db, { email, password, name: process.env.JUNCTION_ADMIN_NAME ?? "Administrator" }).catch((err) => {
    // another process won the race: fine
    if ((err as { code?: string }).code !== "CONFLICT") throw err;
  });
  return "created";
}
