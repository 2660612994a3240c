import type { NavItem } from "../_ui/app-nav";

export const ORG_NAV: NavItem[] = [
  { href: "/integrations", label: "Integrations" },
  { href: "/customers", label: "Customers" },
  { href: "/instances", label: "Instances" },
  { href: "/components", label: "Components" },
  { href: "/monitoring", label: "Monitoring" },
  { href: "/settings", label: "Settings" },
];

// customer users see only their own customer's marketplace, instances and runs
export const CUSTOMER_NAV: NavItem[] = [
  { href: "/marketplace", label: "Marketplace" },
  { href: "/instances", label: "Instances" },
  { href: "/monitoring", label: "Monitoring" },
  { href: "/settings", label: "Settings" },
];
