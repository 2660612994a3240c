"use client";
/** What a webhook caller must show besides the URL: nothing, an API key header, or an HMAC signature of the body. */
import type { EndpointSecurity } from "@/runtime/definition";
import { useExecution } from "./use-execution";

const OPTIONS: { value: EndpointSecurity; label: string; hint: string }[] = [
  { value: "none", label: "URL only", hint: "Anyone with the instance's webhook URL can call it." },
  { value: "apiKey", label: "API key header", hint: "Callers send the instance's API key in the x-junction-api-key header." },
  {
    value: "hmac",
    label: "HMAC signature",
    hint: 'Callers send x-junction-timestamp: <Unix seconds> and x-junction-signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>"> with the instance\'s HMAC secret; calls more than 5 minutes old are refused.',
  },
];

export function EndpointSecuritySettings({ flow }: { flow: number }) {
  const { execution, set } = useExecution(flow);
  const current = execution.endpointSecurity ?? "none";
  return (
    <fieldset className="space-y-1.5">
      <legend className="text-xs font-semibold text-slate-700">Endpoint security</legend>
      <div role="radiogroup" aria-label="Endpoint security" className="space-y-1">
        {OPTIONS.map((o) => (
          <label key={o.value} className="flex items-start gap-2 text-sm">
            <input
              type="radio"
              className="mt-1"
              name={`endpoint-security-${flow}`}
              checked={current === o.value}
              onChange={() => set({ ...execution, endpointSecurity: o.value === "none" ? undefined : o.value })}
            />
            <span>
              {o.label}
              <span className="block text-xs text-slate-500">{o.hint}</span>
            </span>
          </label>
        ))}
      </div>
      {current !== "none" && (
        <p className="text-xs text-slate-500">
          Each instance gets its own key and secret when deployed; they are shown once and can be rotated on the instance page.
        </p>
      )}
    </fieldset>
  );
}
