/**
 * Where an OAuth 2.0 provider sends the customer back (the redirect URI to register:
 * `${JUNCTION_URL}/oauth2/callback`). A route handler, not a page: it answers a tiny HTML
 * document with its own strict policy, which tells the window that opened the popup (the wizard,
 * on this same origin) how it went, and closes. No token ever reaches it. A Next route, not one of
 * the web server's fast routes: it is hit once per sign-in, not per webhook call, and it uses the
 * app's services like the rest of the connection code.
 */
import { randomBytes } from "node:crypto";
import { servicesContext } from "@/app/_server/trpc";
import { completeAuthorization, type CallbackOutcome } from "@/app/_server/services/connections/complete-authorization";

export const dynamic = "force-dynamic";

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(outcome: CallbackOutcome): Response {
  const nonce = randomBytes(16).toString("base64");
  const message = outcome.ok
    ? { type: "junction:oauth2", connectionId: outcome.connectionId, status: "connected" }
    : { type: "junction:oauth2", connectionId: outcome.connectionId ?? null, status: "failed", error: outcome.error };
  const text = outcome.ok ? "Connected — you can close this window." : `The connection failed: ${outcome.error}`;
  // JSON in a script: "<" escaped so the text cannot close the element
  const data = JSON.stringify(message).replace(/</g, "\\u003c");
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${outcome.ok ? "Connected" : "Connection failed"}</title>
<style nonce="${nonce}">body{font:15px system-ui,sans-serif;margin:3rem;color:#0f172a}p{max-width:32rem}</style></head>
<body><p role="status">${escapeHtml(text)}</p>
<script nonce="${nonce}">(function(){var m=${data};if(window.opener&&!window.opener.closed){window.opener.postMessage(m,location.origin);${outcome.ok ? "setTimeout(function(){window.close()},300);" : ""}}})();</script>
</body></html>`;
  return new Response(html, {
    status: outcome.ok ? 200 : (outcome as { status: number }).status,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "referrer-policy": "no-referrer",
      "content-security-policy": `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`,
    },
  });
}

export async function GET(req: Request) {
  const { db, services } = servicesContext();
  return page(await completeAuthorization(db, services.pool, new URL(req.url).searchParams));
}
