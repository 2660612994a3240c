/** Each kind of step and the one handler that runs it. */
import type { StepKind } from "../compile.js";
import type { Handler } from "../run.js";
import { runAction } from "./action.js";
import { runBranch } from "./branch.js";
import { runLoop } from "./loop.js";
import { runSelectExecutedStepResult } from "./select-executed-step-result.js";
import { runStopExecution } from "./stop-execution.js";

export const HANDLERS: Readonly<Record<StepKind, Handler>> = {
  action: runAction,
  loop: runLoop,
  branchOnValue: runBranch,
  branchOnExpression: runBranch,
  selectExecutedStepResult: runSelectExecutedStepResult,
  stopExecution: runStopExecution,
};
