/** PostgreSQL NOTIFY channels, shared by every Junction process on one database. */
export const CHANNELS = {
  /** new jobs; payload `<count>|<epoch ms the earliest may start, or empty for now>` */
  jobs: "junction_jobs",
  /** an execution finished; payload `<id>:<status>` */
  done: "junction_execution_done",
  /** step results or logs were written; payload: the execution id */
  events: "junction_execution_events",
  /** an instance was created, changed or deleted; payload: its id */
  instances: "junction_instances",
} as const;

export function jobsNotice(count: number, startAfter?: number): string {
  return `${count}|${startAfter && startAfter > Date.now() ? startAfter : ""}`;
}

export function parseJobsNotice(payload: string): { count: number; startAfter: number } {
  const [count, at] = payload.split("|");
  return { count: Number(count) || 1, startAfter: Number(at) || 0 };
}
