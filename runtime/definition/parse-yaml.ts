/**
 * YAML → definition. The document keeps its source ranges, so every error — from the YAML parser,
 * the schema or the document-wide rules — carries the line it is about.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from "yaml";
import type { PathSegment } from "./reference";
import { checkDefinition, type CheckedDefinition, type ValidateOptions } from "./validate";

export interface ParseOptions extends ValidateOptions {
  /** check the shape only (the schema), not references and keys: for drafts saved half-done */
  shapeOnly?: boolean;
}

/** The line of the deepest node on `path` that exists: a pair's key line, or a list item's start. */
function lineOf(doc: Document, path: readonly PathSegment[], lines: LineCounter): number | undefined {
  const lineAt = (offset: number) => lines.linePos(offset).line;
  let node: unknown = doc.contents;
  let line = isMap(node) || isSeq(node) || isScalar(node) ? lineAt(node.range?.[0] ?? 0) : undefined;
  for (const segment of path) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = node.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === String(segment));
      if (!pair) break;
      if (isScalar(pair.key) && pair.key.range) line = lineAt(pair.key.range[0]);
      node = pair.value;
    } else if (isSeq(node) && typeof segment === "number" && segment < node.items.length) {
      node = node.items[segment];
      const range = (node as { range?: [number, number, number] } | null)?.range;
      if (range) line = lineAt(range[0]);
    } else {
      break;
    }
  }
  return line;
}

export function parseDefinitionYaml(text: string, options: ParseOptions = {}): CheckedDefinition {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map((error) => ({
        path: "",
        pathSegments: [],
        message: error.message,
        line: lines.linePos(error.pos[0]).line,
      })),
    };
  }
  const checked = checkDefinition(doc.toJS({ maxAliasCount: 1000 }), options);
  if (checked.ok) return checked;
  return { ok: false, errors: checked.errors.map((e) => ({ ...e, line: lineOf(doc, e.pathSegments, lines) })) };
}
