/**
 * esbuild resolves and reads whatever a package's imports name: `/proc/self/environ` or
 * `../../.junction/secret.key` (with `{ type: "text" }`) would be inlined into the bundle, and a
 * bare import walks up into the server's own node_modules. Every resolved file must lie, after
 * realpath, inside the package folder (or the SDK, which is bundled in), and be a source, JSON or
 * text file; anything else stops the bundle with the import named.
 */
import { realpathSync } from "node:fs";
import { extname, relative, sep } from "node:path";
import type { Plugin } from "esbuild";

/** extension → loader: the only ones a package may use */
export const PACKAGE_LOADERS = {
  ".js": "js",
  ".mjs": "js",
  ".cjs": "js",
  ".jsx": "jsx",
  ".ts": "ts",
  ".mts": "ts",
  ".cts": "ts",
  ".tsx": "tsx",
  ".json": "json",
  ".txt": "text",
} as const;

const ALLOWED_TYPES = new Set(["json", "text"]);

const inside = (root: string, file: string) => file === root || file.startsWith(root.endsWith(sep) ? root : root + sep);

export function confineImports(roots: string[], packageDir: string): Plugin {
  const realRoots = roots.map((r) => realpathSync(r));
  const name = (importer: string) => (importer ? relative(packageDir, importer) || importer : "the package");
  return {
    name: "junction-confine-imports",
    setup(b) {
      b.onResolve({ filter: /.*/ }, async (args) => {
        // (a nested resolve: ours, or the built-in check probing whether an npm package shadows a Node module)
        if (args.pluginData === "probe" || args.pluginData?.confined) return undefined;
        const type = args.with?.type;
        const what = `import "${args.path}"${args.importer ? ` in ${name(args.importer)}` : ""}`;
        if (type !== undefined && !ALLOWED_TYPES.has(type)) {
          return { errors: [{ text: `${what} asks for type "${type}": a package may import only code, JSON and text` }] };
        }
        const resolved = await b.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          with: args.with,
          pluginData: { ...(args.pluginData ?? {}), confined: true },
        });
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        if (resolved.external || !resolved.path || resolved.namespace !== "file") return resolved;
        let real: string;
        try {
          real = realpathSync(resolved.path);
        } catch {
          return { errors: [{ text: `${what} names a file that cannot be read` }] };
        }
        if (!realRoots.some((root) => inside(root, real))) {
          return { errors: [{ text: `${what} is outside the package folder: a package may import only its own files (and @junction/sdk)` }] };
        }
        if (type === undefined && !Object.hasOwn(PACKAGE_LOADERS, extname(real).toLowerCase())) {
          return { errors: [{ text: `${what}: "${extname(real) || "no extension"}" files cannot be bundled (only ${Object.keys(PACKAGE_LOADERS).join(" ")})` }] };
        }
        return { ...resolved, path: real };
      });
    },
  };
}
