import type { ConfigVar, Definition } from "@/runtime/definition";

/** Every config variable of a definition, page by page. */
export function configVarKeys(def: Definition): ConfigVar[] {
  return (def.configPages ?? []).flatMap((p) => p.elements.flatMap((e) => ("configVar" in e ? [e.configVar] : [])));
}
