import { isCustomerRole, type UserRole } from "@/db/schema";

/** The header the proxy (proxy.ts) sets on page requests: the path and query the browser asked for. */
export const REQUEST_PATH_HEADER = "x-junction-path";

/**
 * `next` after sign-in, only when it is a path on this site: `/integrations/x?tab=1`, never
 * `//evil.example`, `/\evil.example`, `https://…` or a path with control characters (an open redirect).
 */
export function safeNextPath(next: string | null | undefined): string | null {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return null;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(next)) return null;
  const base = "http://junction.invalid";
  let url: URL;
  try {
    url = new URL(next, base);
  } catch {
    return null;
  }
  if (url.origin !== base) return null;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // the sign-in and setup pages are where the visitor already is; landing there again goes nowhere
  return /^\/(sign-in|setup)(\/|\?|#|$)/.test(path) ? null : path;
}

/** The sign-in page, remembering where the visitor was going (when that is worth remembering). */
export function signInPath(next: string | null | undefined): string {
  const safe = safeNextPath(next);
  return safe && safe !== "/" ? `/sign-in?next=${encodeURIComponent(safe)}` : "/sign-in";
}

/** Where a signed-in user starts: customer users at their instances, the organization at its integrations. */
export function homePathFor(role: UserRole): string {
  return isCustomerRole(role) ? "/instances" : "/integrations";
}
