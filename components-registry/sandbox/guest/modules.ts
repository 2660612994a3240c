/**
 * `context.loadModule(source, filename)`: evaluates CommonJS-style source in this context. The
 * fast path is an in-sandbox eval named by `//# sourceURL` (stack frames show `filename:line`);
 * V8 does not say where an eval's syntax error is, so on one the host compiles the source in this
 * isolate under `filename` to get the line, and hands the function back via `__junctionDefine`.
 */
import { callHost } from "./host-bridge";

type ModuleFactory = (module: { exports: unknown }, exports: unknown) => void;

const defined = new Map<number, ModuleFactory>();
let nextId = 1;

export function define(id: number, factory: ModuleFactory): void {
  defined.set(id, factory);
}

const indirectEval = eval;

async function compile(source: string, filename: string): Promise<ModuleFactory> {
  try {
    // the wrapper shares the first line, so line numbers are the user's own
    return indirectEval(`(function (module, exports) {${source}\n})\n//# sourceURL=${filename}`) as ModuleFactory;
  } catch (err) {
    if (!(err instanceof SyntaxError)) throw err;
  }
  const id = nextId++;
  await callHost("compile", { id, source, filename });
  const factory = defined.get(id);
  defined.delete(id);
  if (!factory) throw new Error(`${filename} could not be loaded`);
  return factory;
}

export async function loadModule(source: string, filename = "module.js"): Promise<unknown> {
  const safeName = /^[\w.-]{1,100}$/.test(filename) ? filename : "module.js";
  const factory = await compile(String(source), safeName);
  const module = { exports: {} as unknown };
  factory.call(module.exports, module, module.exports);
  return module.exports;
}
