/**
 * The real `junction` CLI against the real API router: the router served over node:http as the web
 * server mounts it, and the CLI binary run as a child process with an API token.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/app/_server/routers";
import { createToken } from "@/app/_server/services/tokens/create-token";
import { createUser } from "@/app/_server/services/users/create-user";
import { createContext } from "@/app/_server/trpc";
import type { Database } from "@/db/client";
import type { Services } from "@/server/services";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const BIN = join(ROOT, "cli", "bin", "junction.mjs");

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliAgainstApi {
  apiUrl: string;
  token: string;
  userId: string;
  junction(args: string[]): Promise<CliRun>;
  stop(): Promise<void>;
}

/** serves the API for `services`, makes an admin with an API token, and runs the CLI against them */
export async function cliAgainstApi(
  database: Database,
  services: Services,
  email = `cli-${Date.now()}@example.test`,
): Promise<CliAgainstApi> {
  const server = createServer(async (req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const request = new Request(`http://127.0.0.1${req.url}`, {
      method: req.method,
      headers,
      body: req.method === "GET" || req.method === "HEAD" ? undefined : Buffer.concat(chunks),
    });
    const response = await fetchRequestHandler({
      endpoint: "/api/trpc",
      req: request,
      router: appRouter,
      createContext: () => createContext({ headers: request.headers, services }),
    });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const user = await createUser(database.db, { email, name: "CLI", password: "correct horse battery", role: "admin" });
  const { token } = await createToken(database.db, { userId: user.id, name: "cli test" });
  const config = mkdtempSync(join(tmpdir(), "junction-cli-config-"));

  const junction = (args: string[]) => {
    const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("JUNCTION_")));
    const env = { ...base, XDG_CONFIG_HOME: config, JUNCTION_URL: apiUrl, JUNCTION_TOKEN: token } as unknown as NodeJS.ProcessEnv;
    return new Promise<CliRun>((resolve) =>
      execFile(process.execPath, [BIN, ...args], { cwd: ROOT, env, encoding: "utf8" }, (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      ),
    );
  };
  return {
    apiUrl,
    token,
    userId: user.id,
    junction,
    async stop() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      rmSync(config, { recursive: true, force: true });
    },
  };
}
