/**
 * The web process: a plain Node HTTP server that answers its fast paths itself (webhooks,
 * health — a Next.js route handler was measured at a seventh of the throughput) and hands every
 * other request to Next.js.
 */
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import next from "next";
import { admitAppRequest, frameAncestors } from "./http/app-request-guard";
import { CLIENT_ADDRESS_HEADER, clientAddress, trustedProxies } from "./http/client-address";

export type FastHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface WebServerOptions {
  port: number;
  hostname: string;
  dev: boolean;
  dir: string;
  /** exact paths or prefixes ending in "/" */
  fastRoutes: Record<string, FastHandler>;
}

export interface WebServer {
  server: http.Server;
  close(): Promise<void>;
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const app = next({ dev: options.dev, dir: options.dir, hostname: options.hostname, port: options.port });
  await app.prepare();
  const nextHandler = app.getRequestHandler();
  const routes = Object.entries(options.fastRoutes);
  const ancestors = frameAncestors();
  const proxies = trustedProxies();

  const server = http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0]!;
    // replaces whatever a client sent under that name
    req.headers[CLIENT_ADDRESS_HEADER] = clientAddress(req, proxies);
    const fast = routes.find(([route]) => (route.endsWith("/") ? path.startsWith(route) : path === route));
    if (!fast && !admitAppRequest(req, res, path, ancestors)) return;
    const handle = fast ? fast[1](req, res) : nextHandler(req, res);
    Promise.resolve(handle).catch((err) => {
      console.error(`[web] ${req.method} ${path}:`, err);
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: "internal error" }));
    });
  });
  server.keepAliveTimeout = 65_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.hostname, () => resolve());
  });
  return {
    server,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 5_000).unref();
      });
      await app.close?.();
    },
  };
}
