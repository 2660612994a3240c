"use client";
/**
 * One action input: a value (edited by the input's type), a reference, a config variable, a
 * template or a list of inputs. Empty references and config variables leave the input unset
 * rather than writing a blank one the draft's shape would refuse.
 */
import { useEffect, useRef, useState } from "react";
import type { Input, JsonValue } from "@/runtime/definition";
import type { ScopeEntry } from "@/app/_ui/designer/step-tree";
import { CodeEditor } from "./code-editor";
import { DataPicker } from "./data-picker";
import { configVarKeys } from "@/app/_ui/designer/config-vars";
import { useDesigner } from "./designer-context";
import { JsonField } from "./json-field";
import { ReferenceField } from "./reference-field";

export interface InputSpec {
  key: string;
  label: string;
  type: string;
  required?: boolean;
  description?: string;
  options?: string[];
  language?: string;
  default?: unknown;
  /** credential inputs: the connection of `component` they take (its config variables are offered) */
  connection?: string;
  component?: string;
}

type Mode = "value" | "reference" | "configVar" | "template" | "list";
const MODES: [Mode, string][] = [
  ["value", "Value"],
  ["reference", "Reference"],
  ["configVar", "Config var"],
  ["template", "Template"],
  ["list", "List"],
];

const modeOf = (input: Input): Mode => (Object.keys(input)[0] as Mode) ?? "value";
const field =
  "block w-full rounded-md border-0 px-2 py-1.5 text-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-brand-500 focus:outline-none";

/**
 * An input with nothing in it yet: unset, or a blank placeholder (a condition's operands always hold
 * one, `{ value: "" }`). Its mode is the one the person chose, not the placeholder's "value".
 */
const isBlank = (input: Input | undefined): boolean =>
  !input || ("value" in input && (input.value === "" || input.value === null || input.value === undefined));

/** What the input becomes in `mode` when it holds nothing there yet: a reference carries into a template. */
function convert(from: Input | undefined, mode: Mode): Input | undefined {
  if (mode === "template") {
    if (from && "value" in from && typeof from.value === "string") return { template: from.value };
    if (from && "reference" in from) return { template: `{{ ${from.reference} }}` };
    if (from && "configVar" in from) return { template: `{{ configVars.${from.configVar} }}` };
    return { template: "" };
  }
  if (mode === "list") return { list: [] };
  return undefined;
}

