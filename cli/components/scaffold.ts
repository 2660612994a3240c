/**
 * `junction components:init NAME`: the files of a new component package — one action written
 * with the SDK (`@junction/sdk`), a test that runs it, and the config that lets the test find the
 * SDK. Pure: returns the files; the command writes them.
 */
import { isAbsolute, relative, sep } from "node:path";

export interface ScaffoldInput {
  /** the package name, e.g. "acme-crm" */
  name: string;
  /** the component key; lowerCamelCase of the name when omitted */
  key?: string;
  /** the label the designer shows; the name in title case when omitted */
  label?: string;
  /** the package folder: the files go straight into it */
  dir: string;
  /** the SDK's index.ts, and the Junction checkout it is in */
  sdkEntry: string;
  projectRoot: string;
}

const PACKAGE_NAME = /^(@[a-z0-9][a-z0-9._-]*\/)?[a-z0-9][a-z0-9._-]*$/;
const KEY = /^[a-z][a-zA-Z0-9]*$/;

/** `acme-crm` → `acmeCrm` (what `component({ key })` accepts: lowerCamelCase letters and digits). */
export function componentKey(name: string): string {
  const words = name
    .replace(/^@[^/]+\//, "")
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean);
  const key = words.map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1))).join("");
  return key.replace(/^[0-9]+/, "");
}

