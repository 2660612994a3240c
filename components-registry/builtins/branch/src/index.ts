/** Branch: the executor runs these itself; the manifest serves the designer and validation. */
import { action, component, input } from "../../../sdk";

export default component({
  key: "branch",
  label: "Branch",
  description: "Run one of several branches of steps, chosen by a value or by conditions",
  category: "Logic",
  actions: {
    branchOnValue: action({
      label: "Branch on Value",
      description: "Runs the first branch whose `when` equals the value, else the else branch",
      structural: true,
      inputs: { value: input({ label: "Value", type: "data", required: true }) },
    }),
    branchOnExpression: action({
      label: "Branch on Expression",
      description: "Runs the first branch whose condition holds, else the else branch",
      structural: true,
      inputs: {},
    }),
  },
});
