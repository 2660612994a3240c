/**
 * The web process: a plain Node HTTP server that answers its fast paths itself (webhooks,
 * health — a Next.js route handler was measured at a seventh of the throughput) and hands every
 * other request to Next.js. It listens before Next.js is loaded: webhooks are accepted as soon as
 * the database and runtime are up, and page requests wait until Next.js is ready.
 *
 * Next.js loads on the first page request, or JUNCTION_NEXT_PRELOAD_MS (1 s) after the port
 * opens if none came sooner: loading it holds the event loop in long synchronous stretches
 * (~1.4 s here), and started at once it delayed the first webhooks of a restart until the pages
 * were ready — a synchronous run needs many turns of the loop.
 */
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import { admitAppRequest, frameAncestors } from "../http/app-request-guard";
import { CLIENT_ADDRESS_HEADER, clientAddress, trustedProxies } from "../http/client-address";

export type FastHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface WebServerOptions {
  port: number;
  hostname: string;
  dev: boolean;
  dir: string;
  /** exact paths or prefixes ending in "/" */
  fastRoutes: Record<string, FastHandler>;
  /** `frame-ancestors` of the embedded views (/embedded/…); without it they get the app's own */
  embedAncestors?: () => Promise<string>;
}

export interface WebServer {
  server: http.Server;
  /** resolves when Next.js serves pages; rejects when it could not start */
  app: Promise<void>;
  close(): Promise<void>;
}

interface NextApp {
  prepare(): Promise<void>;
  getRequestHandler(): (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  close?(): Promise<void>;
}

async function loadNext(options: WebServerOptions): Promise<NextApp> {
  // loaded here, not imported at the top: a process that serves no pages never loads Next.js
  const next = (await import("next")).default as unknown as (o: object) => NextApp;
  const app = next({ dev: options.dev, dir: options.dir, hostname: options.hostname, port: options.port });
  await app.prepare();
  return app;
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const routes = Object.entries(options.fastRoutes);
  const ancestors = frameAncestors();
  const proxies = trustedProxies();
  let nextApp: NextApp | undefined;
  let nextHandler: ReturnType<NextApp["getRequestHandler"]> | undefined;
  // settles with the first load, whoever starts it: a page request or the preload timer
  let settle!: { resolve(): void; reject(err: unknown): void };
  const app = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  app.catch(() => {}); // the caller reports it; requests waiting on it answer 500
  let loading: Promise<void> | undefined;
  const startApp = () => {
    if (!loading) {
      loading = loadNext(options).then((loaded) => {
        nextApp = loaded;
        nextHandler = loaded.getRequestHandler();
      });
      loading.then(settle.resolve, settle.reject);
    }
    return loading;
  };

  const toNext = (req: IncomingMessage, res: ServerResponse) =>
    nextHandler ? nextHandler(req, res) : startApp().then(() => nextHandler!(req, res));

  const server = http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0]!;
    // replaces whatever a client sent under that name
    req.headers[CLIENT_ADDRESS_HEADER] = clientAddress(req, proxies);
    const fast = routes.find(([route]) => (route.endsWith("/") ? path.startsWith(route) : path === route));
    const embedded = !fast && options.embedAncestors && (path === "/embedded" || path.startsWith("/embedded/"));
    const handle = fast
      ? fast[1](req, res)
      : embedded
        ? options.embedAncestors!().then((embedAncestors) =>
            admitAppRequest(req, res, path, embedAncestors) ? toNext(req, res) : undefined,
          )
        : admitAppRequest(req, res, path, ancestors)
          ? toNext(req, res)
          : undefined;
    Promise.resolve(handle).catch((err) => {
      console.error(`[web] ${req.method} ${path}:`, err);
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: nextHandler || fast ? "internal error" : "the web app could not start: see the server log" }));
    });
  });
  server.keepAliveTimeout = 65_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.hostname, () => resolve());
  });
  const preload = setTimeout(() => void startApp().catch(() => {}), Number(process.env.JUNCTION_NEXT_PRELOAD_MS ?? 1_000));
  return {
    server,
    app,
    async close() {
      clearTimeout(preload);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 5_000).unref();
      });
      await nextApp?.close?.();
    },
  };
}
