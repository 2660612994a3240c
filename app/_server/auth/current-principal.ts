import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { countUsers } from "../services/users/create-first-admin";
import type { Principal } from "./principal";
import { servicesContext } from "../trpc";
import { resolvePrincipal } from "./resolve-principal";

/** For server components: the signed-in user, or a redirect to sign-in (or first-admin setup). */
export async function requirePrincipal(): Promise<Principal> {
  const { db } = servicesContext();
  const principal = await resolvePrincipal(db, await headers()).catch(() => null);
  if (principal) return principal;
  if ((await countUsers(db)) === 0) redirect("/setup");
  redirect("/sign-in");
}
