/** Loop: run by the executor itself; the manifest serves the designer and validation. */
import { action, component, input } from "../../../sdk";

export default component({
  key: "loop",
  label: "Loop",
  description: "Run the steps inside once per item of a list",
  category: "Logic",
  actions: {
    loopOverItems: action({
      label: "Loop Over Items",
      description: "Its result is the list of the last inner step's results, one per item",
      structural: true,
      inputs: { items: input({ label: "Items", type: "data", required: true, description: "The list to loop over" }) },
    }),
  },
});