export function InputEditor(props: {
  id: string;
  spec: InputSpec;
  value: Input | undefined;
  onChange(input: Input | undefined): void;
  scope: ScopeEntry[];
  /** for code completions: the step being edited */
  stepName?: string;
}) {
  const { spec, value, onChange } = props;
  const d = useDesigner();
  const [chosen, setChosen] = useState<Mode>(spec.type === "credential" ? "configVar" : "value");
  // what each mode held before the person switched away, so switching back restores it
  const held = useRef<Partial<Record<Mode, Input>>>({});
  const [picking, setPicking] = useState(false);
  const templateCaret = useRef<number | null>(null);
  const mode = isBlank(value) ? chosen : modeOf(value!);
  const label = `${spec.label}${spec.required ? " *" : ""}`;
  // the draft's problem with this very input, shown under it (the step card and header list it too)
  const problem = props.stepName
    ? d.problemList.find((p) => p.place.kind === "step" && p.place.step === props.stepName && p.field.startsWith(`input "${spec.key}"`))
    : undefined;
  const switchTo = (m: Mode) => {
    setChosen(m);
    if (m === mode) return;
    if (!isBlank(value)) held.current[mode] = value;
    onChange(held.current[m] ?? convert(value, m));
  };
  const pickable = mode !== "list" && !(mode === "value" && spec.type === "code") && !spec.connection;
  /** a picked path: a reference in Value and Reference mode, `{{ path }}` at the caret in a template */
  const pick = (path: string) => {
    const configVar = path.startsWith("configVars.") ? path.slice("configVars.".length) : null;
    if (mode === "template") {
      const text = value && "template" in value ? value.template : "";
      const at = templateCaret.current ?? text.length;
      const insert = `{{ ${path} }}`;
      onChange({ template: text.slice(0, at) + insert + text.slice(at) });
      templateCaret.current = at + insert.length;
      return;
    }
    if (configVar !== null) {
      setChosen("configVar");
      onChange({ configVar });
    } else {
      setChosen("reference");
      onChange({ reference: path });
    }
    setPicking(false);
  };
  return (
    <div className="space-y-1" data-testid={`input-${spec.key}`}>
      {/* in a narrow pane the mode switch goes under the label rather than squeezing it */}
      <div className="flex flex-wrap items-center justify-between gap-x-2 gap-y-1">
        <label htmlFor={props.id} className="text-sm font-medium whitespace-nowrap text-slate-700">
          {label}
        </label>
        <div className="flex items-center gap-1">
          {pickable && (
            <button
              type="button"
              aria-expanded={picking}
              aria-label={`Insert data into ${spec.label}`}
              title="Insert data from the trigger, earlier steps or config variables"
              onClick={() => setPicking(!picking)}
              className={`rounded px-1.5 py-0.5 font-mono text-[11px] whitespace-nowrap ring-1 ${picking ? "bg-brand-600 text-white ring-brand-600" : "bg-white text-brand-700 ring-slate-300 hover:bg-brand-50"}`}
            >
              {"{ } Data"}
            </button>
          )}
          <div role="radiogroup" aria-label={`${spec.label} input type`} className="flex rounded-md bg-slate-100 p-0.5 text-[11px]">
            {MODES.map(([m, text]) => (
              <button
                key={m}
                type="button"
                role="radio"
                aria-checked={mode === m}
                onClick={() => switchTo(m)}
                className={`rounded px-1.5 py-0.5 whitespace-nowrap ${mode === m ? "bg-white font-medium text-slate-900 shadow-sm" : "text-slate-500 hover:text-slate-800"}`}
              >
                {text}
              </button>
            ))}
          </div>
        </div>
      </div>
      {picking && pickable && <DataPicker scope={props.scope} label={spec.label} onPick={pick} />}
      {mode === "value" && (
        <ValueField
          id={props.id}
          spec={spec}
          value={value && "value" in value ? value.value : undefined}
          onChange={(v) => onChange(v === undefined ? undefined : { value: v })}
          stepName={props.stepName}
        />
      )}
      {mode === "reference" && (
        <ReferenceField
          id={props.id}
          label={spec.label}
          scope={props.scope}
          value={value && "reference" in value ? value.reference : ""}
          onChange={(r) => onChange(r.trim() ? { reference: r } : undefined)}
        />
      )}
      {mode === "configVar" && spec.connection && spec.component && (
        <ConnectionVarPicker
          id={props.id}
          component={spec.component}
          connection={spec.connection}
          value={value && "configVar" in value ? value.configVar : ""}
          onChange={(key) => onChange(key ? { configVar: key } : undefined)}
        />
      )}
      {mode === "configVar" && !(spec.connection && spec.component) && (
        <select
          id={props.id}
          className={field}
          value={value && "configVar" in value ? value.configVar : ""}
          onChange={(e) => onChange(e.target.value ? { configVar: e.target.value } : undefined)}
        >
          <option value="">Choose a config variable…</option>
          {configVarKeys(d.draft).map((c) => (
            <option key={c.key} value={c.key}>
              {c.label} ({c.key})
            </option>
          ))}
        </select>
      )}
      {mode === "template" && (
        <input
          id={props.id}
          className={`${field} font-mono text-xs`}
          placeholder="Hello {{ fetchUsers.results.name }} from {{ configVars.shopUrl }}"
          value={value && "template" in value ? value.template : ""}
          onChange={(e) => {
            templateCaret.current = e.target.selectionStart;
            onChange({ template: e.target.value });
          }}
          onSelect={(e) => void (templateCaret.current = e.currentTarget.selectionStart)}
        />
      )}
      {mode === "list" && value && "list" in value && (
        <div className="space-y-2 rounded-md bg-slate-50 p-2 ring-1 ring-slate-200">
          {value.list.map((item, i) => (
            <div key={i} className="flex items-start gap-1">
              <div className="flex-1">
                <InputEditor
                  id={`${props.id}-${i}`}
                  spec={{ key: `${spec.key}[${i}]`, label: `Item ${i + 1}`, type: "data" }}
                  // a new item's placeholder ({ value: null }) lets the item's chosen mode (a reference, a template) show
                  value={"value" in item && item.value === null ? undefined : item}
                  scope={props.scope}
                  onChange={(next) => onChange({ list: value.list.map((x, j) => (j === i ? (next ?? { value: null }) : x)) })}
                />
              </div>
              <button
                type="button"
                aria-label={`Remove item ${i + 1}`}
                className="mt-6 px-1 text-slate-400 hover:text-red-700"
                onClick={() => onChange({ list: value.list.filter((_, j) => j !== i) })}
              >
                ✕
              </button>
            </div>
          ))}
          <button
            type="button"
            className="text-xs font-medium text-brand-700 hover:underline"
            onClick={() => onChange({ list: [...value.list, { value: null }] })}
          >
            + Item
          </button>
        </div>
      )}
      {problem && (
        <p role="alert" className="text-xs text-red-700">
          {problem.message}
        </p>
      )}
      <p className="text-xs text-slate-500">
        <span className="text-slate-400">{spec.type}</span>
        {spec.default !== undefined && (
          <span>
            {" "}
            · default <code>{JSON.stringify(spec.default)}</code>
          </span>
        )}
        {spec.description && <span> · {spec.description}</span>}
      </p>
    </div>
  );
}

