/** The executor: runs one flow of a definition against an ActionRunner. */
export { executeFlow } from "./execute-flow.js";
export { ELSE_BRANCH } from "./handlers/branch.js";
export { REDACTED } from "./redact.js";
export { RETRY_DEFAULTS } from "./compile.js";
export * from "./types.js";
