/** A request whose data PostgreSQL refuses to store (it fails only its own request, answered 400). */
export class UnstorablePayloadError extends Error {}

/** SQLSTATE classes of errors caused by a row's data (22: data exception, 54: program limit exceeded) */
export const isDataError = (err: unknown) => /^(22|54)/.test(String((err as { code?: unknown })?.code ?? ""));
