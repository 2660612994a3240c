/**
 * A small JavaScript tokenizer, enough to rename `stepResults.<key>` in code steps without
 * touching strings, comments, regular expressions or look-alike identifiers. It tracks template
 * literals (`${ … }` is code again) and tells a regex from a division by the token before it.
 */

export type TokenType = "identifier" | "string" | "template" | "number" | "regex" | "punctuator";

export interface Token {
  type: TokenType;
  start: number;
  end: number;
  /** the source text, or for a string its contents without quotes (escapes left as written) */
  value: string;
}

const IDENTIFIER_START = /[A-Za-z_$\u0080-\uffff]/;
const IDENTIFIER_PART = /[\w$\u0080-\uffff]/;
/** After these keywords a `/` starts a regular expression. */
const REGEX_AFTER_KEYWORD = new Set([
  "return",
  "typeof",
  "instanceof",
  "in",
  "of",
  "new",
  "delete",
  "void",
  "throw",
  "case",
  "do",
  "else",
  "yield",
  "await",
]);

function regexAllowed(previous: Token | undefined): boolean {
  if (!previous) return true;
  if (previous.type === "identifier") return REGEX_AFTER_KEYWORD.has(previous.value);
  if (previous.type === "punctuator") return ![")", "]", "}"].includes(previous.value);
  return false;
}

export function tokenize(code: string): Token[] {
  const tokens: Token[] = [];
  /** for each open `{` or `${`: whether closing it resumes a template literal */
  const braces: boolean[] = [];
  let i = 0;

  const push = (type: TokenType, start: number, end: number, value = code.slice(start, end)) => {
    tokens.push({ type, start, end, value });
    i = end;
  };

  /** Scans template text from `from` to the closing backtick or the next `${`. */
  const templateChunk = (start: number, from: number) => {
    let j = from;
    while (j < code.length) {
      if (code[j] === "\\") j += 2;
      else if (code[j] === "`") return push("template", start, j + 1);
      else if (code[j] === "$" && code[j + 1] === "{") {
        braces.push(true);
        return push("template", start, j + 2);
      } else j++;
    }
    push("template", start, code.length);
  };

  while (i < code.length) {
    const c = code[i];
    const next = code[i + 1];
    if (/\s/.test(c)) {
      i++;
    } else if (c === "/" && next === "/") {
      const end = code.indexOf("\n", i);
      i = end < 0 ? code.length : end;
    } else if (c === "/" && next === "*") {
      const end = code.indexOf("*/", i + 2);
      i = end < 0 ? code.length : end + 2;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < code.length && code[j] !== c && code[j] !== "\n") j += code[j] === "\\" ? 2 : 1;
      push("string", i, Math.min(j + 1, code.length), code.slice(i + 1, j));
    } else if (c === "`") {
      templateChunk(i, i + 1);
    } else if (c === "/" && regexAllowed(tokens.at(-1))) {
      let j = i + 1;
      let inClass = false;
      while (j < code.length && code[j] !== "\n" && (inClass || code[j] !== "/")) {
        if (code[j] === "\\") j++;
        else if (code[j] === "[") inClass = true;
        else if (code[j] === "]") inClass = false;
        j++;
      }
      j++;
      while (j < code.length && /[a-z]/i.test(code[j])) j++;
      push("regex", i, Math.min(j, code.length));
    } else if (IDENTIFIER_START.test(c)) {
      let j = i + 1;
      while (j < code.length && IDENTIFIER_PART.test(code[j])) j++;
      push("identifier", i, j);
    } else if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(next ?? ""))) {
      let j = i + 1;
      while (j < code.length && /[\w.]/.test(code[j])) j++;
      push("number", i, j);
    } else if (c === "}" && braces.length > 0 && braces[braces.length - 1]) {
      braces.pop();
      templateChunk(i, i + 1);
    } else {
      if (c === "{") braces.push(false);
      if (c === "}") braces.pop();
      const operator = /^(?:\.\.\.|\?\.(?![0-9])|=>|[=!]==?|.)/s.exec(code.slice(i, i + 3))![0];
      push("punctuator", i, i + operator.length);
    }
  }
  return tokens;
}
