/** Each kind of step and the one handler that runs it. */
import type { StepKind } from "../compile";
import type { Handler } from "../run";
import { runAction } from "./action";
import { runBranch } from "./branch";
import { runLoop } from "./loop";
import { runSelectExecutedStepResult } from "./select-executed-step-result";
import { runStopExecution } from "./stop-execution";

export const HANDLERS: Readonly<Record<StepKind, Handler>> = {
  action: runAction,
  loop: runLoop,
  branchOnValue: runBranch,
  branchOnExpression: runBranch,
  selectExecutedStepResult: runSelectExecutedStepResult,
  stopExecution: runStopExecution,
};
