/** Stop Execution: run by the executor itself, which ends the run with this response. */
import { action, component, input } from "../../../sdk";

export default component({
  key: "stopExecution",
  label: "Stop Execution",
  description: "End the run at once, optionally answering a synchronous webhook call",
  category: "Logic",
  actions: {
    stop: action({
      label: "Stop Execution",
      description: "Ends the run; its result is `body`",
      structural: true,
      inputs: {
        statusCode: input({ label: "Status Code", type: "number", description: "HTTP status of the synchronous response" }),
        headers: input({ label: "Headers", type: "data", description: "Response headers, as an object" }),
        body: input({ label: "Body", type: "data", description: "Response body" }),
      },
    }),
  },
});
