"use client";
/**
 * The definition as YAML. Edits are parsed as they are typed (errors at their lines, from the
 * same parser imports use); Apply puts a well-shaped document into the visual editor.
 */
import { yaml } from "@codemirror/lang-yaml";
import { linter, type Diagnostic } from "@codemirror/lint";
import CodeMirror from "@uiw/react-codemirror";
import { useMemo, useState } from "react";
import { parseDefinitionYaml, serializeDefinitionYaml, validateDefinition } from "@/runtime/definition";
import { Button } from "@/app/_ui/ui";
import { useDesigner } from "./designer-context";

export function YamlTab() {
  const d = useDesigner();
  const [text, setText] = useState(() => serializeDefinitionYaml(d.draft));
  const [applied, setApplied] = useState(false);
  const parsed = useMemo(() => parseDefinitionYaml(text, { shapeOnly: true }), [text]);
  const warnings = useMemo(() => (parsed.ok ? validateDefinition(parsed.definition, { mode: "draft" }) : []), [parsed]);
  const errors = parsed.ok ? [] : parsed.errors;
  const extensions = useMemo(
    () => [
      yaml(),
      linter(
        (view) => {
          const result = parseDefinitionYaml(view.state.doc.toString(), { shapeOnly: true });
          if (result.ok) return [];
          return result.errors.map((e): Diagnostic => {
            const line = view.state.doc.line(Math.min(Math.max(e.line ?? 1, 1), view.state.doc.lines));
            return { from: line.from, to: line.to, severity: "error", message: e.path ? `${e.path}: ${e.message}` : e.message };
          });
        },
        { delay: 300 },
      ),
    ],
    [],
  );
  const dirty = text !== serializeDefinitionYaml(d.draft);
  return (
    <div className="flex min-h-0 flex-1 flex-col gap-2 p-4">
      <div className="flex items-center gap-2">
        <Button disabled={!parsed.ok || !dirty} onClick={() => parsed.ok && (d.replace(parsed.definition), setApplied(true))}>
          Apply YAML
        </Button>
        <Button variant="secondary" disabled={!dirty} onClick={() => setText(serializeDefinitionYaml(d.draft))}>
          Discard changes
        </Button>
        <span role="status" className="text-xs text-slate-500">
          {errors.length > 0
            ? `${errors.length} error${errors.length > 1 ? "s" : ""}`
            : dirty
              ? "Changes not applied yet"
              : applied
                ? "Applied to the designer"
                : "In sync with the designer"}
        </span>
      </div>
      {errors.length > 0 && (
        <ul
          role="alert"
          aria-label="YAML errors"
          className="max-h-32 overflow-auto rounded-md bg-red-50 p-2 text-xs text-red-800 ring-1 ring-red-200"
        >
          {errors.map((e, i) => (
            <li key={i}>
              {e.line !== undefined && <strong>line {e.line}: </strong>}
              {e.path && `${e.path}: `}
              {e.message}
            </li>
          ))}
        </ul>
      )}
      {warnings.length > 0 && (
        <details className="rounded-md bg-amber-50 p-2 text-xs text-amber-900 ring-1 ring-amber-200">
          <summary>
            {warnings.length} problem{warnings.length > 1 ? "s" : ""} to fix before it runs or publishes
          </summary>
          <ul>
            {warnings.map((w, i) => (
              <li key={i}>
                {w.path}: {w.message}
              </li>
            ))}
          </ul>
        </details>
      )}
      <div className="min-h-0 flex-1 overflow-hidden rounded-md ring-1 ring-slate-300">
        <CodeMirror
          aria-label="Definition YAML"
          value={text}
          height="100%"
          style={{ height: "100%" }}
          extensions={extensions}
          onChange={(v) => (setText(v), setApplied(false))}
        />
      </div>
    </div>
  );
}
