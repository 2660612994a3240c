/**
 * A connector-like component package written to a temporary folder, ready for `npm publish`:
 * tests publish it to their own registry so they do not depend on the real connectors.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

export interface FixturePackageOptions {
  name: string;
  version: string;
  /** component key; default from the name */
  key?: string;
  label?: string;
  description?: string;
  /** extra fields for package.json (dependencies, …) */
  packageJson?: Record<string, unknown>;
  /** the result `echo` returns, so versions can be told apart */
  greeting?: string;
}

export function writeFixturePackage(options: FixturePackageOptions): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), "junction-fixture-pkg-"));
  const key = options.key ?? options.name.replace(/^@[^/]+\//, "").replace(/[^a-zA-Z0-9]+(.)?/g, (_, c: string) => (c ?? "").toUpperCase());
  const label = options.label ?? `Fixture ${key}`;
  const files: Record<string, string> = {
    "package.json": JSON.stringify(
      {
        name: options.name,
        version: options.version,
        description: options.description ?? `${label}: a fixture connector`,
        keywords: ["junction-component", "fixture"],
        license: "Apache-2.0",
        junction: { entry: "src/index.ts" },
        files: ["src", "README.md"],
        ...options.packageJson,
      },
      null,
      2,
    ),
    "README.md": `# ${label}\n\nEchoes what it is given.\n\n<script>alert("readme")</script>\n\n## Actions\n\n- **Echo**: returns its message\n`,
    "src/index.ts": `import { action, component, connection, input } from "@junction/sdk";
const account = connection({ key: "account", label: "Fixture account", fields: { apiKey: { label: "API key", type: "password", required: true } } });
export default component({
  key: ${JSON.stringify(key)},
  label: ${JSON.stringify(label)},
  description: ${JSON.stringify(options.description ?? "A fixture connector")},
  connections: [account],
  actions: {
    echo: action({
      label: "Echo",
      description: "Returns its message",
      inputs: { message: input({ label: "Message", type: "string", required: true }) },
      perform: async (_context, inputs) => ({ data: { greeting: ${JSON.stringify(options.greeting ?? `v${options.version}`)}, message: inputs.message } }),
    }),
  },
});
`,
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
