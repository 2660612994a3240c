"use client";
/** The customer's alerts (the organization's monitors that fired for its instances). */
import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { AlertFeed } from "@/app/_ui/monitoring/alert-feed";
import { useTRPC } from "@/app/_ui/trpc";
import { useViewReady } from "../_lib/embed-context";
import { ViewHeading } from "./embed-ui";

export function AlertsView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  useViewReady("alerts", true);
  // the feed's live updates ride server-sent events, which need a cookie: here it is polled
  useEffect(() => {
    const timer = setInterval(() => void queryClient.invalidateQueries({ queryKey: trpc.monitoring.alerts.events.pathKey() }), 10_000);
    return () => clearInterval(timer);
  }, [queryClient, trpc]);
  return (
    <>
      <ViewHeading title="Alerts" subtitle="What needs your attention in your integrations." />
      <AlertFeed canAcknowledge={false} executionHref={(id) => `/embedded/runs/${id}`} liveUpdates={false} />
    </>
  );
}
