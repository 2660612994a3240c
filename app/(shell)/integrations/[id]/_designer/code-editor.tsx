"use client";
/**
 * CodeMirror for code inputs, with long lines wrapped. In a code step it completes
 * `stepResults.<key>` with the steps in scope, marks syntax errors while typing (from the editor's
 * own parse, `code-syntax.ts`; JSON by JSON.parse), and marks the line a test run's error names
 * ("… (line 3 of the code)"). "Full screen" opens the same code in a dialog over the page.
 */
import { autocompletion, type CompletionContext, type CompletionResult } from "@codemirror/autocomplete";
import { javascript, javascriptLanguage } from "@codemirror/lang-javascript";
import { json } from "@codemirror/lang-json";
import { EditorView } from "@codemirror/view";
import { useMemo } from "react";
import { stepKey } from "@/runtime/definition";
import { scopeOf } from "@/app/_ui/designer/step-tree";
import { CodeSurface, type RunError } from "./code-surface";
import { useDesigner } from "./designer-context";

export function CodeEditor({
  id,
  label,
  value,
  onChange,
  language,
  stepName,
}: {
  id: string;
  label: string;
  value: string;
  onChange(v: string): void;
  language?: string;
  stepName?: string;
}) {
  const d = useDesigner();
  const scope = useMemo(() => (stepName ? scopeOf(d.draft, stepName) : []), [d.draft, stepName]);
  const isJson = language === "json";

  const extensions = useMemo(() => {
    if (isJson) return [json(), EditorView.lineWrapping];
    const keys = [...new Map(scope.map((s) => [s.key, s])).values()];
    const complete = (ctx: CompletionContext): CompletionResult | null => {
      const member = ctx.matchBefore(/stepResults\??\.(\w+)\??\.\w*$/);
      if (member) {
        const key = /stepResults\??\.(\w+)/.exec(member.text)![1];
        const loop = scope.some((s) => s.key === key && s.kind === "currentItem");
        const props = loop ? ["currentItem", "index"] : ["results"];
        return { from: member.to - /\w*$/.exec(member.text)![0].length, options: props.map((p) => ({ label: p, type: "property" })) };
      }
      const word = ctx.matchBefore(/stepResults\??\.\w*$/);
      if (!word) return null;
      return {
        from: word.to - /\w*$/.exec(word.text)![0].length,
        options: keys.map((s) => ({ label: s.key, type: "variable", detail: s.label })),
      };
    };
    return [javascript(), javascriptLanguage.data.of({ autocomplete: complete }), autocompletion(), EditorView.lineWrapping];
  }, [isJson, scope]);

  // the error of the last test run at this step, at its line
  const run = d.lastRun?.steps.filter((s) => stepName && s.stepKey === stepKey(stepName) && s.error).at(-1);
  const message = run ? String((run.error as { message?: string } | null)?.message ?? run.error) : null;
  const line = message ? Number(/\(line (\d+) of the code\)/.exec(message)?.[1] ?? NaN) : NaN;
  // one object per message, so the editor is reconfigured only when the run's error changes
  const runError: RunError | null = useMemo(() => (message ? { message, line } : null), [message, line]);

  return (
    <div data-testid={`code-${id}`}>
      <CodeSurface id={id} label={label} value={value} onChange={onChange} extensions={extensions} json={isJson} runError={runError} />
    </div>
  );
}
