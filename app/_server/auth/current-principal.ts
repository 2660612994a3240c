import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "../../../db/client";
import { countUsers } from "../services/users/create-first-admin";
import type { Principal } from "./principal";
import { resolvePrincipal } from "./resolve-principal";

/** For server components: the signed-in user, or a redirect to sign-in (or first-admin setup). */
export async function requirePrincipal(): Promise<Principal> {
  const principal = await resolvePrincipal(await headers()).catch(() => null);
  if (principal) return principal;
  if ((await countUsers(getDb())) === 0) redirect("/setup");
  redirect("/sign-in");
}
