import { redirect } from "next/navigation";
import { requirePrincipal } from "../../../_server/auth/current-principal";
import { AlertsPage } from "../../../_ui/monitoring/alerts-page";

export default async function Page() {
  const principal = await requirePrincipal();
  if (principal.role === "customer") redirect("/monitoring");
  return <AlertsPage />;
}
