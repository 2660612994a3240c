/** PostgreSQL NOTIFY channels, shared by every Junction process on one database. */
export const CHANNELS = {
  /** new jobs; payload: epoch ms the earliest may start, or empty for now */
  jobs: "junction_jobs",
  /** an execution finished; payload `<id>:<status>[:<instance id>:<integration id>]` */
  done: "junction_execution_done",
  /** step results or logs were written; payload: the execution id */
  events: "junction_execution_events",
  /** an instance was created, changed or deleted; payload: its id */
  instances: "junction_instances",
  /** alert monitors changed (a trigger on alert_monitors sends it) */
  monitors: "junction_monitors",
} as const;

export function jobsNotice(startAfter?: number): string {
  return startAfter && startAfter > Date.now() ? String(startAfter) : "";
}

/** when the earliest of the new jobs may start (0: now) */
export function parseJobsNotice(payload: string): number {
  return Number(payload) || 0;
}
