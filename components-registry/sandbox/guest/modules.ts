/**
 * `context.loadModule(source, filename)`: the host compiles the source in this isolate under
 * `filename` (so syntax errors and stack frames name the user's line) and runs it in this
 * context, where it hands its function to `__junctionDefine`.
 */
import { callHost } from "./host-bridge";

type ModuleFactory = (module: { exports: unknown }, exports: unknown) => void;

const defined = new Map<number, ModuleFactory>();
let nextId = 1;

export function define(id: number, factory: ModuleFactory): void {
  defined.set(id, factory);
}

export async function loadModule(source: string, filename = "module.js"): Promise<unknown> {
  const id = nextId++;
  await callHost("compile", { id, source: String(source), filename });
  const factory = defined.get(id);
  defined.delete(id);
  if (!factory) throw new Error(`${filename} could not be loaded`);
  const module = { exports: {} as unknown };
  factory.call(module.exports, module, module.exports);
  return module.exports;
}
