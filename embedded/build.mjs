// Builds dist/: an ES module, an IIFE defining `window.junction`, and the type declarations.
import { rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import ts from "typescript";

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "dist");
rmSync(dist, { recursive: true, force: true });

const common = { bundle: true, target: "es2020", platform: "browser", legalComments: "none", logLevel: "warning" };
await build({ ...common, entryPoints: [join(here, "src/index.ts")], format: "esm", outfile: join(dist, "junction-embedded.js") });
await build({
  ...common,
  entryPoints: [join(here, "src/global.ts")],
  format: "iife",
  globalName: "junction",
  minify: true,
  outfile: join(dist, "junction-embedded.iife.js"),
});

const config = ts.getParsedCommandLineOfConfigFile(
  join(here, "tsconfig.json"),
  {},
  { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
);
const program = ts.createProgram(config.fileNames, config.options);
const emitted = program.emit();
const problems = [...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics];
if (problems.length) {
  console.error(
    ts.formatDiagnosticsWithColorAndContext(problems, {
      getCanonicalFileName: (f) => f,
      getCurrentDirectory: () => here,
      getNewLine: () => "\n",
    }),
  );
  process.exit(1);
}
console.log(`built ${dist}`);
