/**
 * The software company's product, as the embedded views meet it: a tiny HTTP server on 127.0.0.1
 * (an origin of its own, so the views are framed cross-site) that signs JWTs for the user and
 * customer a query names — with an RS256 key pair made at start, as a customer's backend would —
 * and serves a page that loads the browser package's IIFE, signs in with `junction.authenticate`,
 * shows a view, and writes every event it receives into the page for the test to read.
 */
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { exportSPKI, generateKeyPair, SignJWT } from "jose";

const EMBEDDED = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "embedded");
const IIFE = join(EMBEDDED, "dist", "junction-embedded.iife.js");

export interface EmbedHost {
  /** the host product's origin (to allow in Settings → Embedding) */
  origin: string;
  kid: string;
  /** the RS256 public key (SPKI PEM) to register */
  publicKeyPem: string;
  /** the host page showing a view, signed in as the given user */
  pageUrl(params: HostPageParams): string;
  close(): Promise<void>;
}

export interface HostPageParams {
  view: "marketplace" | "configure" | "instance" | "alerts" | "none";
  /** the user: its id in the product, its customer's external id, name, role ("admin" or "read-only") */
  sub: string;
  customer: string;
  name?: string;
  email?: string;
  role?: "admin" | "read-only";
  integrationId?: string;
  instanceId?: string;
  /** per-view theme overrides (the package's `theme` option) */
  theme?: Record<string, string>;
  /** sign the token with this kid instead of the registered one */
  kid?: string;
  /** a token that expired ten minutes ago */
  expired?: boolean;
  /**
   * the attacks on the package's event filter: the page posts a look-alike event to itself, and
   * frames a Junction view of its own (not through the package) whose events reach the window
   */
  forge?: boolean;
}

