/**
 * Publishes every connector package (each folder here with a package.json) to an npm registry,
 * so it can be installed by name like any third party's package.
 *   node --import tsx components-registry/connectors/publish-connectors.ts <registry-url> [token]
 * A version the registry already has is reported as skipped, not as a failure.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { npmPublish, PublishError } from "../npm/npm-publish";
import { normalizeRegistryUrl } from "../npm/registry-config";

export const CONNECTORS_DIR = dirname(fileURLToPath(import.meta.url));

export interface PublishedConnector {
  dir: string;
  name: string;
  version: string;
  outcome: "published" | "already-published";
}

/** the connector folders: those with a package.json naming a package */
export function connectorFolders(root = CONNECTORS_DIR): string[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, d.name, "package.json")))
    .map((d) => join(root, d.name))
    .sort();
}

export async function publishConnectors(registry: string, options: { token?: string; root?: string } = {}): Promise<PublishedConnector[]> {
  const url = normalizeRegistryUrl(registry);
  const done: PublishedConnector[] = [];
  for (const dir of connectorFolders(options.root)) {
    const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: string; version?: string };
    if (!pkg.name || !pkg.version) throw new Error(`${join(dir, "package.json")}: needs a name and a version to be published`);
    try {
      await npmPublish(dir, url, options.token);
      done.push({ dir, name: pkg.name, version: pkg.version, outcome: "published" });
    } catch (err) {
      if (!(err instanceof PublishError && err.alreadyPublished)) throw err;
      done.push({ dir, name: pkg.name, version: pkg.version, outcome: "already-published" });
    }
  }
  return done;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [registry, token] = process.argv.slice(2);
  if (!registry) {
    console.error("usage: publish-connectors.ts <registry-url> [token]   (token also from JUNCTION_NPM_TOKEN)");
    process.exit(2);
  }
  publishConnectors(registry, { token: token ?? process.env.JUNCTION_NPM_TOKEN }).then(
    (published) => {
      for (const p of published) console.log(`${p.outcome === "published" ? "published" : "already there"}  ${p.name}@${p.version}`);
      if (!published.length) console.log(`no connector packages under ${CONNECTORS_DIR}`);
    },
    (err: Error) => {
      console.error(err.message);
      process.exit(1);
    },
  );
}
