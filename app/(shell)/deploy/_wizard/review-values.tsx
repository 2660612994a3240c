import { configVarsOf } from "@/runtime/config/config-values";
import type { ConfigPage, ConfigVar, FixedSchedule } from "@/runtime/definition/schema";
import { describeSchedule } from "@/runtime/scheduler/calendar";
import { effectiveValue, type ConfigValues } from "@/app/_ui/config-fields/config-state";

function show(v: ConfigVar, value: unknown, kept: boolean): string {
  if (v.type === "credential") return kept ? "set (kept)" : value ? "•••••••• (new)" : "—";
  // a blank field deploys its default: shown as the value, so the review says what is stored
  const x = effectiveValue(v, value);
  if (x === undefined) return "—";
  if (v.type === "boolean") return x ? "Yes" : "No";
  if (v.type === "schedule") return describeSchedule(x as FixedSchedule);
  return String(x);
}

/** Every value as it will be saved, page by page; credentials never echoed. */
export function ReviewValues({ pages, values, kept }: { pages: ConfigPage[]; values: ConfigValues; kept: ReadonlySet<string> }) {
  if (configVarsOf(pages).length === 0) return <p className="text-sm text-slate-500">This integration has no configuration.</p>;
  return (
    <div className="space-y-4">
      {pages.map((p) => (
        <section key={p.name}>
          <h3 className="mb-1 text-xs font-semibold text-slate-500 uppercase">{p.name}</h3>
          <dl className="divide-y divide-slate-100 text-sm">
            {configVarsOf([p]).map((v) => (
              <div key={v.key} className="grid grid-cols-3 gap-2 py-1.5">
                <dt className="text-slate-600">{v.label}</dt>
                <dd data-review={v.key} className="col-span-2 font-mono text-xs break-all whitespace-pre-wrap text-slate-900">
                  {show(v, values[v.key], kept.has(v.key))}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </div>
  );
}
