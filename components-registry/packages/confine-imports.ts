/**
 * esbuild resolves and reads whatever a package's imports name: `/proc/self/environ` or
 * `../../.junction/secret.key` (with `{ type: "text" }`) would be inlined into the bundle, and a
 * bare import walks up into the server's own node_modules. Every resolved file must lie, after
 * realpath, inside the package folder (or the SDK, which is bundled in), and be a source, JSON or
 * text file; anything else stops the bundle with the import named.
 *
 * esbuild expands an `import()`/`require()` of a template literal or concatenation ("glob import")
 * while it parses, without asking plugins to resolve the files it matches: `` import(`../../${x}.txt`) ``
 * inlines text files above the folder, and `../../../../${x}` walks the whole file system. So the
 * package's own code files are checked before esbuild parses them (any import path that is not a
 * string literal is refused), and every file loaded is checked again against the folder.
 */
import { readFile } from "node:fs/promises";
import { realpathSync } from "node:fs";
import { extname, relative, sep } from "node:path";
import { transform, type Loader, type PartialMessage, type Plugin } from "esbuild";

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
const CODE_LOADERS = new Set<Loader>(["js", "jsx", "ts", "tsx"]);

const inside = (root: string, file: string) => file === root || file.startsWith(root.endsWith(sep) ? root : root + sep);

/**
 * @param roots where imports may lead (the package folder first)
 * @param packageDir the package's own folder: its code is checked for import paths built at run time
 */
export function confineImports(roots: string[], packageDir: string): Plugin {
  const realRoots = roots.map((r) => realpathSync(r));
  const realPackageDir = realpathSync(packageDir);
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
          return {
            errors: [{ text: `${what} is outside the package folder: a package may import only its own files (and @junction/sdk)` }],
          };
        }
        if (type === undefined && !Object.hasOwn(PACKAGE_LOADERS, extname(real).toLowerCase())) {
          return {
            errors: [
              {
                text: `${what}: "${extname(real) || "no extension"}" files cannot be bundled (only ${Object.keys(PACKAGE_LOADERS).join(" ")})`,
              },
            ],
          };
        }
        return { ...resolved, path: real };
      });

      // every file esbuild reads, however it got there (a glob import's matches skip onResolve)
      b.onLoad({ filter: /.*/, namespace: "file" }, async (args) => {
        let real: string;
        try {
          real = realpathSync(args.path);
        } catch {
          return { errors: [{ text: "an import names a file that cannot be read" }] };
        }
        // (no path in the message: a glob's matches would list the server's files)
        if (!realRoots.some((root) => inside(root, real))) return { errors: [{ text: OUTSIDE_BY_PATTERN }] };
        const type = args.with?.type;
        const loader: Loader | undefined =
          type === "text" || type === "json" ? type : PACKAGE_LOADERS[extname(real).toLowerCase() as keyof typeof PACKAGE_LOADERS];
        if (!loader)
          return {
            errors: [
              { text: `"${extname(real) || "no extension"}" files cannot be bundled (only ${Object.keys(PACKAGE_LOADERS).join(" ")})` },
            ],
          };
        if (!CODE_LOADERS.has(loader) || !inside(realPackageDir, real)) return undefined;
        const contents = await readFile(real, "utf8");
        const refused = await importsBuiltAtRunTime(contents, loader, relative(realPackageDir, real));
        // the contents checked are the contents bundled
        return refused.length > 0 ? { errors: refused } : { contents, loader };
      });
    },
  };
}

const OUTSIDE_BY_PATTERN =
  "this import matches files outside the package folder: a package may import only its own files (and @junction/sdk)";

/**
 * esbuild, when not bundling, reports every `import()`/`require()` whose argument is not a string
 * literal (a debug message); raised to errors, they are exactly the calls a bundle would expand
 * into a glob. In the sandbox such a call could not load anything anyway. (A format must be set:
 * without one esbuild does not look at require() calls at all.)
 */
async function importsBuiltAtRunTime(contents: string, loader: Loader, file: string): Promise<PartialMessage[]> {
  try {
    await transform(contents, {
      loader,
      sourcefile: file,
      format: "esm",
      target: "es2022",
      tsconfigRaw: {},
      logLevel: "silent",
      logOverride: { "unsupported-dynamic-import": "error", "unsupported-require-call": "error" },
    });
    return [];
  } catch (err) {
    const errors = ((err as { errors?: PartialMessage[] }).errors ?? []).filter(
      (m) => !/^Converting "require" to "esm"/.test(m.text ?? ""),
    );
    // anything else that stops the check (a syntax error) stops the file too: it is not bundled unchecked
    return errors.map((m) => {
      if (!/will not be bundled/.test(m.text ?? "")) return m;
      const call = m.location?.lineText
        ?.slice(m.location.column ?? 0)
        .match(/^(?:import|require)\s*\([^;\n]{0,60}/)?.[0]
        ?.trim();
      return {
        text: `${call ? `${call.length > 60 ? `${call.slice(0, 60)}…` : call}: ` : ""}an import path must be a string literal: esbuild would bundle every file a path built at run time could match, wherever it is`,
        location: m.location,
      };
    });
  }
}
