/**
 * A flow's `execution.rateLimit` against the rest of the document: a `per: connection` budget is
 * a credential config variable's value, named by `configVar` unless the integration has just one.
 */
import type { Report } from "./errors";
import type { Definition } from "./schema";
import type { ConfigVarEntry } from "./validate-keys";

/** the credential config variable whose value keys a connection budget; undefined when none or several could be meant */
export function rateLimitConnectionVar(definition: Definition, named: string | undefined): string | undefined {
  if (named !== undefined) return named;
  const credentials = (definition.configPages ?? []).flatMap((page) =>
    page.elements.flatMap((e) => ("configVar" in e && e.configVar.type === "credential" ? [e.configVar.key] : [])),
  );
  return credentials.length === 1 ? credentials[0] : undefined;
}

export function checkRateLimits(definition: Definition, vars: Map<string, ConfigVarEntry>, report: Report): void {
  definition.flows.forEach((flow, f) => {
    const rate = flow.execution?.rateLimit;
    if (rate?.per !== "connection") return;
    const path = ["flows", f, "execution", "rateLimit", "configVar"];
    if (rate.configVar === undefined) {
      if (rateLimitConnectionVar(definition, undefined) === undefined)
        report(path, "name the credential config variable whose connection the limit counts (the integration has none or several)");
      return;
    }
    const entry = vars.get(rate.configVar);
    if (!entry) report(path, `unknown config variable "${rate.configVar}"`);
    else if (entry.configVar.type !== "credential")
      report(path, `config variable "${rate.configVar}" is a ${entry.configVar.type}, not a credential`);
  });
}
