"use client";
/**
 * An instance's OAuth 2.0 connections that need the customer again (a refresh the provider
 * refused): a banner per connection with Reconnect, which signs in again on the same connection —
 * the instance keeps it, nothing to reconfigure.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { Oauth2Message } from "@/app/_ui/config-fields/oauth2-field";
import { useTRPC } from "@/app/_ui/trpc";
import { Button } from "@/app/_ui/ui";

interface Connection {
  id: string;
  configVarKey: string;
  status: string;
  lastError: string | null;
}

export function ConnectionAlerts({
  instanceId,
  connections,
  canReconnect,
}: {
  instanceId: string;
  connections: Connection[];
  canReconnect: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const start = useMutation(trpc.connections.start.mutationOptions());
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      if (event.origin !== window.location.origin || (event.data as Oauth2Message)?.type !== "junction:oauth2") return;
      const m = event.data as Oauth2Message;
      setError(m.status === "failed" ? (m.error ?? "the provider refused") : null);
      void queryClient.invalidateQueries({ queryKey: trpc.instances.get.queryKey({ id: instanceId }) });
    };
    window.addEventListener("message", onMessage);
    return () => window.removeEventListener("message", onMessage);
  }, [instanceId, queryClient, trpc]);

  const broken = connections.filter((c) => c.status === "needs_reauthorization");
  if (broken.length === 0) return null;
  const reconnect = async (connectionId: string) => {
    const popup = window.open("about:blank", "junction-oauth2", "width=520,height=680");
    try {
      const { authorizeUrl } = await start.mutateAsync({ connectionId });
      if (popup) popup.location.href = authorizeUrl;
    } catch (err) {
      popup?.close();
      setError((err as Error).message);
    }
  };
  return (
    <div className="space-y-2">
      {broken.map((c) => (
        <div
          key={c.id}
          role="alert"
          className="flex items-center gap-3 rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-amber-200"
        >
          <div>
            <p className="font-medium">The connection “{c.configVarKey}” needs re-authorization.</p>
            <p className="text-xs text-amber-800">
              {c.lastError ? `Why: ${c.lastError}.` : "The provider no longer accepts it."} Runs that use it fail until it is reconnected.
            </p>
          </div>
          {canReconnect && (
            <Button type="button" className="ml-auto" onClick={() => void reconnect(c.id)} disabled={start.isPending}>
              Reconnect
            </Button>
          )}
        </div>
      ))}
      {error && <p className="text-xs text-red-600">{error}</p>}
    </div>
  );
}
