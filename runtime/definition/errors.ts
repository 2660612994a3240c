import { formatPath, type PathSegment } from "./reference";

export interface DefinitionError {
  /** where in the document, e.g. `flows[0].steps[3].inputs.url` (empty for the whole document) */
  path: string;
  pathSegments: PathSegment[];
  /** what is wrong, without the path: `unknown reference "fetchUser"` */
  message: string;
  /** 1-based line in the YAML source, when the definition came from YAML */
  line?: number;
}

export type Report = (path: readonly PathSegment[], message: string) => void;

export function definitionError(path: readonly PathSegment[], message: string): DefinitionError {
  return { path: formatPath(path), pathSegments: [...path], message };
}

/** `flows[0].steps[3].inputs.url: unknown reference "fetchUser" (line 42)` */
export function formatDefinitionError(error: DefinitionError): string {
  const where = error.path === "" ? "" : `${error.path}: `;
  return `${where}${error.message}${error.line === undefined ? "" : ` (line ${error.line})`}`;
}
