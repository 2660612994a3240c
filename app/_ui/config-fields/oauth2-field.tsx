"use client";
/**
 * "Connect": the provider's sign-in in a popup. The server makes the authorize URL (state and
 * PKCE stay on it); the callback page tells this window how it went with a message from our own
 * origin, and the status is polled besides, in case the popup cannot reach its opener. The field's
 * value becomes `{ connectionId }`; tokens never reach the browser.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { ConfigVar } from "@/runtime/definition/schema";
import { useTRPC } from "../trpc";
import { Button } from "../ui";
import { useConnectionTarget } from "./connection-target";

const POPUP = "width=520,height=680";

export interface Oauth2Message {
  type: "junction:oauth2";
  connectionId: string | null;
  status: "connected" | "failed";
  error?: string;
}

export function Oauth2Field({
  v,
  value,
  onChange,
  invalid,
}: {
  v: Extract<ConfigVar, { type: "credential" }>;
  value: unknown;
  onChange: (v: unknown) => void;
  invalid: boolean;
}) {
  const trpc = useTRPC();
  const target = useConnectionTarget();
  const chosen = (value as { connectionId?: string } | undefined)?.connectionId;
  const [pending, setPending] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const start = useMutation(trpc.connections.start.mutationOptions());
  const queryClient = useQueryClient();
  const status = useQuery({ ...trpc.connections.status.queryOptions({ connectionId: chosen ?? "" }), enabled: !!chosen });

  // while a sign-in is under way: the callback page's message, or (a popup that lost its opener) the polled status
  useEffect(() => {
    if (!pending) return;
    const settle = (connected: boolean, error?: string | null) => {
      if (connected) {
        onChange({ connectionId: pending });
        setPending(null);
        setFailure(null);
        void queryClient.invalidateQueries({ queryKey: trpc.connections.status.queryKey({ connectionId: pending }) });
      } else if (error) {
        // the sign-in is over, and failed: Connect starts a new one
        setFailure(error);
        setPending(null);
      }
    };
    const onMessage = (event: MessageEvent) => {
      // the callback page is ours: anything from another origin is not about this connection
      if (event.origin !== window.location.origin) return;
      const m = event.data as Oauth2Message;
      if (m?.type === "junction:oauth2" && m.connectionId === pending) settle(m.status === "connected", m.error ?? "the provider refused");
    };
    const poll = setInterval(() => {
      void queryClient
        .fetchQuery({ ...trpc.connections.status.queryOptions({ connectionId: pending }), staleTime: 0 })
        .then((s) => settle(s.status === "connected", s.lastError))
        .catch(() => {});
    }, 2_000);
    window.addEventListener("message", onMessage);
    return () => {
      clearInterval(poll);
      window.removeEventListener("message", onMessage);
    };
  }, [pending, onChange, queryClient, trpc]);

  if (!target) return <p className="text-sm text-slate-500">Connections are made in the deployment wizard.</p>;

  const connect = async () => {
    setFailure(null);
    // opened before the request, in the click: a popup opened after an await is blocked
    const popup = window.open("about:blank", "junction-oauth2", POPUP);
    try {
      const started = await start.mutateAsync({
        integrationId: target.integrationId,
        configVarKey: v.key,
        ...("test" in target ? { test: true } : { customerId: target.customerId }),
      });
      setPending(started.connectionId);
      if (popup) popup.location.href = started.authorizeUrl;
      else window.open(started.authorizeUrl, "junction-oauth2", POPUP);
    } catch (err) {
      popup?.close();
      setFailure((err as Error).message);
    }
  };

  const state = pending
    ? "waiting"
    : chosen && status.data?.status === "connected"
      ? "connected"
      : chosen
        ? (status.data?.status ?? "checking")
        : "none";
  return (
    <div
      className={`flex flex-wrap items-center gap-3 rounded-md bg-slate-50 px-3 py-2 text-sm ring-1 ${invalid ? "ring-red-300" : "ring-slate-200"}`}
    >
      {state === "connected" && (
        <>
          <span className="rounded bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-700">connected</span>
          <span className="text-slate-600">Signed in at the provider; Junction keeps the access and renews it.</span>
        </>
      )}
      {state === "waiting" && <span className="text-slate-600">Waiting for the sign-in in the popup…</span>}
      {state === "none" && <span className="text-slate-600">Sign in at the provider to let this integration act for you.</span>}
      {state === "needs_reauthorization" && <span className="text-amber-700">Needs re-authorization</span>}
      <Button
        type="button"
        variant={state === "connected" ? "secondary" : "primary"}
        className="ml-auto"
        onClick={() => void connect()}
        disabled={start.isPending}
      >
        {state === "connected" || state === "needs_reauthorization" ? "Reconnect" : `Connect ${v.label}`}
      </Button>
      {failure && (
        <p role="alert" className="w-full text-xs text-red-600">
          Failed: {failure}
        </p>
      )}
    </div>
  );
}
