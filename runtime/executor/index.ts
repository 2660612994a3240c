/** The executor: runs one flow of a definition against an ActionRunner. */
export { executeFlow } from "./execute-flow";
export { ELSE_BRANCH } from "./handlers/branch";
export { REDACTED } from "./redact";
export { RETRY_DEFAULTS } from "./compile";
export * from "./types";
