"use client";
/** Small pieces the embedded views share: a back link within the frame, a themed primary button, a refusal. */
import Link from "next/link";
import type { ButtonHTMLAttributes, ReactNode } from "react";

export function BackLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link
      href={href}
      className="mb-4 inline-flex items-center gap-1 text-sm text-[var(--junction-muted)] hover:text-[var(--junction-text)]"
    >
      <span aria-hidden>←</span> {children}
    </Link>
  );
}

export const primaryClass =
  "inline-flex items-center justify-center gap-2 rounded-[var(--junction-radius)] bg-[var(--junction-primary)] px-3 py-1.5 text-sm font-medium text-[var(--junction-on-primary)] transition hover:opacity-90 disabled:cursor-not-allowed disabled:opacity-50";
export const secondaryClass =
  "inline-flex items-center justify-center gap-2 rounded-[var(--junction-radius)] px-3 py-1.5 text-sm font-medium text-[var(--junction-text)] ring-1 ring-[var(--junction-border)] transition hover:bg-[var(--junction-surface)] disabled:cursor-not-allowed disabled:opacity-50";

export function PrimaryButton({ className = "", ...props }: ButtonHTMLAttributes<HTMLButtonElement>) {
  return <button type="button" className={`${primaryClass} ${className}`} {...props} />;
}

export function Refusal({ children }: { children: ReactNode }) {
  return (
    <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
      {children}
    </p>
  );
}

export function ViewHeading({ title, subtitle, actions }: { title: string; subtitle?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="mb-5 flex flex-wrap items-end justify-between gap-3">
      <div className="min-w-0">
        <h1 className="text-lg font-semibold text-[var(--junction-text)]">{title}</h1>
        {subtitle && <p className="mt-0.5 text-sm text-[var(--junction-muted)]">{subtitle}</p>}
      </div>
      {actions && <div className="flex flex-wrap gap-2">{actions}</div>}
    </div>
  );
}
