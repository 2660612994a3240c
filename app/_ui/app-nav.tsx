"use client";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { authClient } from "./auth-client";

export interface NavItem {
  href: string;
  label: string;
}

export function AppNav({ items, user }: { items: NavItem[]; user: { name: string; email: string; role: string } }) {
  const pathname = usePathname();
  const router = useRouter();
  return (
    <aside className="flex w-56 shrink-0 flex-col border-r border-slate-200 bg-white">
      <Link href="/" className="flex items-center gap-2 px-4 py-4">
        <span className="grid h-8 w-8 place-items-center rounded-lg bg-brand-600 font-bold text-white">J</span>
        <span className="font-semibold">Junction</span>
      </Link>
      <nav aria-label="Main" className="flex-1 space-y-0.5 px-2">
        {items.map((item) => {
          const active = pathname === item.href || pathname.startsWith(item.href + "/");
          return (
            <Link
              key={item.href}
              href={item.href}
              aria-current={active ? "page" : undefined}
              className={`block rounded-md px-3 py-2 text-sm font-medium ${active ? "bg-brand-50 text-brand-700" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900"}`}
            >
              {item.label}
            </Link>
          );
        })}
      </nav>
      <div className="border-t border-slate-200 p-3 text-sm">
        <p className="truncate font-medium text-slate-800">{user.name}</p>
        <p className="truncate text-xs text-slate-500">
          {user.email} · {user.role}
        </p>
        <button
          className="mt-2 text-xs font-medium text-slate-600 hover:text-slate-900"
          onClick={async () => {
            await authClient.signOut();
            router.replace("/sign-in");
            router.refresh();
          }}
        >
          Sign out
        </button>
      </div>
    </aside>
  );
}
