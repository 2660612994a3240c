import { resolve } from "node:path";

/** Where Junction keeps local state (embedded database, secret key): JUNCTION_HOME or ./.junction */
export function junctionHome(): string {
  return resolve(process.env.JUNCTION_HOME ?? ".junction");
}
