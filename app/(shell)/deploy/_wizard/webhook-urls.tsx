"use client";
import { useState } from "react";
import { Button } from "@/app/_ui/ui";

export interface FlowUrl {
  key: string;
  name: string;
  webhookUrl: string;
  schedule?: unknown;
}

function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <Button
      variant="secondary"
      type="button"
      aria-label={label}
      onClick={async () => {
        await navigator.clipboard?.writeText(text).catch(() => {});
        setCopied(true);
      }}
    >
      {copied ? "Copied" : "Copy"}
    </Button>
  );
}

/** Each flow's webhook URL with a copy button and curl examples for JSON and for a file. */
export function WebhookUrls({ flows }: { flows: FlowUrl[] }) {
  return (
    <ul className="space-y-4">
      {flows.map((f) => {
        const json = `curl -X POST -H 'content-type: application/json' --data '{"hello":"world"}' ${f.webhookUrl}`;
        const binary = `curl -X POST --data-binary @file.png -H 'content-type: image/png' ${f.webhookUrl}`;
        return (
          <li key={f.key} className="space-y-2" data-flow={f.key}>
            <p className="text-sm font-medium text-slate-800">
              {f.name}
              {f.schedule ? <span className="ml-2 text-xs font-normal text-slate-500">also runs on a schedule</span> : null}
            </p>
            <div className="flex items-center gap-2">
              <code
                data-testid={`webhook-url-${f.key}`}
                className="flex-1 truncate rounded bg-slate-50 px-2 py-1.5 font-mono text-xs ring-1 ring-slate-200"
              >
                {f.webhookUrl}
              </code>
              <CopyButton text={f.webhookUrl} label={`Copy the webhook URL of ${f.name}`} />
            </div>
            <details className="text-xs text-slate-600">
              <summary className="cursor-pointer select-none">curl examples</summary>
              <p className="mt-2">
                JSON (add <code>-H &apos;x-junction-synchronous: true&apos;</code> to wait for the result):
              </p>
              <pre className="mt-1 overflow-x-auto rounded bg-slate-900 p-2 text-slate-100">{json}</pre>
              <p className="mt-2">A file:</p>
              <pre className="mt-1 overflow-x-auto rounded bg-slate-900 p-2 text-slate-100">{binary}</pre>
            </details>
          </li>
        );
      })}
    </ul>
  );
}
