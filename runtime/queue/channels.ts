/** PostgreSQL NOTIFY channels, shared by every Junction process on one database. */
export const CHANNELS = {
  /** new jobs; payload: '' (start now) or the epoch ms when the earliest may start */
  jobs: "junction_jobs",
  /** an execution finished; payload `<id>:<status>` */
  done: "junction_execution_done",
  /** step results or logs were written; payload: the execution id */
  events: "junction_execution_events",
  /** an instance was created, changed or deleted; payload: its id */
  instances: "junction_instances",
} as const;
