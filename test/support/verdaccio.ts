/**
 * A real npm registry for tests: verdaccio 6.8 in this process on 127.0.0.1 (port 0), storage in a
 * temporary folder, anyone may publish anything, and no uplinks (nothing is ever fetched from the
 * internet). Packages are published with npm's own CLI, as an author would.
 *   const registry = await startVerdaccio();  await registry.publish(dir);  …  await registry.stop();
 */
import { mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { npmPublish } from "@/components-registry/npm/npm-publish";

export interface Verdaccio {
  /** with a trailing slash, like https://registry.npmjs.org/ */
  url: string;
  /** the storage folder (tests tamper with tarballs there) */
  storage: string;
  /** `npm publish` of a package folder (or .tgz) to this registry */
  publish(dir: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startVerdaccio(): Promise<Verdaccio> {
  const root = mkdtempSync(join(tmpdir(), "junction-verdaccio-"));
  const storage = join(root, "storage");
  const config = {
    self_path: join(root, "config.yaml"),
    storage,
    uplinks: {},
    packages: { "**": { access: "$all", publish: "$all", unpublish: "$all" } },
    auth: { htpasswd: { file: join(root, "htpasswd"), max_users: -1 } },
    web: { enable: false },
    log: { type: "stdout", format: "pretty", level: "fatal" },
    server: { keepAliveTimeout: 0 },
    max_body_size: "20mb",
  };
  // verdaccio is CommonJS without types for runServer's options
  const { runServer } = (await import("verdaccio")) as unknown as {
    runServer(config: unknown): Promise<Server>;
  };
  const server = await runServer(config);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    storage,
    publish: (dir: string) => npmPublish(dir, url),
    async stop() {
      server.closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(root, { recursive: true, force: true });
    },
  };
}
