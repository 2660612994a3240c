/**
 * The origins this page may be framed by, read from its own Content-Security-Policy: with the
 * session gone, `embedding.context` cannot say which origins are allowed, but the server's
 * frame-ancestors says the same thing (it is made from the same settings).
 */
export function frameAncestorOrigins(csp: string | null): string[] {
  const directive = (csp ?? "")
    .split(";")
    .map((d) => d.trim())
    .find((d) => d.toLowerCase().startsWith("frame-ancestors "));
  if (!directive) return [];
  return directive
    .split(/\s+/)
    .slice(1)
    .filter((s) => /^https?:\/\/[^\s*]+$/i.test(s))
    .map((s) => s.toLowerCase());
}

/** this page's allowed framing origins, asked of the server with a HEAD of the page itself */
export async function fetchFrameAncestorOrigins(): Promise<string[]> {
  const res = await fetch(window.location.pathname, { method: "HEAD", credentials: "omit", cache: "no-store" });
  return frameAncestorOrigins(res.headers.get("content-security-policy"));
}
