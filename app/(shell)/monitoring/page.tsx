import { isCustomerRole } from "@/db/schema";
import { requirePrincipal } from "@/app/_server/auth/current-principal";
import { Dashboard } from "@/app/_ui/monitoring/dashboard";

export default async function Page() {
  const principal = await requirePrincipal();
  return <Dashboard org={!isCustomerRole(principal.role)} />;
}
