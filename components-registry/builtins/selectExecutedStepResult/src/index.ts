/** Select Executed Step Result: run by the executor itself (it knows which steps ran). */
import { action, component, input } from "../../../sdk";

export default component({
  key: "selectExecutedStepResult",
  label: "Select Executed Step Result",
  description: "Pick the result of whichever of several steps ran, e.g. after a branch",
  category: "Logic",
  actions: {
    select: action({
      label: "Select Executed Step Result",
      description: "The first of the given step results that is not null",
      structural: true,
      inputs: {
        stepResults: input({ label: "Step Results", type: "data", required: true, description: "A list of references to step results" }),
      },
    }),
  },
});
