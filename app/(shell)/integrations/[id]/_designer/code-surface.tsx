"use client";
/**
 * One code input on screen: the editor with its problems marked and listed below it, and a
 * full-screen dialog over the page with the same code (edits there are the input's edits;
 * Escape or Close returns to the pane).
 */
import { jsonParseLinter } from "@codemirror/lang-json";
import { forceLinting, lintGutter, linter, type Diagnostic } from "@codemirror/lint";
import { Facet, type Extension } from "@codemirror/state";
import type { EditorView } from "@codemirror/view";
import CodeMirror from "@uiw/react-codemirror";
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { Button } from "@/app/_ui/ui";
import { javascriptSyntaxErrors } from "./code-syntax";

export type RunError = { message: string; line: number };

/** The last test run's error at this step, for the linter to mark at its line. */
const runErrorFacet = Facet.define<RunError | null, RunError | null>({ combine: (values) => values[0] ?? null });

type Props = {
  id: string;
  label: string;
  value: string;
  onChange(v: string): void;
  extensions: Extension[];
  json: boolean;
  runError: RunError | null;
};

export function CodeSurface(props: Props) {
  const [full, setFull] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const close = () => {
    setFull(false);
    opener.current?.focus();
  };
  return (
    <>
      <Editor {...props} height="240px" />
      <div className="mt-1 flex justify-end">
        <button
          ref={opener}
          type="button"
          aria-haspopup="dialog"
          aria-label={`Open ${props.label} full screen`}
          className="text-xs font-medium text-brand-700 hover:underline"
          onClick={() => setFull(true)}
        >
          ⤢ Full screen
        </button>
      </div>
      {full && createPortal(<FullScreen {...props} onClose={close} />, document.body)}
    </>
  );
}

function FullScreen({ onClose, ...props }: Props & { onClose(): void }) {
  const close = useRef(onClose);
  useLayoutEffect(() => {
    close.current = onClose;
  });
  useEffect(() => {
    // the editor handles Escape itself while its completion list is open (and marks the event so)
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && !e.defaultPrevented && close.current();
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  return (
    <div className="fixed inset-0 z-50 bg-slate-900/40 p-6">
      <div
        role="dialog"
        aria-modal="true"
        aria-label={`${props.label} (full screen)`}
        className="flex h-full flex-col rounded-lg bg-white p-4 shadow-xl"
      >
        <div className="mb-2 flex items-center gap-3">
          <h2 className="text-sm font-semibold text-slate-900">{props.label}</h2>
          <span className="text-xs text-slate-500">Changes are kept as you type. Escape closes.</span>
          <Button variant="secondary" className="ml-auto" onClick={onClose}>
            Close
          </Button>
        </div>
        <div className="min-h-0 flex-1">
          <Editor {...props} id={`${props.id}-full`} height="100%" autoFocus />
        </div>
      </div>
    </div>
  );
}

function Editor({
  id,
  label,
  value,
  onChange,
  extensions,
  json,
  runError,
  height,
  autoFocus,
}: Props & { height: string; autoFocus?: boolean }) {
  const [view, setView] = useState<EditorView | null>(null);
  const [syntax, setSyntax] = useState<string | null>(null);
  const lint = useMemo(
    () => [
      linter(
        (v) => {
          const found: Diagnostic[] = json ? jsonParseLinter()(v) : javascriptSyntaxErrors(v.state);
          setSyntax(found[0] ? (json ? `Not valid JSON: ${found[0].message}` : found[0].message) : null);
          const r = v.state.facet(runErrorFacet);
          const doc = v.state.doc;
          if (r && Number.isInteger(r.line) && r.line >= 1 && r.line <= doc.lines)
            found.push({ from: doc.line(r.line).from, to: doc.line(r.line).to, severity: "error", message: r.message });
          return found;
        },
        { delay: 300 },
      ),
      lintGutter(),
    ],
    [json],
  );
  useEffect(() => {
    if (view) forceLinting(view);
  }, [view, runError?.message, runError?.line]);
  const all = useMemo(() => [...extensions, ...lint, runErrorFacet.of(runError)], [extensions, lint, runError]);

  return (
    <div className={height === "100%" ? "flex h-full flex-col" : undefined}>
      <div className={`overflow-hidden rounded-md ring-1 ring-slate-300 ${height === "100%" ? "min-h-0 flex-1" : ""}`}>
        <CodeMirror
          id={id}
          aria-label={label}
          value={value}
          height={height}
          className={height === "100%" ? "h-full" : undefined}
          autoFocus={autoFocus}
          extensions={all}
          onChange={onChange}
          onCreateEditor={(v) => setView(v)}
          basicSetup={{ foldGutter: false, highlightActiveLine: false }}
        />
      </div>
      <div aria-live="polite">
        {syntax && (
          <p data-testid={`syntax-${id}`} className="mt-1 text-xs text-red-700">
            {syntax}
          </p>
        )}
      </div>
      {runError && (
        <p role="alert" className="mt-1 text-xs text-red-700">
          Last test run: {runError.message}
        </p>
      )}
    </div>
  );
}
