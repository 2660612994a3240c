/** The integration the wizard test deploys: one config variable of every type; its webhook flow echoes them. */
export const wizardEchoYaml = (name: string) => `definitionVersion: 1
name: ${name}
description: Echoes the configuration it runs with.
configPages:
  - name: Connection
    tagline: Where the shop lives
    elements:
      - header: Shop
      - configVar: { key: shopUrl, label: Shop URL, type: string, required: true, default: "https://shop.example.com/api" }
      - configVar: { key: apiKey, label: Shop API key, type: credential, credentialType: apiKey, required: true }
  - name: Options
    elements:
      - header: Dates
      - configVar: { key: startDate, label: Start date, type: date, required: true }
      - configVar: { key: cutoff, label: Cutoff, type: timestamp }
      - header: Behaviour
      - configVar: { key: store, label: File store, type: picklist, options: [aws, azure, dropbox], default: aws }
      - configVar: { key: dryRun, label: Dry run, type: boolean }
      - configVar: { key: template, label: Report template, type: code, language: json, required: true }
      - configVar: { key: sync, label: Sync schedule, type: schedule, default: { every: 1, unit: hours } }
flows:
  - name: Echo
    trigger: { type: webhook }
    execution: { synchronous: true }
    steps:
      - name: Echo config
        action: code.runCode
        inputs:
          code:
            value: |
              module.exports = async ({ configVars }) => {
                const { apiKey, ...rest } = configVars;
                return { data: { ...rest, apiKeySet: !!(apiKey && apiKey.key) } };
              };`;

/** Version 2 adds a required variable, so updating asks for it. */
export const wizardEchoV2Yaml = (name: string) =>
  wizardEchoYaml(name).replace(
    "      - configVar: { key: sync,",
    "      - configVar: { key: region, label: Region, type: string, required: true }\n      - configVar: { key: sync,",
  );
