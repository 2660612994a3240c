/**
 * Code: runs the user's `module.exports = async (context, stepResults) => ({ data })` in the
 * sandbox the step already runs in. Errors name the line of the user's code.
 */
import { action, component, input } from "../../../sdk";

const FILE = "code.js";

/** "… (line 3 of the code)" from the first frame or location in the user's file */
function withLine(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  const location = new RegExp(`${FILE.replace(".", "\\.")}:(\\d+):(\\d+)`).exec(`${err.message}\n${err.stack ?? ""}`);
  if (!location) return err;
  const message = `${err.message.replace(/\s*\[code\.js:\d+:\d+\]$/, "")} (line ${location[1]} of the code)`;
  const stackTail = (err.stack ?? "").split("\n").filter((l) => /^\s+at /.test(l));
  err.message = message;
  err.stack = [`${err.name}: ${message}`, ...stackTail].join("\n");
  return err;
}

export default component({
  key: "code",
  label: "Code",
  description: "Run your own JavaScript",
  category: "Logic",
  actions: {
    runCode: action({
      label: "Run Code",
      description: "module.exports = async (context, stepResults) => ({ data })",
      readsStepResults: true,
      inputs: {
        code: input({
          label: "Code",
          type: "code",
          language: "javascript",
          required: true,
          default: "module.exports = async (context, stepResults) => {\n  return { data: null };\n};\n",
        }),
      },
      perform: async (context, { code }) => {
        let exported: unknown;
        try {
          exported = await context.loadModule(code, FILE);
        } catch (err) {
          throw withLine(err);
        }
        if (typeof exported !== "function")
          throw new Error("The code must set module.exports to a function: module.exports = async (context, stepResults) => ({ data })");
        let result: unknown;
        try {
          result = await exported(context, context.stepResults);
        } catch (err) {
          throw withLine(err);
        }
        if (result === null || typeof result !== "object" || !("data" in result)) {
          throw new Error("The code's function must return { data }");
        }
        return result as { data: unknown };
      },
    }),
  },
});
