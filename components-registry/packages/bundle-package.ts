/**
 * Bundles a package into ONE script for the sandbox: esbuild, platform neutral, an IIFE that
 * assigns the entry's exports to `__junctionComponent`. "@junction/sdk" resolves to this repo's
 * SDK, which is bundled in (so each installed version keeps the SDK it was built with). Node
 * built-ins are refused: nothing in the sandbox could provide them. Imports are confined to the
 * package's own files (confine-imports.ts); the package's tsconfig and the environment play no part.
 */
import { build, type Message, type Plugin } from "esbuild";
import { realpathSync } from "node:fs";
import { builtinModules } from "node:module";
import { join, relative, resolve, sep } from "node:path";
import { registryPath } from "../paths";
import { confineImports, PACKAGE_LOADERS } from "./confine-imports";
import { RegistryError } from "./registry-error";

export const COMPONENT_GLOBAL = "__junctionComponent";
export const SDK_IMPORT = "@junction/sdk";
const SDK_ENTRY = registryPath("sdk/index.ts");
const SDK_DIR = registryPath("sdk");
const BUILTINS_DIR = registryPath("builtins");

/** where a package's imports may lead: its folder and the SDK; the built-ins (our own code) also use the project's dependencies */
function importRoots(dir: string): string[] {
  const roots = [dir, SDK_DIR];
  const builtins = realpathSync(BUILTINS_DIR);
  if (realpathSync(dir).startsWith(builtins + sep)) roots.push(join(builtins, "..", "..", "node_modules"));
  return roots;
}

const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** Node built-ins fail with a clear error; an npm polyfill of the same name ("events") is fine */
const refuseNodeBuiltins: Plugin = {
  name: "junction-refuse-node-builtins",
  setup(b) {
    b.onResolve({ filter: /^[a-z_:/]+$/ }, async (args) => {
      if (args.pluginData === "probe" || !builtins.has(args.path)) return undefined;
      if (!args.path.startsWith("node:")) {
        const probe = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: "probe" });
        if (probe.errors.length === 0 && probe.path) return undefined;
      }
      return {
        errors: [
          {
            text: `"${args.path}" is a Node.js built-in module: components run in a sandbox without Node APIs (use context.fetch, context.sftp, context.state)`,
          },
        ],
      };
    });
  },
};

export async function bundlePackage(dir: string, entry: string, maxBytes: number): Promise<string> {
  let text: string;
  try {
    const out = await build({
      entryPoints: [entry],
      absWorkingDir: dir,
      bundle: true,
      write: false,
      platform: "neutral",
      format: "iife",
      globalName: COMPONENT_GLOBAL,
      target: "es2022",
      mainFields: ["module", "main"],
      conditions: ["import", "default"],
      alias: { [SDK_IMPORT]: SDK_ENTRY },
      define: { "process.env.NODE_ENV": '"production"' },
      loader: PACKAGE_LOADERS,
      // a package's tsconfig could point its paths anywhere
      tsconfigRaw: {},
      plugins: [refuseNodeBuiltins, confineImports(importRoots(dir), dir)],
      legalComments: "none",
      charset: "utf8",
      logLevel: "silent",
    });
    text = out.outputFiles[0].text;
  } catch (err) {
    const errors = (err as { errors?: Message[] }).errors;
    const detail = errors?.length ? errors.map((m) => formatMessage(m, dir)).join("\n") : (err as Error).message;
    throw new RegistryError("bundle-failed", `The package could not be bundled:\n${detail}`);
  }
  const size = Buffer.byteLength(text);
  if (size > maxBytes) {
    throw new RegistryError(
      "too-large",
      `The bundle is ${(size / 1024 / 1024).toFixed(1)} MB, over the ${maxBytes / 1024 / 1024} MB limit (JUNCTION_MAX_BUNDLE_MB)`,
    );
  }
  return text;
}

function formatMessage(m: Message, dir: string): string {
  // (esbuild gives locations relative to absWorkingDir, the package folder)
  const where = m.location
    ? `${relative(dir, resolve(dir, m.location.file)) || m.location.file}:${m.location.line}:${m.location.column}: `
    : "";
  return `${where}${m.text}`;
}
