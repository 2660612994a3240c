import type pg from "pg";
import type { ActionRunner } from "../../../components-registry/contract";

/** The registry's sandboxed runner for this process (wired as the registry lands). */
export function createActionRunner(_pool: pg.Pool): ActionRunner {
  return {
    async run(invocation) {
      throw new Error(`no component runtime is installed to run ${invocation.component}.${invocation.action}`);
    },
  };
}
