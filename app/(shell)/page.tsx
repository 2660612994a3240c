import { isCustomerRole } from "@/db/schema";
import { redirect } from "next/navigation";
import { requirePrincipal } from "../_server/auth/current-principal";

export default async function Home() {
  const principal = await requirePrincipal();
  redirect(isCustomerRole(principal.role) ? "/instances" : "/integrations");
}