export const titleCase = (name: string) =>
  name
    .replace(/^@[^/]+\//, "")
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(" ");

/** Why the name or key cannot be used, or null. */
export function scaffoldProblem(input: Pick<ScaffoldInput, "name" | "key">): string | null {
  if (!PACKAGE_NAME.test(input.name)) return `"${input.name}" is not a package name: use lower-case letters, digits, - . _ (e.g. acme-crm)`;
  const key = input.key ?? componentKey(input.name);
  if (!KEY.test(key)) return `component key "${key}" must be lowerCamelCase letters and digits (give one with --key)`;
  return null;
}

/**
 * How the scaffold names the SDK: relative inside the Junction checkout (so the checkout can
 * move), absolute outside it (a path up to / and back down says nothing useful).
 */
function sdkPath(input: ScaffoldInput): string {
  const inside = !relative(input.projectRoot, input.dir).startsWith("..");
  if (!inside) return input.sdkEntry.split(sep).join("/");
  const rel = relative(input.dir, input.sdkEntry).split(sep).join("/");
  return rel.startsWith(".") ? rel : `./${rel}`;
}

/**
 * What to do after `components:init`, in order: the test runner is a devDependency, so
 * `npm install` comes before the tests; then the package goes into Junction.
 */
export function scaffoldNextSteps(dir: string, cwd: string = process.cwd()): string[] {
  const rel = relative(cwd, dir);
  const shown = rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : dir;
  const quoted = /^[\w./@-]+$/.test(shown) ? shown : `'${shown.replace(/'/g, "'\\''")}'`;
  return [
    `cd ${quoted}`,
    "npm install                       # the test runner (vitest)",
    "npm test                          # the package's tests",
    "junction components:install .     # into Junction (or: npm pack, then Components → Install a package)",
  ];
}

export function scaffoldFiles(input: ScaffoldInput): Record<string, string> {
  const key = input.key ?? componentKey(input.name);
  const label = input.label ?? titleCase(input.name);
  const sdk = sdkPath(input);
  const json = (value: unknown) => JSON.stringify(value, null, 2) + "\n";

  return {
    "package.json": json({
      name: input.name,
      version: "1.0.0",
      description: `${label}: a Junction component`,
      private: true,
      type: "module",
      main: "src/index.ts",
      files: ["src"],
      scripts: { test: "vitest run" },
      devDependencies: { vitest: "4.1.12" },
    }),

    "tsconfig.json": json({
      compilerOptions: {
        target: "ES2022",
        module: "esnext",
        moduleResolution: "bundler",
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        // the SDK is not an npm package: the registry's installer bundles it in, tests alias it
        paths: { "@junction/sdk": [sdk] },
      },
      include: ["src"],
    }),

    // a plain object, so the config loads without resolving "vitest/config" from this folder
    "vitest.config.mjs": `// "@junction/sdk" is provided by Junction: the installer bundles it, and tests point at its source.
import { fileURLToPath } from "node:url";

export default {
  resolve: { alias: { "@junction/sdk": fileURLToPath(new URL(${JSON.stringify(sdk)}, import.meta.url)) } },
  test: { include: ["src/**/*.test.ts"] },
};
`,

    ".gitignore": "node_modules/\ndist/\n*.tgz\n",

    "README.md": `# ${label}

A Junction component (key \`${key}\`). Its actions are in \`src/index.ts\`, written with the
component SDK (\`@junction/sdk\`): \`component({ key, label, actions })\`,
\`action({ label, inputs, perform })\` and \`input({ label, type, required })\`.

## Develop

\`\`\`sh
npm install   # the test runner (vitest); the SDK itself comes from your Junction checkout
npm test      # runs src/*.test.ts
\`\`\`

## Install it into Junction

With the CLI (once: \`junction login\`), from this folder:

\`\`\`sh
junction components:install .   # packs the folder (without node_modules) and uploads it; prints ${key}@1.0.0
\`\`\`

Or in the web app: \`npm pack\` makes \`${input.name.replace(/^@/, "").replace("/", "-")}-1.0.0.tgz\`; open **Components**, choose
that file under **Install a package**, check the name, version and actions it shows, and click **Install**.

A version installs once: raise \`version\` in \`package.json\` for the next one. Instances keep the
version their integration was published with until it is published again.

## Use it

In the designer, add a step and choose **${label}** → **Say hello**; in an integration's YAML the
action is \`${key}.sayHello\`.
`,

    "src/index.ts": `/**
 * ${label}: a Junction component. Each action declares its inputs (what the designer shows and
 * how raw values are cleaned) and a \`perform(context, inputs)\` that returns \`{ data }\`.
 */
import { action, component, input } from "@junction/sdk";

export const sayHello = action({
  label: "Say hello",
  description: "Greets someone by name.",
  inputs: {
    name: input({ label: "Name", type: "string", required: true }),
    greeting: input({ label: "Greeting", type: "string", default: "Hello" }),
  },
  perform: async (context, inputs) => {
    context.logger.info(\`greeting \${inputs.name}\`);
    return { data: { message: \`\${inputs.greeting}, \${inputs.name}!\` } };
  },
});

export default component({
  key: ${JSON.stringify(key)},
  label: ${JSON.stringify(label)},
  description: ${JSON.stringify(`${label} actions`)},
  actions: { sayHello },
});
`,

    "src/index.test.ts": `import { describe, expect, it } from "vitest";
import type { ActionContext } from "@junction/sdk";
import myComponent, { sayHello } from "./index";

/** Only what the action uses; the sandbox lends the real capabilities at run time. */
function testContext(logs: string[]): ActionContext {
  const log = (...args: unknown[]) => logs.push(args.join(" "));
  return { logger: { debug: log, info: log, warn: log, error: log } } as unknown as ActionContext;
}

describe(${JSON.stringify(`${key}.sayHello`)}, () => {
  it("greets with the given greeting", async () => {
    const logs: string[] = [];
    const result = await sayHello.perform!(testContext(logs), { name: "Ada", greeting: "Hi" });
    expect(result.data).toEqual({ message: "Hi, Ada!" });
    expect(logs).toEqual(["greeting Ada"]);
  });

  it("cleans raw inputs like the runtime does: defaults apply, required ones are required", async () => {
    const result = await myComponent.invoke("sayHello", testContext([]), { name: "Grace" });
    expect(result.data).toEqual({ message: "Hello, Grace!" });
    await expect(myComponent.invoke("sayHello", testContext([]), {})).rejects.toThrow(/Name/);
  });

  it("declares its manifest for the designer", () => {
    expect(myComponent.manifest.key).toBe(${JSON.stringify(key)});
    expect(myComponent.manifest.actions.sayHello.inputs.map((i) => i.key)).toEqual(["name", "greeting"]);
  });
});
`,
  };
}
