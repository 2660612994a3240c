import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { countUsers } from "../services/users/create-first-admin";
import type { Principal } from "./principal";
import { servicesContext } from "../trpc";
import { resolvePrincipal } from "./resolve-principal";
import { REQUEST_PATH_HEADER, signInPath } from "./page-paths";

/** For server components: the signed-in user, or null. */
export async function currentPrincipal(): Promise<Principal | null> {
  const { db } = servicesContext();
  return resolvePrincipal(db, await headers()).catch(() => null);
}

/**
 * For server components: the signed-in user, or a redirect to sign-in (or first-admin setup);
 * sign-in brings the visitor back to the page asked for (the proxy names it).
 */
export async function requirePrincipal(): Promise<Principal> {
  const principal = await currentPrincipal();
  if (principal) return principal;
  if ((await countUsers(servicesContext().db)) === 0) redirect("/setup");
  redirect(signInPath((await headers()).get(REQUEST_PATH_HEADER)));
}
