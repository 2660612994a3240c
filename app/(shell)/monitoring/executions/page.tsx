import { isCustomerRole } from "@/db/schema";
import { Suspense } from "react";
import { requirePrincipal } from "@/app/_server/auth/current-principal";
import { ExecutionsList } from "@/app/_ui/monitoring/executions-list";

export default async function Page() {
  const principal = await requirePrincipal();
  return (
    <Suspense>
      <ExecutionsList org={!isCustomerRole(principal.role)} />
    </Suspense>
  );
}
