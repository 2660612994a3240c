/**
 * The execution store: the only place with SQL on executions, their attempts, step results, logs
 * and persisted data. Reports (the dashboard, rollups, retention, alert checks) read named
 * columns of their own and are untouched by a new column.
 */
export { acceptRequests } from "./accept";
export { claim, cancelIfDisabled, type ClaimedRow, type Fence } from "./claim";
export { appendRows, type EndColumns, type OpeningRow, type PendingRows, type StateWrite, type StepRow } from "./append";
export { finishRun, heartbeat, scheduleRetry } from "./finish";
export { olderWaiting, oldestWaiting, runningCount, unclaim } from "./admission";
export { grantStart, type Grant } from "./rate-buckets";
export { longWaiting, moveLostRuns, staleRuns, type LostNext, type StaleRun, type WaitingRun } from "./reap";
export { endedAmong, readOutcome, readState, replaySource, versionDefinition, type StoredOutcome } from "./read";
export { cancelWaitingRunsSql } from "./cancel";
export { pruneBatch, type PruneTarget } from "./prune";
export { readBacklog, recordRefusals, type BacklogFigures } from "./backlog";
