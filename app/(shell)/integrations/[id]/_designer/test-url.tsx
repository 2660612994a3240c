"use client";
/**
 * The draft's test webhook: a URL a real caller (the customer's system, curl) can be pointed at to
 * run the draft with the test configuration, answered as the live webhook would be. Rotating the
 * token turns the old URL away.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/app/_ui/trpc";
import { Button } from "@/app/_ui/ui";
import { useDesigner } from "./designer-context";

export function TestUrl() {
  const d = useDesigner();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const urls = useQuery(trpc.integrations.testWebhook.queryOptions({ id: d.integrationId }));
  const rotate = useMutation(
    trpc.integrations.rotateTestWebhook.mutationOptions({
      onSuccess: (fresh) => queryClient.setQueryData(trpc.integrations.testWebhook.queryKey({ id: d.integrationId }), fresh),
    }),
  );
  const [copied, setCopied] = useState<string | null>(null);
  if (urls.error)
    return (
      <p role="alert" className="text-sm text-red-700">
        {urls.error.message}
      </p>
    );
  if (!urls.data) return <p className="text-sm text-slate-500">Loading…</p>;
  const flow = urls.data.flows[d.flow] ?? urls.data.flows[0]!;
  const copy = async (text: string) => {
    await navigator.clipboard?.writeText(text).catch(() => undefined);
    setCopied(text);
  };
  const curl = `curl -X POST '${flow.url}' -H 'content-type: application/json' -d '{"hello": "world"}'`;
  return (
    <div className="max-w-3xl space-y-2 text-sm">
      <p className="text-slate-600">
        Point a real caller at this URL: each request runs the <strong>draft</strong> with the test configuration, as Save &amp; Run Test
        does, and is answered as flow &ldquo;{flow.name}&rdquo;&apos;s live webhook would be. Its runs appear under Test runs.
      </p>
      <div className="flex items-center gap-2">
        <input
          readOnly
          aria-label={`Test URL of ${flow.name}`}
          value={flow.url}
          onFocus={(e) => e.target.select()}
          className="flex-1 rounded-md border-0 px-2 py-1 font-mono text-xs ring-1 ring-slate-300"
        />
        <Button variant="secondary" onClick={() => copy(flow.url)}>
          {copied === flow.url ? "Copied" : "Copy"}
        </Button>
        <Button
          variant="secondary"
          disabled={rotate.isPending}
          onClick={() => {
            if (window.confirm("Make a new test URL? The current one stops working at once.")) rotate.mutate({ id: d.integrationId });
          }}
        >
          Rotate
        </Button>
      </div>
      <pre
        aria-label="Example call"
        className="overflow-x-auto rounded bg-slate-50 p-2 font-mono text-xs whitespace-pre-wrap text-slate-700"
      >
        {curl}
      </pre>
    </div>
  );
}
