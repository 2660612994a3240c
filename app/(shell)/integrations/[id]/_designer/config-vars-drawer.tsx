"use client";
/**
 * The config variables drawer: the deployment wizard's pages, their headers and variables, in
 * order. Each variable is edited in place; the draft's shape rules (identifier keys, picklist
 * options) show as the save status when broken.
 */
import { useState } from "react";
import type { ConfigElement, ConfigPage, ConfigVar, ConfigVarType, Definition, JsonValue } from "@/runtime/definition";
import { configVarKeys } from "@/app/_ui/designer/config-vars";
import { Button } from "@/app/_ui/ui";
import { Oauth2Settings } from "./oauth2-settings";
import { useDesigner, type CatalogComponentInfo } from "./designer-context";
import { JsonField } from "./json-field";

const TYPES: ConfigVarType[] = ["string", "date", "timestamp", "picklist", "code", "credential", "boolean", "schedule"];
const box = "block w-full rounded-md border-0 px-2 py-1 text-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-brand-500 focus:outline-none";

/** A variable of another type, keeping what all types share. */
function retype(v: ConfigVar, type: ConfigVarType): ConfigVar {
  const base = { key: v.key, label: v.label, description: v.description, required: v.required };
  switch (type) {
    case "picklist":
      return { ...base, type, options: ["option 1"] };
    case "credential":
      return { ...base, type, credentialType: "apiKey" };
    case "code":
      return { ...base, type, language: "json" };
    case "boolean":
    case "schedule":
      return { ...base, type };
    default:
      return { ...base, type };
  }
}

