/**
 * What the web server checks before Next.js sees a request, and adds to every answer of the app:
 * a request body past the limit is refused (413) before anything reads it — Next.js would buffer
 * a whole tRPC body, even for a procedure that then refuses to run — and pages may be framed only
 * by the origins the operator allows.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { maxAttachmentBytes } from "./attachment-limit";

const MB = 1024 * 1024;

function positiveMb(name: string, fallback: number): number {
  const raw = process.env[name];
  const mb = raw ? Number(raw) : fallback;
  if (!Number.isFinite(mb) || mb <= 0) throw new Error(`${name} must be a positive number of MB, got "${raw}"`);
  return Math.floor(mb * MB);
}

/** the largest body a request to `path` may carry (attachments have their own, larger, setting) */
export function bodyLimitFor(path: string): { bytes: number; setting: string } {
  if (/^\/api\/integrations\/[^/]+\/attachments$/.test(path))
    return { bytes: maxAttachmentBytes() + MB, setting: "JUNCTION_MAX_ATTACHMENT_MB" };
  return { bytes: positiveMb("JUNCTION_MAX_REQUEST_MB", 16), setting: "JUNCTION_MAX_REQUEST_MB" };
}

/** `frame-ancestors` of the app's pages: itself, plus JUNCTION_FRAME_ANCESTORS (space- or comma-separated origins) */
export function frameAncestors(): string {
  const extra = (process.env.JUNCTION_FRAME_ANCESTORS ?? "")
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((origin) => {
      if (!/^https?:\/\/[a-z0-9.*-]+(:\d+)?$/i.test(origin))
        throw new Error(`JUNCTION_FRAME_ANCESTORS: "${origin}" is not an origin like https://app.example.com`);
      return origin;
    });
  return ["'self'", ...extra].join(" ");
}

/** how long a refused body is still read (and thrown away) before the connection is cut */
const LINGER_MS = 5_000;

/**
 * Answers at once without reading the body into memory. The body is then drained and dropped for
 * a while: closing a socket with unread data resets it, and the client (a browser, curl, the CLI)
 * would lose the answer and report a broken connection instead of the 413.
 */
const refuse = (req: IncomingMessage, res: ServerResponse, status: number, error: string) => {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify({ error }));
  const cut = setTimeout(() => req.socket.destroy(), LINGER_MS).unref();
  req.once("end", () => clearTimeout(cut));
  req.resume();
};

/** Answers and returns false when the request may not go on to Next.js. */
export function admitAppRequest(req: IncomingMessage, res: ServerResponse, path: string, ancestors: string): boolean {
  // pages only: an API route sets its own (the result API's `sandbox`), as does the OAuth 2.0 callback (its script's nonce), and this one would win over it
  if (!path.startsWith("/api/") && path !== "/oauth2/callback") res.setHeader("content-security-policy", `frame-ancestors ${ancestors}`);
  res.setHeader("x-content-type-options", "nosniff");
  if (req.method === "GET" || req.method === "HEAD") return true;
  const limit = bodyLimitFor(path);
  const declared = req.headers["content-length"];
  if (declared === undefined && req.headers["transfer-encoding"]) {
    // a body of unknown length cannot be refused before it is read: ask for its length
    refuse(req, res, 411, "send the body with a Content-Length");
    return false;
  }
  if (Number(declared) > limit.bytes) {
    // never buffered: drained for a few seconds at most, then the connection is cut
    refuse(req, res, 413, `the request body is ${declared} bytes; the limit is ${limit.bytes} (${limit.setting})`);
    return false;
  }
  return true;
}
