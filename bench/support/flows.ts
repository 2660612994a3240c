/** Flows the runtime and worker benches share. */

/** an asynchronous 3-step flow: shape the body, remember it, answer it */
export const asyncFlow = `definitionVersion: 1
name: Bench async
flows:
  - name: Ingest
    trigger: { type: webhook }
    steps:
      - name: Shape
        action: code.runCode
        inputs:
          code: { value: "module.exports = async (context, stepResults) => ({ data: { id: stepResults.trigger.results.body.orderId } });" }
      - name: Remember
        action: persistData.saveValue
        inputs:
          key: { value: last }
          value: { reference: shape.results }
      - name: Done
        action: code.runCode
        inputs:
          code: { value: "module.exports = async (context, stepResults) => ({ data: stepResults.remember.results });" }
`;