/** Builds the package (so the page loads what the source says, in CI too) and starts the host. */
export async function startEmbedHost(options: { junctionUrl: string; kid: string }): Promise<EmbedHost> {
  execFileSync(process.execPath, [join(EMBEDDED, "build.mjs")], { stdio: "pipe" });
  const script = readFileSync(IIFE);
  const { publicKey, privateKey } = await generateKeyPair("RS256");
  const publicKeyPem = await exportSPKI(publicKey);

  async function sign(q: URLSearchParams): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const iat = q.get("expired") ? now - 20 * 60 : now;
    return new SignJWT({
      customer: q.get("customer") ?? "",
      customer_name: q.get("customer_name") ?? undefined,
      name: q.get("name") ?? undefined,
      email: q.get("email") ?? undefined,
      role: q.get("role") ?? "admin",
    })
      .setProtectedHeader({ alg: "RS256", kid: q.get("kid") ?? options.kid })
      .setSubject(q.get("sub") ?? "")
      .setJti(randomUUID())
      .setIssuedAt(iat)
      .setExpirationTime(iat + 5 * 60)
      .sign(privateKey);
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://host");
    if (url.pathname === "/junction-embedded.iife.js") {
      res.writeHead(200, { "content-type": "text/javascript; charset=utf-8", "cache-control": "no-store" }).end(script);
    } else if (url.pathname === "/token") {
      // the product's own endpoint: its signed-in user gets a fresh JWT for Junction
      sign(url.searchParams).then(
        (jwt) => res.writeHead(200, { "content-type": "text/plain", "cache-control": "no-store" }).end(jwt),
        (err: Error) => res.writeHead(500).end(err.message),
      );
    } else if (url.pathname === "/") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" }).end(hostPage(options.junctionUrl));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    kid: options.kid,
    publicKeyPem,
    pageUrl(params) {
      const q = new URLSearchParams();
      for (const [k, v] of Object.entries(params)) {
        if (v === undefined || v === false) continue;
        q.set(k, typeof v === "object" ? JSON.stringify(v) : String(v));
      }
      return `${origin}/?${q}`;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** the product's page: its own chrome around the embedded view, and a log of the view's events */
function hostPage(junctionUrl: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Acme CRM — Integrations</title>
<style>
  body { margin: 0; font: 14px/1.4 system-ui, sans-serif; color: #1f2937; background: #f3f4f6; }
  header { display: flex; align-items: center; gap: 12px; padding: 10px 20px; background: #111827; color: #fff; }
  header strong { font-size: 15px; }
  header span { margin-left: auto; opacity: .8; font-size: 13px; }
  main { display: grid; grid-template-columns: 1fr 260px; gap: 16px; padding: 16px 20px; }
  #junction { background: #fff; border-radius: 8px; box-shadow: 0 1px 2px rgba(0,0,0,.08); overflow: hidden; }
  aside { font-size: 12px; }
  aside h2 { font-size: 12px; text-transform: uppercase; color: #6b7280; margin: 0 0 6px; }
  #events { list-style: none; margin: 0; padding: 0; max-height: 640px; overflow: auto; }
  #events li { background: #fff; border-radius: 4px; padding: 4px 6px; margin-bottom: 4px; word-break: break-all; font-family: ui-monospace, monospace; font-size: 11px; }
  #deployed, #raw { word-break: break-all; }
  #error { margin: 16px 20px 0; padding: 10px 12px; border-radius: 6px; background: #fef2f2; color: #991b1b; }
</style>
</head>
<body>
<header><strong>Acme CRM</strong> Settings › Integrations <span id="who">signing in…</span></header>
<div id="error" role="alert" hidden></div>
<main>
  <div id="junction"></div>
  <aside>
    <h2>Events from Junction</h2><ol id="events" aria-label="Events"></ol>
    <p id="deployed"></p>
    <p id="raw" aria-label="Raw frame messages"></p>
  </aside>
</main>
<script src="/junction-embedded.iife.js"></script>
<script type="module">
  const JUNCTION = ${JSON.stringify(junctionUrl)};
  const params = new URLSearchParams(location.search);
  const events = document.getElementById("events");
  const log = (event) => {
    const li = document.createElement("li");
    li.dataset.type = event.type;
    li.textContent = JSON.stringify(event);
    events.append(li);
  };
  try {
    const token = await fetch("/token" + location.search).then((r) => r.text());
    const session = await junction.authenticate({ url: JUNCTION, token });
    document.getElementById("who").textContent = "Signed in as " + session.user.name + " (" + session.customer.name + ")";
    const el = document.getElementById("junction");
    const options = { height: "auto", theme: JSON.parse(params.get("theme") || "{}"), onEvent: log };
    const view = params.get("view");
    if (view === "marketplace") junction.showMarketplace(el, options);
    else if (view === "configure") junction.configureInstance(el, params.get("instanceId") ? { instanceId: params.get("instanceId") } : { integrationId: params.get("integrationId") }, options);
    else if (view === "instance") junction.showInstance(el, { instanceId: params.get("instanceId") }, options);
    else if (view === "alerts") junction.showAlerts(el, options);
    junction.on("instance-deployed", (e) => (document.getElementById("deployed").textContent = "Deployed " + e.name));
    if (params.get("forge")) await forge();
  } catch (err) {
    const box = document.getElementById("error");
    box.hidden = false;
    box.textContent = err.code + ": " + err.message;
    document.getElementById("who").textContent = "not signed in to Junction";
  }

  async function forge() {
    const raw = document.createElement("iframe");
    window.addEventListener("message", (m) => {
      if (m.source === raw.contentWindow) document.getElementById("raw").textContent += (m.data && m.data.event && m.data.event.type) + " ";
    });
    const token = await fetch("/token" + location.search).then((r) => r.text());
    const body = JSON.stringify({ token });
    const session = await fetch(JUNCTION + "/api/embedded/session", { method: "POST", headers: { "content-type": "application/json" }, body }).then((r) => r.json());
    raw.src = JUNCTION + "/embedded/alerts#session=" + session.sessionToken + "&parent=" + encodeURIComponent(location.origin) + "&theme=%7B%7D";
    raw.style.cssText = "width:1px;height:1px;border:0";
    document.body.append(raw);
    window.postMessage({ channel: "junction-embedded", event: { type: "instance-removed", instanceId: "forged-by-the-page" } }, "*");
  }
</script>
</body>
</html>`;
}
