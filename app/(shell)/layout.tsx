import { isCustomerRole } from "@/db/schema";
import type { ReactNode } from "react";
import { requirePrincipal } from "../_server/auth/current-principal";
import { AppNav } from "../_ui/app-nav";
import { CUSTOMER_NAV, ORG_NAV } from "./shell-nav";

export const dynamic = "force-dynamic";

export default async function ShellLayout({ children }: { children: ReactNode }) {
  const principal = await requirePrincipal();
  return (
    <div className="flex min-h-screen">
      <AppNav
        items={isCustomerRole(principal.role) ? CUSTOMER_NAV : ORG_NAV}
        user={{ name: principal.name, email: principal.email, role: principal.role }}
      />
      <main className="min-w-0 flex-1 px-8 py-6">{children}</main>
    </div>
  );
}
