"use client";
import { useState } from "react";
import { Button, Card } from "@/app/_ui/ui";
import type { FlowUrl } from "@/app/(shell)/deploy/_wizard/webhook-urls";

/**
 * Runs a flow by POSTing to its own webhook (same origin, synchronous): the path a customer's
 * system takes — ingest, queue, worker — with no test-only code on the server.
 */
export function TestFlow({ flows, onRan }: { flows: FlowUrl[]; onRan: () => void }) {
  const [flow, setFlow] = useState(flows[0]?.key ?? "");
  const [payload, setPayload] = useState('{\n  "hello": "world"\n}');
  const [error, setError] = useState<string | null>(null);
  const [response, setResponse] = useState<{ status: number; body: string } | null>(null);
  const [running, setRunning] = useState(false);
  const target = flows.find((f) => f.key === flow);
  if (!target) return null;

  async function run() {
    try {
      JSON.parse(payload);
    } catch (err) {
      return setError(`invalid JSON: ${(err as Error).message}`);
    }
    setError(null);
    setRunning(true);
    try {
      const res = await fetch(new URL(target!.webhookUrl).pathname, {
        method: "POST",
        headers: { "content-type": "application/json", "x-junction-synchronous": "true" },
        body: payload,
        // the webhook is same-origin: without this the signed-in user's session cookie would be the run's data
        credentials: "omit",
      });
      setResponse({ status: res.status, body: await res.text() });
      onRan();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setRunning(false);
    }
  }

  return (
    <Card title="Test a flow">
      <div className="space-y-3">
        <div className="flex items-center gap-2">
          <label htmlFor="test-flow" className="text-sm text-slate-600">
            Flow
          </label>
          <select
            id="test-flow"
            className="rounded-md border-0 px-2 py-1.5 text-sm ring-1 ring-slate-300"
            value={flow}
            onChange={(e) => setFlow(e.target.value)}
          >
            {flows.map((f) => (
              <option key={f.key} value={f.key}>
                {f.name}
              </option>
            ))}
          </select>
        </div>
        <label htmlFor="test-payload" className="block text-sm text-slate-600">
          JSON payload
        </label>
        <textarea
          id="test-payload"
          rows={5}
          className="block w-full rounded-md px-3 py-2 font-mono text-xs ring-1 ring-slate-300 focus:ring-2 focus:ring-brand-500 focus:outline-none"
          value={payload}
          onChange={(e) => setPayload(e.target.value)}
        />
        {error && (
          <p role="alert" className="text-xs text-red-600">
            {error}
          </p>
        )}
        <Button type="button" onClick={run} disabled={running}>
          {running ? "Running…" : "Run flow"}
        </Button>
        {response && (
          <div data-testid="test-response" className="rounded-md bg-slate-50 p-3 text-xs ring-1 ring-slate-200">
            <p className="font-medium text-slate-700">HTTP {response.status}</p>
            <pre className="mt-1 overflow-x-auto whitespace-pre-wrap text-slate-800">{response.body}</pre>
          </div>
        )}
      </div>
    </Card>
  );
}
