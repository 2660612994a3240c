"use client";
/**
 * CodeMirror for code inputs. In a code step it completes `stepResults.<key>` with the steps in
 * scope, and marks the line a test run's error names ("… (line 3 of the code)").
 */
import { autocompletion, type CompletionContext, type CompletionResult } from "@codemirror/autocomplete";
import { javascript, javascriptLanguage } from "@codemirror/lang-javascript";
import { json } from "@codemirror/lang-json";
import { setDiagnostics } from "@codemirror/lint";
import type { EditorView } from "@codemirror/view";
import CodeMirror from "@uiw/react-codemirror";
import { useEffect, useMemo, useState } from "react";
import { stepKey } from "@/runtime/definition";
import { scopeOf } from "@/app/_ui/designer/step-tree";
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
  const [view, setView] = useState<EditorView | null>(null);
  const scope = useMemo(() => (stepName ? scopeOf(d.draft, stepName) : []), [d.draft, stepName]);

  const extensions = useMemo(() => {
    if (language === "json") return [json()];
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
    return [javascript(), javascriptLanguage.data.of({ autocomplete: complete }), autocompletion()];
  }, [language, scope]);

  // the error of the last test run at this step, at its line
  const run = d.lastRun?.steps.filter((s) => stepName && s.stepKey === stepKey(stepName) && s.error).at(-1);
  const message = run ? String((run.error as { message?: string } | null)?.message ?? run.error) : null;
  const line = message ? Number(/\(line (\d+) of the code\)/.exec(message)?.[1] ?? NaN) : NaN;
  useEffect(() => {
    if (!view) return;
    const diagnostics =
      message && Number.isInteger(line) && line >= 1 && line <= view.state.doc.lines
        ? [{ from: view.state.doc.line(line).from, to: view.state.doc.line(line).to, severity: "error" as const, message }]
        : [];
    view.dispatch(setDiagnostics(view.state, diagnostics));
  }, [view, message, line, value]);

  return (
    <div data-testid={`code-${id}`}>
      <div className="overflow-hidden rounded-md ring-1 ring-slate-300">
        <CodeMirror
          id={id}
          aria-label={label}
          value={value}
          height="240px"
          extensions={extensions}
          onChange={onChange}
          onCreateEditor={(v) => setView(v)}
          basicSetup={{ foldGutter: false, highlightActiveLine: false }}
        />
      </div>
      {message && (
        <p role="alert" className="mt-1 text-xs text-red-700">
          Last test run: {message}
        </p>
      )}
    </div>
  );
}
