/** A failure a service reports to its caller; routers turn `code` into the HTTP/tRPC status. */
export type ServiceErrorCode = "BAD_REQUEST" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "CONFLICT" | "PRECONDITION_FAILED";

export interface ProblemDetail {
  /** where: a definition path (`flows[0].steps[2].inputs.url`) or a config variable key */
  path: string;
  message: string;
  line?: number;
}

export class ServiceError extends Error {
  constructor(
    readonly code: ServiceErrorCode,
    message: string,
    /** every problem, when there are several (definition errors, config values) */
    readonly problems?: ProblemDetail[],
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new ServiceError("NOT_FOUND", `${what} not found`);
