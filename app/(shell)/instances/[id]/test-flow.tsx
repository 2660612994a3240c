"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useParams } from "next/navigation";
import { useState } from "react";
import { useTRPC } from "@/app/_ui/trpc";
import { Button, Card } from "@/app/_ui/ui";
import type { FlowUrl } from "@/app/(shell)/deploy/_wizard/webhook-urls";
import { useTestPayload } from "@/app/_ui/test-payload";
import { TestRunOutcome } from "./test-run-outcome";

/**
 * Runs one of the instance's flows as a test execution (instances.testFlow): its version and
 * config, the queue and worker of a live run, but kept out of failure rates, dashboards and
 * alerts. Test runs are the organization's, so a customer's users do not get this card.
 */
export function TestFlow({ flows, onRan }: { flows: FlowUrl[]; onRan: () => void }) {
  const trpc = useTRPC();
  const { id } = useParams<{ id: string }>();
  const me = useQuery(trpc.session.me.queryOptions());
  const start = useMutation(trpc.instances.testFlow.mutationOptions());
  const [flow, setFlow] = useState(flows[0]?.key ?? "");
  const payload = useTestPayload({ storageKey: `instance:${id}`, sample: { hello: "world" } });
  const [error, setError] = useState<string | null>(null);
  const [runId, setRunId] = useState<string | null>(null);
  const target = flows.find((f) => f.key === flow);
  if (!target || !me.data || !["admin", "builder"].includes(me.data.role)) return null;

  async function run() {
    let sent: ReturnType<typeof payload.build>;
    try {
      sent = payload.build();
    } catch (err) {
      return setError((err as Error).message);
    }
    setError(null);
    setRunId(null);
    try {
      setRunId((await start.mutateAsync({ id, flow, ...sent.payload, headers: sent.headers })).id);
      onRan();
    } catch (err) {
      setError((err as Error).message);
    }
  }

  return (
    <Card title="Test a flow">
      <div className="space-y-3">
        <p className="text-xs text-slate-500">
          Runs the flow with this instance&apos;s version and configuration as a test: it is not counted in failure rates or dashboards and
          sends no alerts.
        </p>
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
        <div className="h-44">{payload.view}</div>
        {error && (
          <p role="alert" className="text-xs text-red-600">
            {error}
          </p>
        )}
        <Button type="button" onClick={run} disabled={start.isPending}>
          {start.isPending ? "Starting…" : "Run flow"}
        </Button>
        {runId && <TestRunOutcome id={runId} flowName={target.name} onFinished={onRan} />}
      </div>
    </Card>
  );
}
