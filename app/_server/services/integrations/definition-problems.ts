import { formatDefinitionError, type DefinitionError } from "@/runtime/definition";
import { ServiceError, type ProblemDetail } from "../errors";

/** Definition errors as one service error listing each problem with its path and line. */
export function definitionRejected(summary: string, errors: DefinitionError[]): ServiceError {
  const problems: ProblemDetail[] = errors.map((e) => ({ path: e.path, message: e.message, line: e.line }));
  return new ServiceError("BAD_REQUEST", `${summary}:\n${errors.map((e) => "  " + formatDefinitionError(e)).join("\n")}`, problems);
}
