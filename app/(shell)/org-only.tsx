import { isCustomerRole } from "@/db/schema";
import Link from "next/link";
import type { ReactNode } from "react";
import { requirePrincipal } from "../_server/auth/current-principal";
import { CUSTOMER_NAV } from "./shell-nav";

/**
 * The layout of the organization's own pages (integrations, customers, components): a customer
 * user who opens one gets a plain page pointing at what they can use, decided on the server
 * before any of the page renders. A layout per area rather than one in the shell: the shell's
 * layout is not rendered again when the browser moves between pages, an area's layout is.
 */
export default async function OrgOnlyLayout({ children }: { children: ReactNode }) {
  const principal = await requirePrincipal();
  return isCustomerRole(principal.role) ? <NotAvailable /> : children;
}

function NotAvailable() {
  return (
    <section className="mx-auto mt-16 max-w-lg rounded-lg bg-white p-8 shadow-sm ring-1 ring-slate-200">
      <h1 className="text-xl font-semibold text-slate-900">This page is not available to your account</h1>
      <p className="mt-2 text-sm text-slate-600">
        It belongs to the team that builds your integrations. With your account you can use these pages:
      </p>
      <ul className="mt-4 space-y-2">
        {CUSTOMER_NAV.map((item) => (
          <li key={item.href}>
            <Link href={item.href} className="text-sm font-medium text-brand-700 hover:underline">
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
