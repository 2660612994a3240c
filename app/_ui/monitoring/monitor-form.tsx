"use client";
/** Create or edit an alert monitor: what it watches, its conditions, where it sends, its quiet period. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { Condition, Destination, MonitorInput } from "@/runtime/alerts/monitor-schema";
import { useTRPC } from "../trpc";
import { Button, Field, TextInput } from "../ui";

const selectClass = "block w-full rounded-md border-0 py-1.5 pr-8 pl-2 text-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-brand-500";
const DEFAULT_TEMPLATE = '{\n  "text": "{{monitor.name}}: {{event.message}}",\n  "execution": "{{execution.id}}"\n}';

export function MonitorForm({ initial, id, onDone }: { initial?: MonitorInput; id?: string; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const integrations = useQuery(trpc.integrations.list.queryOptions({}));
  const instances = useQuery(trpc.instances.list.queryOptions({}));
  const cond = (kind: Condition["kind"]) => initial?.conditions.find((c) => c.kind === kind);
  const dest = <K extends Destination["kind"]>(kind: K) =>
    initial?.destinations.find((d) => d.kind === kind) as Extract<Destination, { kind: K }> | undefined;

  const [name, setName] = useState(initial?.name ?? "");
  const [target, setTarget] = useState<"instance" | "integration">(initial?.integrationId ? "integration" : "instance");
  const [instanceId, setInstanceId] = useState(initial?.instanceId ?? "");
  const [integrationId, setIntegrationId] = useState(initial?.integrationId ?? "");
  const [on, setOn] = useState<Record<string, boolean>>(() =>
    Object.fromEntries((initial?.conditions ?? [{ kind: "executionFailed" }]).map((c) => [c.kind, true])),
  );
  const [seconds, setSeconds] = useState(String((cond("durationOver") as { seconds?: number } | undefined)?.seconds ?? 60));
  const [level, setLevel] = useState((cond("logLevel") as { level?: string } | undefined)?.level ?? "error");
  const [minutes, setMinutes] = useState(String((cond("overdue") as { minutes?: number } | undefined)?.minutes ?? 60));
  const [feed, setFeed] = useState(initial ? !!dest("feed") : true);
  const [webhook, setWebhook] = useState(!!dest("webhook"));
  const [url, setUrl] = useState(dest("webhook")?.url ?? "");
  const [headers, setHeaders] = useState(dest("webhook")?.headers ? JSON.stringify(dest("webhook")!.headers) : "");
  const [template, setTemplate] = useState(dest("webhook")?.template ?? DEFAULT_TEMPLATE);
  const [email, setEmail] = useState(!!dest("email"));
  const [to, setTo] = useState(dest("email")?.to ?? "");
  const [quiet, setQuiet] = useState(String(initial?.quietPeriodMinutes ?? 0));
  const [localError, setLocalError] = useState<string | null>(null);

  const done = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.monitoring.alerts.monitors.queryKey() });
    onDone();
  };
  const create = useMutation(trpc.monitoring.alerts.createMonitor.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.monitoring.alerts.updateMonitor.mutationOptions({ onSuccess: done }));
  const error = localError ?? create.error?.message ?? update.error?.message;

  function submit(e: React.FormEvent) {
    e.preventDefault();
    setLocalError(null);
    const conditions: Condition[] = [];
    if (on.executionFailed) conditions.push({ kind: "executionFailed" });
    if (on.retryPending) conditions.push({ kind: "retryPending" });
    if (on.retriesExhausted) conditions.push({ kind: "retriesExhausted" });
    if (on.durationOver) conditions.push({ kind: "durationOver", seconds: Number(seconds) });
    if (on.logLevel) conditions.push({ kind: "logLevel", level: level as "error" });
    if (on.overdue) conditions.push({ kind: "overdue", minutes: Number(minutes) });
    if (on.instanceDisabled) conditions.push({ kind: "instanceDisabled" });
    if (on.connectionNeedsReauthorization) conditions.push({ kind: "connectionNeedsReauthorization" });
    const destinations: Destination[] = [];
    if (feed) destinations.push({ kind: "feed" });
    if (webhook) {
      let parsed: Record<string, string> | undefined;
      try {
        parsed = headers.trim() ? JSON.parse(headers) : undefined;
      } catch {
        return setLocalError('headers must be a JSON object, e.g. {"authorization": "Bearer …"}');
      }
      destinations.push({ kind: "webhook", url: url.trim(), headers: parsed, template: template.trim() || undefined });
    }
    if (email) destinations.push({ kind: "email", to: to.trim() });
    const monitor: MonitorInput = {
      name,
      instanceId: target === "instance" ? instanceId || null : null,
      integrationId: target === "integration" ? integrationId || null : null,
      conditions,
      destinations,
      quietPeriodMinutes: Number(quiet) || 0,
      enabled: initial?.enabled ?? true,
    };
    if (id) update.mutate({ id, monitor });
    else create.mutate(monitor);
  }

  const check = (kind: string, label: string, extra?: React.ReactNode) => (
    <label className="flex items-center gap-2 text-sm text-slate-700">
      <input type="checkbox" checked={!!on[kind]} onChange={(e) => setOn({ ...on, [kind]: e.target.checked })} />
      {label}
      {extra}
    </label>
  );
  const small = "w-20 rounded-md border-0 px-2 py-0.5 text-sm ring-1 ring-slate-300";

  return (
    <form onSubmit={submit} className="space-y-4" aria-label={id ? "Edit monitor" : "New monitor"}>
      <div className="grid gap-4 md:grid-cols-3">
        <Field label="Name" htmlFor="monitor-name">
          <TextInput id="monitor-name" value={name} onChange={(e) => setName(e.target.value)} required />
        </Field>
        <Field label="Watch" htmlFor="monitor-target">
          <select id="monitor-target" className={selectClass} value={target} onChange={(e) => setTarget(e.target.value as "instance")}>
            <option value="instance">One instance</option>
            <option value="integration">Every instance of an integration</option>
          </select>
        </Field>
        {target === "instance" ? (
          <Field label="Instance" htmlFor="monitor-instance">
            <select
              id="monitor-instance"
              className={selectClass}
              value={instanceId}
              onChange={(e) => setInstanceId(e.target.value)}
              required
            >
              <option value="">Choose…</option>
              {(instances.data ?? []).map((i: { id: string; name: string; customer: string }) => (
                <option key={i.id} value={i.id}>
                  {i.name} ({i.customer})
                </option>
              ))}
            </select>
          </Field>
        ) : (
          <Field label="Integration" htmlFor="monitor-integration">
            <select
              id="monitor-integration"
              className={selectClass}
              value={integrationId}
              onChange={(e) => setIntegrationId(e.target.value)}
              required
            >
              <option value="">Choose…</option>
              {(integrations.data ?? []).map((i: { id: string; name: string }) => (
                <option key={i.id} value={i.id}>
                  {i.name}
                </option>
              ))}
            </select>
          </Field>
        )}
      </div>
      <fieldset className="grid gap-2 md:grid-cols-2">
        <legend className="mb-1 text-sm font-medium text-slate-700">Alert when</legend>
        {check("executionFailed", "an execution failed")}
        {check("retryPending", "an attempt failed and a retry is pending")}
        {check("retriesExhausted", "an execution failed after its retries")}
        {check(
          "durationOver",
          "an execution ran at least",
          <>
            <input
              aria-label="Seconds"
              className={small}
              type="number"
              min={1}
              value={seconds}
              onChange={(e) => setSeconds(e.target.value)}
            />{" "}
            seconds
          </>,
        )}
        {check(
          "logLevel",
          "a log line at level",
          <select
            aria-label="Log level"
            className="rounded-md border-0 py-0.5 pr-7 pl-2 text-sm ring-1 ring-slate-300"
            value={level}
            onChange={(e) => setLevel(e.target.value)}
          >
            <option value="info">info or worse</option>
            <option value="warn">warn or worse</option>
            <option value="error">error</option>
          </select>,
        )}
        {check(
          "overdue",
          "no run for",
          <>
            <input
              aria-label="Minutes"
              className={small}
              type="number"
              min={1}
              value={minutes}
              onChange={(e) => setMinutes(e.target.value)}
            />{" "}
            minutes
          </>,
        )}
        {check("instanceDisabled", "the instance is disabled")}
        {check("connectionNeedsReauthorization", "an OAuth 2.0 connection needs re-authorization")}
      </fieldset>
      <fieldset className="space-y-2">
        <legend className="mb-1 text-sm font-medium text-slate-700">Send to</legend>
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" checked={feed} onChange={(e) => setFeed(e.target.checked)} /> the alert feed
        </label>
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" checked={webhook} onChange={(e) => setWebhook(e.target.checked)} /> a webhook
        </label>
        {webhook && (
          <div className="grid gap-3 pl-6 md:grid-cols-2">
            <Field label="Webhook URL" htmlFor="monitor-url">
              <TextInput
                id="monitor-url"
                type="url"
                value={url}
                onChange={(e) => setUrl(e.target.value)}
                required
                placeholder="https://hooks.example.com/…"
              />
            </Field>
            <Field label="Headers (JSON)" htmlFor="monitor-headers" hint='e.g. {"authorization": "Bearer …"}'>
              <TextInput id="monitor-headers" value={headers} onChange={(e) => setHeaders(e.target.value)} />
            </Field>
            <div className="md:col-span-2">
              <Field
                label="Payload template"
                htmlFor="monitor-template"
                hint="JSON with {{execution.id}}, {{event.message}}, {{monitor.name}}, {{instance.name}}, {{customer.name}}… Empty sends the whole event."
              >
                <textarea
                  id="monitor-template"
                  rows={4}
                  className="block w-full rounded-md border-0 px-3 py-1.5 font-mono text-xs ring-1 ring-slate-300"
                  value={template}
                  onChange={(e) => setTemplate(e.target.value)}
                />
              </Field>
            </div>
          </div>
        )}
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" checked={email} onChange={(e) => setEmail(e.target.checked)} /> email (when SMTP is configured)
        </label>
        {email && (
          <div className="pl-6 md:w-1/2">
            <Field label="Email to" htmlFor="monitor-email">
              <TextInput id="monitor-email" type="email" value={to} onChange={(e) => setTo(e.target.value)} required />
            </Field>
          </div>
        )}
      </fieldset>
      <div className="w-48">
        <Field label="Quiet period (minutes)" htmlFor="monitor-quiet" hint="after an alert, none for this instance until it passes">
          <TextInput id="monitor-quiet" type="number" min={0} value={quiet} onChange={(e) => setQuiet(e.target.value)} />
        </Field>
      </div>
      {error && (
        <p role="alert" className="text-sm text-red-600">
          {error}
        </p>
      )}
      <div className="flex gap-2">
        <Button type="submit" disabled={create.isPending || update.isPending}>
          {id ? "Save monitor" : "Create monitor"}
        </Button>
        <Button type="button" variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
