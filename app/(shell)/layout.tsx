import { isCustomerRole } from "@/db/schema";
import type { ReactNode } from "react";
import { requirePrincipal } from "../_server/auth/current-principal";
import { AppNav, type NavItem } from "../_ui/app-nav";

const ORG_NAV: NavItem[] = [
  { href: "/integrations", label: "Integrations" },
  { href: "/customers", label: "Customers" },
  { href: "/instances", label: "Instances" },
  { href: "/components", label: "Components" },
  { href: "/monitoring", label: "Monitoring" },
  { href: "/settings", label: "Settings" },
];

// customer users see only their own customer's marketplace, instances and runs
const CUSTOMER_NAV: NavItem[] = [
  { href: "/marketplace", label: "Marketplace" },
  { href: "/instances", label: "Instances" },
  { href: "/monitoring", label: "Monitoring" },
  { href: "/settings", label: "Settings" },
];

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
