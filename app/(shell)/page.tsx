import { redirect } from "next/navigation";
import { requirePrincipal } from "../_server/auth/current-principal";
import { homePathFor } from "../_server/auth/page-paths";

/** `/`: each user's start page, redirected by the server before anything renders. */
export default async function Home() {
  const principal = await requirePrincipal();
  redirect(homePathFor(principal.role));
}
