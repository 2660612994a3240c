/** A refusal, with the server's code (`token_expired`, `unknown_kid`, …) and its message. */
export class JunctionError extends Error {
  readonly code: string;
  readonly status?: number;

  constructor(code: string, message: string, status?: number) {
    super(message);
    this.name = "JunctionError";
    this.code = code;
    this.status = status;
  }
}
