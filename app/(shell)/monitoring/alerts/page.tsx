import { isCustomerRole } from "@/db/schema";
import { requirePrincipal } from "@/app/_server/auth/current-principal";
import { AlertFeed } from "@/app/_ui/monitoring/alert-feed";
import { AlertsPage } from "@/app/_ui/monitoring/alerts-page";

export default async function Page() {
  const principal = await requirePrincipal();
  // a customer user reads its own customer's alerts; monitors and acknowledging are the organization's
  if (isCustomerRole(principal.role)) return <AlertFeed canAcknowledge={false} />;
  return <AlertsPage />;
}
