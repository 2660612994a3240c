/**
 * What the browser package hands a view in the URL fragment (`#session=…&parent=…&theme=…`):
 * read once, kept in sessionStorage under the iframe's name (so a reload of the frame keeps it,
 * and two views on one page keep their own host origin and theme), and removed from the address.
 */
import { themeSchema, type EmbedTheme } from "@/app/_server/services/embedding/theme";

export interface Launch {
  /** the embedded session token (`jes_…`), or null when none was given */
  session: string | null;
  /** the host page's origin, where events go (only when it is an allowed origin) */
  parentOrigin: string | null;
  /** the host page's overrides of the organization's theme, each checked as a plain CSS value */
  theme: Partial<EmbedTheme>;
}

/** an http(s) origin exactly, or null: never "*" or "null" (postMessage must name its target) */
export function originOrNull(value: unknown): string | null {
  if (typeof value !== "string") return null;
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && url.origin === value ? value : null;
  } catch {
    return null;
  }
}

/** each override on its own: one bad value is dropped, the others kept */
export function themeOverrides(raw: unknown): Partial<EmbedTheme> {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return {};
  const shape = themeSchema.shape;
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const field = shape[key as keyof typeof shape];
    const parsed = field?.safeParse(value);
    if (parsed?.success) kept[key] = parsed.data;
  }
  return kept as Partial<EmbedTheme>;
}

/** the fragment's launch values, or null when it carries no session */
export function parseFragment(hash: string): Launch | null {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  const session = params.get("session");
  if (!session) return null;
  let theme: unknown = {};
  try {
    theme = JSON.parse(params.get("theme") ?? "{}");
  } catch {
    /* a theme that is not JSON is no theme */
  }
  return {
    session: /^jes_[\w-]{10,200}$/.test(session) ? session : null,
    parentOrigin: originOrNull(params.get("parent")),
    theme: themeOverrides(theme),
  };
}

const storageKey = () => `junction.embed:${window.name || "_"}`;

function stored(): Launch | null {
  try {
    const raw = JSON.parse(window.sessionStorage.getItem(storageKey()) ?? "null") as Partial<Launch> | null;
    if (!raw || typeof raw.session !== "string") return null;
    return { session: raw.session, parentOrigin: originOrNull(raw.parentOrigin), theme: themeOverrides(raw.theme) };
  } catch {
    return null;
  }
}

let launch: Launch | undefined;

/** Reads the fragment the first time (then removes it from the address); the same answer after. */
export function readLaunch(): Launch {
  if (launch) return launch;
  const fromFragment = parseFragment(window.location.hash);
  if (fromFragment) {
    try {
      window.sessionStorage.setItem(storageKey(), JSON.stringify(fromFragment));
    } catch {
      /* storage refused (a strict browser setting): the session lives as long as this page */
    }
    // the token leaves the address bar and the history entry at once
    window.history.replaceState(window.history.state, "", window.location.pathname + window.location.search);
  }
  launch = fromFragment ??
    stored() ?? { session: null, parentOrigin: originOrNull(document.referrer && new URL(document.referrer).origin), theme: {} };
  return launch;
}

/** after the session ended: a reload must not find it again */
export function forgetSession(): void {
  try {
    window.sessionStorage.removeItem(storageKey());
  } catch {
    /* nothing kept */
  }
}
