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

/** a synchronous 3-step flow: HTTP GET to a local server (configVars.apiUrl), a code step, Persist Data */
export const syncFlow = `definitionVersion: 1
name: Bench sync
configPages:
  - name: Settings
    elements:
      - configVar: { key: apiUrl, label: API, type: string }
flows:
  - name: Lookup
    trigger: { type: webhook }
    execution: { synchronous: true }
    steps:
      - name: Fetch
        action: http.get
        inputs:
          url: { template: "{{configVars.apiUrl}}/item" }
      - name: Shape
        action: code.runCode
        inputs:
          code: { value: "module.exports = async (context, stepResults) => ({ data: { name: stepResults.fetch.results.name, n: 1 } });" }
      - name: Remember
        action: persistData.saveValue
        inputs:
          key: { value: last }
          value: { reference: shape.results }
`;
