import { resolve } from "node:path";

/** Where Junction keeps local state (embedded database, secret key): JUNCTION_HOME or ./.junction */
export function junctionHome(): string {
  // the turbopack comment stops Next from tracing the whole project because of this path
  return resolve(/*turbopackIgnore: true*/ process.env.JUNCTION_HOME ?? ".junction");
}