/**
 * A credential input that takes a component's connection: the config variables holding that
 * connection, and a button that adds one (on the last config page) when there is none yet.
 */
function ConnectionVarPicker(props: { id: string; component: string; connection: string; value: string; onChange(key: string): void }) {
  const d = useDesigner();
  const manifest = d.components.find((c) => c.key === props.component)?.connections[props.connection];
  const pending = useRef<string | null>(null);
  const { onChange } = props;
  const matching = configVarKeys(d.draft).filter(
    (v) => v.type === "credential" && v.connection?.component === props.component && v.connection.key === props.connection,
  );
  const create = () => {
    const taken = new Set(configVarKeys(d.draft).map((v) => v.key));
    const base = `${props.component}${props.connection[0]!.toUpperCase()}${props.connection.slice(1)}`.replace(/[^A-Za-z0-9_]/g, "_");
    let key = base;
    for (let i = 2; taken.has(key); i++) key = `${base}${i}`;
    // bound once the variable is in the draft: two edits in one event would build on the same draft
    pending.current = key;
    d.edit((x) => {
      const pages = (x.configPages ??= []);
      if (pages.length === 0) pages.push({ name: "Connections", elements: [] });
      pages[pages.length - 1]!.elements.push({
        configVar: {
          key,
          label: manifest?.label ?? props.connection,
          type: "credential",
          credentialType: "connection",
          connection: { component: props.component, key: props.connection },
          required: true,
        },
      });
    });
  };
  useEffect(() => {
    if (pending.current && matching.some((v) => v.key === pending.current)) {
      onChange(pending.current);
      pending.current = null;
    }
  }, [matching, onChange]);
  return (
    <div className="flex items-center gap-2">
      <select id={props.id} className={field} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        <option value="">Choose a {manifest?.label ?? props.connection} config variable…</option>
        {matching.map((c) => (
          <option key={c.key} value={c.key}>
            {c.label} ({c.key})
          </option>
        ))}
      </select>
      {matching.length === 0 && (
        <button type="button" className="shrink-0 text-xs font-medium text-brand-700 hover:underline" onClick={create}>
          + Create connection variable
        </button>
      )}
    </div>
  );
}

function ValueField({
  id,
  spec,
  value,
  onChange,
  stepName,
}: {
  id: string;
  spec: InputSpec;
  value: JsonValue | undefined;
  onChange(v: JsonValue | undefined): void;
  stepName?: string;
}) {
  if (spec.type === "code") {
    return (
      <CodeEditor
        id={id}
        label={spec.label}
        value={typeof value === "string" ? value : ""}
        onChange={(v) => onChange(v === "" ? undefined : v)}
        language={spec.language}
        stepName={stepName}
      />
    );
  }
  if (spec.type === "picklist" && spec.options) {
    return (
      <select
        id={id}
        className={field}
        value={typeof value === "string" ? value : ""}
        onChange={(e) => onChange(e.target.value || undefined)}
      >
        <option value="">(default)</option>
        {spec.options.map((o) => (
          <option key={o}>{o}</option>
        ))}
      </select>
    );
  }
  if (spec.type === "boolean") {
    return (
      <select
        id={id}
        className={field}
        value={value === undefined ? "" : String(value)}
        onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value === "true")}
      >
        <option value="">(default)</option>
        <option value="true">true</option>
        <option value="false">false</option>
      </select>
    );
  }
  if (spec.type === "number") {
    return (
      <input
        id={id}
        type="number"
        className={field}
        value={typeof value === "number" ? value : ""}
        onChange={(e) => onChange(e.target.value === "" ? undefined : Number(e.target.value))}
      />
    );
  }
  if (spec.type === "string" || spec.type === "text") {
    const Tag = spec.type === "text" ? "textarea" : "input";
    return (
      <Tag
        id={id}
        className={field}
        value={typeof value === "string" ? value : value === undefined ? "" : JSON.stringify(value)}
        onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value)}
      />
    );
  }
  return <JsonField id={id} value={value} onChange={onChange} />;
}