export function ConfigVarsDrawer({ onClose }: { onClose(): void }) {
  const d = useDesigner();
  const pages = d.draft.configPages ?? [];
  const [open, setOpen] = useState<string | null>(null);
  const problemOf = (page: number, element: number, field: string) =>
    d.problemList.find((x) => x.place.kind === "configVar" && x.place.page === page && x.place.element === element && x.field === field)
      ?.message;
  const editPages = (mutate: (pages: ConfigPage[], def: Definition) => void, tag?: string) =>
    d.edit(
      (x) => {
        x.configPages ??= [];
        mutate(x.configPages, x);
        if (x.configPages.length === 0) delete x.configPages;
      },
      tag && `configVars:${tag}`,
    );
  const addVariable = (pageIndex: number) => {
    const taken = new Set(configVarKeys(d.draft).map((c) => c.key));
    let n = 1;
    while (taken.has(`variable${n}`)) n++;
    const key = `variable${n}`;
    editPages((p) => {
      if (p.length === 0) p.push({ name: "Configuration", elements: [] });
      p[pageIndex]!.elements.push({ configVar: { key, label: `Variable ${n}`, type: "string" } });
    });
    setOpen(key);
  };
  const move = (page: number, index: number, by: number) =>
    editPages((p) => {
      const list = p[page]!.elements;
      const to = index + by;
      if (to >= 0 && to < list.length) list.splice(to, 0, ...list.splice(index, 1));
      else if (to < 0 && page > 0) p[page - 1]!.elements.push(...list.splice(index, 1));
      else if (to >= list.length && page < p.length - 1) p[page + 1]!.elements.unshift(...list.splice(index, 1));
    });

  return (
    <div className="fixed inset-0 z-40 flex justify-end bg-slate-900/30" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <aside role="dialog" aria-label="Config variables" className="flex h-full w-[560px] flex-col bg-white shadow-xl">
        <header className="flex items-center justify-between border-b border-slate-200 px-4 py-3">
          <h2 className="text-base font-semibold">Config variables</h2>
          <Button variant="ghost" onClick={onClose} aria-label="Close config variables">
            ✕
          </Button>
        </header>
        <div className="flex-1 space-y-5 overflow-y-auto p-4">
          <p className="text-xs text-slate-500">
            What the deployment wizard asks each customer for, page by page. Steps use them as config variable inputs.
          </p>
          {pages.map((page, p) => (
            <section key={p} aria-label={`Page ${page.name}`} className="space-y-2 rounded-lg p-3 ring-1 ring-slate-200">
              <div className="flex items-center gap-2">
                <input
                  aria-label={`Page ${p + 1} name`}
                  className={`${box} font-semibold`}
                  value={page.name}
                  onChange={(e) => editPages((x) => void (x[p]!.name = e.target.value), `page:${p}`)}
                />
                <Button variant="ghost" aria-label={`Delete page ${page.name}`} onClick={() => editPages((x) => void x.splice(p, 1))}>
                  ✕
                </Button>
              </div>
              <input
                aria-label={`Page ${p + 1} tagline`}
                placeholder="Tagline (optional)"
                className={box}
                value={page.tagline ?? ""}
                onChange={(e) => editPages((x) => void (x[p]!.tagline = e.target.value || undefined), `tagline:${p}`)}
              />
              <ol className="space-y-1">
                {page.elements.map((el, i) => (
                  <li key={i} className="rounded-md bg-slate-50 ring-1 ring-slate-200">
                    <div className="flex items-center gap-1 px-2 py-1">
                      <button type="button" aria-label="Move up" className="px-1 text-slate-500" onClick={() => move(p, i, -1)}>
                        ↑
                      </button>
                      <button type="button" aria-label="Move down" className="px-1 text-slate-500" onClick={() => move(p, i, 1)}>
                        ↓
                      </button>
                      {"header" in el ? (
                        <input
                          aria-label="Header"
                          className={`${box} font-medium`}
                          value={el.header}
                          onChange={(e) => editPages((x) => void (x[p]!.elements[i] = { header: e.target.value }), `header:${p}:${i}`)}
                        />
                      ) : (
                        <button
                          type="button"
                          className="flex-1 truncate text-left text-sm"
                          aria-expanded={open === el.configVar.key}
                          onClick={() => setOpen(open === el.configVar.key ? null : el.configVar.key)}
                        >
                          <span className="font-medium">{el.configVar.label}</span>{" "}
                          <code className="text-xs text-slate-500">{el.configVar.key}</code>{" "}
                          <span className="text-xs text-slate-500">· {el.configVar.type}</span>
                          {el.configVar.required && <span className="text-red-600"> *</span>}
                        </button>
                      )}
                      <button
                        type="button"
                        aria-label={`Delete ${"header" in el ? "header" : el.configVar.key}`}
                        className="px-1 text-slate-400 hover:text-red-700"
                        onClick={() => editPages((x) => void x[p]!.elements.splice(i, 1))}
                      >
                        ✕
                      </button>
                    </div>
                    {"configVar" in el && <VariableProblems page={p} element={i} />}
                    {"configVar" in el && open === el.configVar.key && (
                      <VariableForm
                        variable={el.configVar}
                        keyProblem={problemOf(p, i, "key")}
                        onChange={(v, tag) => {
                          editPages((x) => void (x[p]!.elements[i] = { configVar: v } satisfies ConfigElement), tag && `${p}:${i}:${tag}`);
                          if (v.key !== el.configVar.key) setOpen(v.key);
                        }}
                      />
                    )}
                  </li>
                ))}
              </ol>
              <div className="flex gap-3 text-xs font-medium text-brand-700">
                <button type="button" className="hover:underline" onClick={() => addVariable(p)}>
                  + Variable
                </button>
                <button
                  type="button"
                  className="hover:underline"
                  onClick={() => editPages((x) => void x[p]!.elements.push({ header: "Header" }))}
                >
                  + Header
                </button>
              </div>
            </section>
          ))}
          <div className="flex gap-2">
            {pages.length === 0 && (
              <Button variant="secondary" onClick={() => addVariable(0)}>
                + Variable
              </Button>
            )}
            <Button variant="secondary" onClick={() => editPages((x) => void x.push({ name: `Page ${x.length + 1}`, elements: [] }))}>
              + Page
            </Button>
          </div>
        </div>
      </aside>
    </div>
  );
}

/** The draft's problems with one variable, under its row, whether or not it is open. */
function VariableProblems({ page, element }: { page: number; element: number }) {
  const d = useDesigner();
  const mine = d.problemList.filter((x) => x.place.kind === "configVar" && x.place.page === page && x.place.element === element);
  if (mine.length === 0) return null;
  return (
    <ul role="alert" className="space-y-0.5 border-t border-red-200 bg-red-50 px-2 py-1 text-xs text-red-800">
      {mine.map((x, i) => (
        <li key={i}>{x.field ? `${x.field[0]!.toUpperCase()}${x.field.slice(1)}: ${x.message}` : x.message}</li>
      ))}
    </ul>
  );
}

