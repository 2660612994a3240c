/**
 * Rewrites step keys in a code step's source, token by token:
 *   stepResults.oldKey / stepResults?.oldKey / stepResults["oldKey"]   (also under the name the
 *     exported function gives its second parameter)
 *   ({ ... }, { oldKey: pattern })  — the exported function's second parameter
 *   const { oldKey } = stepResults  — becomes { newKey: oldKey }, so local names stay valid
 * Strings, comments and other objects' properties are left alone. All keys of `renames` are
 * replaced at once, so a swap (a → b, b → a) works.
 */
import { tokenize, type Token } from "./js-tokens";

interface Edit {
  start: number;
  end: number;
  text: string;
}

/** The index of the bracket that closes the one at `open`. */
function matching(tokens: Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.type !== "punctuator") continue;
    if ("([{".includes(t.value)) depth++;
    else if (")]}".includes(t.value) && --depth === 0) return i;
  }
  return tokens.length - 1;
}

function isPunct(token: Token | undefined, value: string): boolean {
  return token !== undefined && token.type === "punctuator" && token.value === value;
}

/** The second parameter of `module.exports = [async] (a, b) =>` or `… = [async] function [name](a, b)`. */
function exportedSecondParameter(tokens: Token[]): { start: number; end: number } | undefined {
  for (let i = 0; i + 2 < tokens.length; i++) {
    const isModuleExports = tokens[i].value === "module" && isPunct(tokens[i + 1], ".") && tokens[i + 2]?.value === "exports";
    const isExportDefault = tokens[i].value === "export" && tokens[i + 1]?.value === "default";
    if (!isModuleExports && !isExportDefault) continue;
    let j = i + (isModuleExports ? 3 : 2);
    if (isModuleExports) {
      if (!isPunct(tokens[j], "=")) continue;
      j++;
    }
    if (tokens[j]?.value === "async") j++;
    if (tokens[j]?.value === "function") {
      j++;
      if (tokens[j]?.type === "identifier") j++;
    }
    if (!isPunct(tokens[j], "(")) return undefined;
    const close = matching(tokens, j);
    let depth = 0;
    let paramStart = j + 1;
    let index = 0;
    for (let k = j + 1; k < close; k++) {
      const t = tokens[k];
      if (t.type === "punctuator" && "([{".includes(t.value)) depth++;
      else if (t.type === "punctuator" && ")]}".includes(t.value)) depth--;
      else if (depth === 0 && isPunct(t, ",")) {
        if (index === 1) return { start: paramStart, end: k };
        index++;
        paramStart = k + 1;
      }
    }
    return index === 1 && paramStart < close ? { start: paramStart, end: close } : undefined;
  }
  return undefined;
}

/** Renames the keys directly inside the object pattern opened at `open`. */
function renamePatternKeys(tokens: Token[], open: number, renames: ReadonlyMap<string, string>, edits: Edit[]): void {
  const close = matching(tokens, open);
  let depth = 0;
  let atProperty = true;
  for (let k = open + 1; k < close; k++) {
    const t = tokens[k];
    if (depth === 0 && atProperty) {
      atProperty = false;
      const renamed = renames.get(t.value);
      if (renamed !== undefined && (t.type === "identifier" || t.type === "string")) {
        const after = tokens[k + 1];
        if (isPunct(after, ":")) {
          const quote = t.type === "string" ? 1 : 0;
          edits.push({ start: t.start + quote, end: t.end - quote, text: renamed });
        } else if (t.type === "identifier" && (isPunct(after, ",") || isPunct(after, "=") || k + 1 === close)) {
          edits.push({ start: t.start, end: t.end, text: `${renamed}: ${t.value}` });
        }
      }
    }
    if (t.type === "punctuator" && "([{".includes(t.value)) depth++;
    else if (t.type === "punctuator" && ")]}".includes(t.value)) depth--;
    else if (depth === 0 && isPunct(t, ",")) atProperty = true;
  }
}

export function renameStepKeysInCode(code: string, renames: ReadonlyMap<string, string>): string {
  const tokens = tokenize(code);
  const edits: Edit[] = [];
  const names = new Set(["stepResults"]);

  const parameter = exportedSecondParameter(tokens);
  if (parameter) {
    const first = tokens[parameter.start];
    if (isPunct(first, "{")) renamePatternKeys(tokens, parameter.start, renames, edits);
    else if (first.type === "identifier" && parameter.end === parameter.start + 1) names.add(first.value);
  }

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.type !== "identifier" || !names.has(t.value)) continue;
    const before = tokens[i - 1];
    if (isPunct(before, ".") || isPunct(before, "?.")) continue; // someone else's property
    const access = tokens[i + 1];
    const member = tokens[i + 2];
    if ((isPunct(access, ".") || isPunct(access, "?.")) && member?.type === "identifier") {
      const renamed = renames.get(member.value);
      if (renamed !== undefined) edits.push({ start: member.start, end: member.end, text: renamed });
      continue;
    }
    const bracket = isPunct(access, "[") ? i + 1 : isPunct(access, "?.") && isPunct(member, "[") ? i + 2 : -1;
    const key = tokens[bracket + 1];
    if (bracket > 0 && key?.type === "string" && isPunct(tokens[bracket + 2], "]")) {
      const renamed = renames.get(key.value);
      if (renamed !== undefined) edits.push({ start: key.start + 1, end: key.end - 1, text: renamed });
      continue;
    }
    // `{ … } = stepResults;` destructures the step results themselves.
    if (isPunct(before, "=") && isPunct(tokens[i - 2], "}")) {
      let open = i - 2;
      for (let depth = 0; open >= 0; open--) {
        const b = tokens[open];
        if (b.type === "punctuator" && ")]}".includes(b.value)) depth++;
        else if (b.type === "punctuator" && "([{".includes(b.value) && --depth === 0) break;
      }
      if (open >= 0) renamePatternKeys(tokens, open, renames, edits);
    }
  }

  // One edit per position, even if two rules matched the same token.
  const unique = [...new Map(edits.map((e) => [e.start, e])).values()];
  let out = code;
  for (const edit of unique.sort((a, b) => b.start - a.start)) {
    out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  }
  return out;
}
