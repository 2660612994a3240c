/**
 * References (`<key>.results.<path>`, `<loopKey>.currentItem.<path>`, `<loopKey>.index`) and
 * templates (`text {{ <reference> }} {{ configVars.<key> }}`), parsed once so validation, renames
 * and the executor agree on one grammar.
 */

export type PathSegment = string | number;

export type ReferenceKind = "results" | "currentItem" | "index";

export interface Reference {
  key: string;
  kind: ReferenceKind;
  /** what follows `results` / `currentItem`: property names and list indexes */
  path: PathSegment[];
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

const KEY = /^[A-Za-z_][A-Za-z0-9_]*/;
const SHAPE = "a reference is <key>.results.<path>, <loopKey>.currentItem.<path> or <loopKey>.index";

/** Parses `a.b[0]["c d"].e` after the leading key; `at` points at the first `.` or `[`. */
function parsePath(text: string, at: number): ParseResult<PathSegment[]> {
  const path: PathSegment[] = [];
  let i = at;
  while (i < text.length) {
    const c = text[i];
    if (c === ".") {
      let j = i + 1;
      while (j < text.length && text[j] !== "." && text[j] !== "[" && text[j] !== "]") j++;
      if (j === i + 1) return { ok: false, error: `empty property name at "${text.slice(i)}"` };
      path.push(text.slice(i + 1, j));
      i = j;
    } else if (c === "[") {
      const close = text.indexOf("]", i);
      if (close < 0) return { ok: false, error: `unclosed "[" in "${text}"` };
      const inner = text.slice(i + 1, close).trim();
      if (/^\d+$/.test(inner)) path.push(Number(inner));
      else if (/^"[^"]*"$|^'[^']*'$/.test(inner)) path.push(inner.slice(1, -1));
      else return { ok: false, error: `"[${inner}]" is neither a list index nor a quoted name` };
      i = close + 1;
    } else {
      return { ok: false, error: `unexpected "${c}" in "${text}"` };
    }
  }
  return { ok: true, value: path };
}

export function parseReference(source: string): ParseResult<Reference> {
  const text = source.trim();
  const key = KEY.exec(text)?.[0];
  if (key === undefined) return { ok: false, error: `"${text}" does not start with a step key; ${SHAPE}` };
  const parsed = parsePath(text, key.length);
  if (!parsed.ok) return { ok: false, error: `${parsed.error}; ${SHAPE}` };
  const [kind, ...path] = parsed.value;
  if (kind !== "results" && kind !== "currentItem" && kind !== "index") {
    return { ok: false, error: `"${text}": ${SHAPE}` };
  }
  if (kind === "index" && path.length > 0) return { ok: false, error: `"${text}": index is a number, it has no properties` };
  return { ok: true, value: { key, kind, path } };
}

/** The key a reference names, and where it ends, without checking the rest (for renames). */
export function referenceKeySpan(source: string): { start: number; end: number; key: string } | undefined {
  const start = source.length - source.trimStart().length;
  const key = KEY.exec(source.slice(start))?.[0];
  return key === undefined ? undefined : { start, end: start + key.length, key };
}

export type TemplateExpression = { kind: "configVar"; key: string; path: PathSegment[] } | { kind: "reference"; reference: Reference };

/** Literal text, or an expression with its source between the braces and that source's offset. */
export type TemplatePart =
  { kind: "literal"; text: string } | { kind: "expression"; expression: TemplateExpression; source: string; offset: number };

function parseTemplateExpression(source: string): ParseResult<TemplateExpression> {
  const text = source.trim();
  if (text === "") return { ok: false, error: "empty {{ }} in template" };
  if (text === "configVars" || text.startsWith("configVars.") || text.startsWith("configVars[")) {
    const parsed = parsePath(text, "configVars".length);
    if (!parsed.ok) return parsed;
    const [key, ...path] = parsed.value;
    if (typeof key !== "string") return { ok: false, error: `"${text}": expected configVars.<key>` };
    return { ok: true, value: { kind: "configVar", key, path } };
  }
  const reference = parseReference(text);
  return reference.ok ? { ok: true, value: { kind: "reference", reference: reference.value } } : reference;
}

/** Splits a template into literal text and expressions; `{{` always opens an expression. */
export function parseTemplate(template: string): ParseResult<TemplatePart[]> {
  const parts: TemplatePart[] = [];
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf("{{", i);
    if (open < 0) {
      parts.push({ kind: "literal", text: template.slice(i) });
      break;
    }
    if (open > i) parts.push({ kind: "literal", text: template.slice(i, open) });
    const close = template.indexOf("}}", open + 2);
    if (close < 0) return { ok: false, error: `unclosed "{{" at character ${open + 1} of the template` };
    const source = template.slice(open + 2, close);
    const expression = parseTemplateExpression(source);
    if (!expression.ok) return expression;
    parts.push({ kind: "expression", expression: expression.value, source, offset: open + 2 });
    i = close + 2;
  }
  return { ok: true, value: parts };
}

/** `["flows", 0, "steps", 3, "inputs", "url"]` → `flows[0].steps[3].inputs.url` */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else out += out === "" ? String(segment) : `.${String(segment)}`;
  }
  return out;
}