function VariableForm({
  variable: v,
  onChange,
  keyProblem,
}: {
  variable: ConfigVar;
  onChange(v: ConfigVar, tag?: string): void;
  keyProblem?: string;
}) {
  const { components } = useDesigner();
  const [options, setOptions] = useState(v.type === "picklist" ? v.options.join(", ") : "");
  const set = (patch: Partial<ConfigVar>, tag?: string) => onChange({ ...v, ...patch } as ConfigVar, tag);
  const id = `cv-${v.key}`;
  return (
    <div className="grid grid-cols-2 gap-2 border-t border-slate-200 p-2 text-sm" data-testid={`config-var-${v.key}`}>
      <label className="space-y-0.5">
        <span className="text-xs text-slate-600">Key</span>
        <input
          aria-label="Key"
          aria-invalid={keyProblem ? true : undefined}
          title={keyProblem}
          className={`${box} font-mono ${keyProblem ? "ring-2 ring-red-400" : ""}`}
          value={v.key}
          onChange={(e) => set({ key: e.target.value }, "key")}
        />
      </label>
      <label className="space-y-0.5">
        <span className="text-xs text-slate-600">Label</span>
        <input aria-label="Label" className={box} value={v.label} onChange={(e) => set({ label: e.target.value }, "label")} />
      </label>
      <label className="space-y-0.5">
        <span className="text-xs text-slate-600">Type</span>
        <select aria-label="Type" className={box} value={v.type} onChange={(e) => onChange(retype(v, e.target.value as ConfigVarType))}>
          {TYPES.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
      </label>
      <label className="flex items-end gap-2 pb-1">
        <input type="checkbox" checked={v.required ?? false} onChange={(e) => set({ required: e.target.checked || undefined })} />
        <span className="text-xs text-slate-600">Required</span>
      </label>
      <label className="col-span-2 space-y-0.5">
        <span className="text-xs text-slate-600">Description</span>
        <input
          aria-label="Description"
          className={box}
          value={v.description ?? ""}
          onChange={(e) => set({ description: e.target.value || undefined }, "description")}
        />
      </label>
      {v.type === "picklist" && (
        <label className="col-span-2 space-y-0.5">
          <span className="text-xs text-slate-600">Options (comma separated)</span>
          <input
            aria-label="Options"
            className={box}
            value={options}
            onChange={(e) => {
              setOptions(e.target.value);
              const list = [
                ...new Set(
                  e.target.value
                    .split(",")
                    .map((s) => s.trim())
                    .filter(Boolean),
                ),
              ];
              if (list.length > 0)
                onChange({ ...v, options: list, default: v.default && list.includes(v.default) ? v.default : undefined }, "options");
            }}
          />
        </label>
      )}
      {v.type === "credential" && (
        <label className="col-span-2 space-y-0.5">
          <span className="text-xs text-slate-600">Credential type</span>
          <select
            aria-label="Credential type"
            className={box}
            value={v.credentialType}
            onChange={(e) => {
              const credentialType = e.target.value as typeof v.credentialType;
              const { oauth2: _, connection: _c, ...rest } = v;
              const firstConnection = connectionChoices(components)[0];
              onChange(
                credentialType === "oauth2"
                  ? { ...rest, credentialType, oauth2: v.oauth2 ?? { authorizeUrl: "", tokenUrl: "", clientId: "" } }
                  : credentialType === "connection"
                    ? { ...rest, credentialType, connection: v.connection ?? firstConnection ?? { component: "", key: "" } }
                    : { ...rest, credentialType },
              );
            }}
          >
            <option value="apiKey">API key</option>
            <option value="basic">Username and password</option>
            <option value="oauth2ClientCredentials">OAuth 2.0 client credentials</option>
            <option value="oauth2">OAuth 2.0 (authorization code: the customer clicks Connect)</option>
            <option value="sftp">SFTP server</option>
            <option value="connection">Connection (a component&apos;s)</option>
          </select>
        </label>
      )}
      {v.type === "credential" && v.credentialType === "connection" && (
        <ConnectionChoice value={v.connection} components={components} onChange={(connection) => onChange({ ...v, connection })} />
      )}
      {v.type === "credential" && v.credentialType === "oauth2" && v.oauth2 && (
        <Oauth2Settings varKey={v.key} value={v.oauth2} onChange={(oauth2) => onChange({ ...v, oauth2 })} />
      )}
      {v.type === "code" && (
        <label className="col-span-2 space-y-0.5">
          <span className="text-xs text-slate-600">Code language</span>
          <select
            aria-label="Code language"
            className={box}
            value={v.language ?? "text"}
            onChange={(e) => onChange({ ...v, language: e.target.value as "json" | "xml" | "text" })}
          >
            <option>json</option>
            <option>xml</option>
            <option>text</option>
          </select>
        </label>
      )}
      {v.type !== "credential" && (
        <label className="col-span-2 space-y-0.5" htmlFor={`${id}-default`}>
          <span className="text-xs text-slate-600">Default</span>
          <DefaultField
            id={`${id}-default`}
            variable={v}
            onChange={(value) => onChange({ ...v, default: value } as ConfigVar, "default")}
          />
        </label>
      )}
    </div>
  );
}

/** every connection the installed components declare, as { component, key } */
function connectionChoices(components: CatalogComponentInfo[]) {
  return components.flatMap((c) => Object.keys(c.connections).map((key) => ({ component: c.key, key })));
}

/** A connection credential's kind: an installed component, then one of the connections it declares. */
function ConnectionChoice({
  value,
  components,
  onChange,
}: {
  value: { component: string; key: string } | undefined;
  components: CatalogComponentInfo[];
  onChange(value: { component: string; key: string }): void;
}) {
  const withConnections = components.filter((c) => Object.keys(c.connections).length > 0);
  const component = withConnections.find((c) => c.key === value?.component);
  const connection = component?.connections[value?.key ?? ""];
  return (
    <div className="col-span-2 grid grid-cols-2 gap-2 rounded-md bg-slate-50 p-2 ring-1 ring-slate-200">
      <label className="space-y-0.5">
        <span className="text-xs text-slate-600">Component</span>
        <select
          aria-label="Connection component"
          className={box}
          value={value?.component ?? ""}
          onChange={(e) => {
            const next = withConnections.find((c) => c.key === e.target.value);
            if (next) onChange({ component: next.key, key: Object.keys(next.connections)[0]! });
          }}
        >
          {!component && (
            <option value={value?.component ?? ""}>{value?.component ? `${value.component} (not installed)` : "Choose…"}</option>
          )}
          {withConnections.map((c) => (
            <option key={c.key} value={c.key}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      <label className="space-y-0.5">
        <span className="text-xs text-slate-600">Connection</span>
        <select
          aria-label="Connection"
          className={box}
          value={value?.key ?? ""}
          onChange={(e) => value && onChange({ component: value.component, key: e.target.value })}
        >
          {!connection && <option value={value?.key ?? ""}>{value?.key || "Choose…"}</option>}
          {Object.values(component?.connections ?? {}).map((c) => (
            <option key={c.key} value={c.key}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      {connection && (
        <p className="col-span-2 text-xs text-slate-500" aria-label="Connection fields">
          {connection.description && <span>{connection.description} </span>}
          Fields: {connection.fields.map((f) => `${f.label}${f.type === "password" ? " (secret)" : ""}`).join(", ")}
        </p>
      )}
    </div>
  );
}

function DefaultField({ id, variable: v, onChange }: { id: string; variable: ConfigVar; onChange(value: unknown): void }) {
  if (v.type === "picklist") {
    return (
      <select id={id} aria-label="Default" className={box} value={v.default ?? ""} onChange={(e) => onChange(e.target.value || undefined)}>
        <option value="">(none)</option>
        {v.options.map((o) => (
          <option key={o}>{o}</option>
        ))}
      </select>
    );
  }
  if (v.type === "boolean") {
    return (
      <select
        id={id}
        aria-label="Default"
        className={box}
        value={v.default === undefined ? "" : String(v.default)}
        onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value === "true")}
      >
        <option value="">(none)</option>
        <option>true</option>
        <option>false</option>
      </select>
    );
  }
  if (v.type === "schedule") {
    return <JsonField id={id} label="Default" rows={1} value={(v.default ?? undefined) as JsonValue | undefined} onChange={onChange} />;
  }
  if (v.type === "credential") return null;
  const placeholder = v.type === "date" ? "mm/dd/yyyy" : v.type === "timestamp" ? "mm/dd/yyyy, HH:MM AM" : "";
  const Tag = v.type === "code" ? "textarea" : "input";
  return (
    <Tag
      id={id}
      aria-label="Default"
      placeholder={placeholder}
      className={`${box} ${v.type === "code" ? "font-mono text-xs" : ""}`}
      value={v.default ?? ""}
      onChange={(e) => onChange(e.target.value || undefined)}
    />
  );
}
