/**
 * Syntax errors of JavaScript in a CodeMirror state, from the editor's own parse (the Lezer
 * JavaScript grammar that highlights it): nothing is run, and no parser beyond the editor's is
 * loaded. Lezer recovers from an error and goes on, so one slip can leave several error nodes;
 * the first on each line is reported.
 */
import { ensureSyntaxTree, syntaxTree } from "@codemirror/language";
import type { Diagnostic } from "@codemirror/lint";
import type { EditorState } from "@codemirror/state";

const MAX = 5;

export function javascriptSyntaxErrors(state: EditorState): Diagnostic[] {
  const tree = ensureSyntaxTree(state, state.doc.length, 1000) ?? syntaxTree(state);
  const found: Diagnostic[] = [];
  const lines = new Set<number>();
  tree.iterate({
    enter: (node) => {
      if (found.length >= MAX) return false;
      if (!node.type.isError) return;
      const line = state.doc.lineAt(node.from);
      if (lines.has(line.number)) return false;
      lines.add(line.number);
      found.push(diagnostic(state, node.from, node.to, line.number));
      return false;
    },
  });
  return found;
}

function diagnostic(state: EditorState, from: number, to: number, line: number): Diagnostic {
  const text = state.sliceDoc(from, to).trim();
  const atEnd = state.sliceDoc(from).trim() === "";
  const message = atEnd
    ? `Syntax error on line ${line}: the code ends too early (is a closing bracket, brace or quote missing?)`
    : text
      ? `Syntax error on line ${line}: unexpected ${JSON.stringify(text.length > 30 ? `${text.slice(0, 30)}…` : text)}`
      : `Syntax error on line ${line}: unexpected ${JSON.stringify(/^\s*(\w+|\S)/.exec(state.sliceDoc(from, from + 40))?.[1] ?? "")} (is something missing before it?)`;
  // an error node can be empty (a token the parser expected): mark the character beside it so it shows
  if (to > from) return { from, to, severity: "error", message };
  const end = state.doc.length;
  return end === 0
    ? { from: 0, to: 0, severity: "error", message }
    : from < end
      ? { from, to: from + 1, severity: "error", message }
      : { from: end - 1, to: end, severity: "error", message };
}
