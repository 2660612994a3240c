"use client";
import { createContext, useContext, useEffect, useRef } from "react";
import type { HostEvent, ViewName } from "./host-events";

export interface Embed {
  /** posts an event to the host page (queued until the host's origin is known to be allowed; dropped if it is not) */
  post(event: HostEvent): void;
  user: { id: string; name: string; email: string; role: string };
  customer: { id: string; name: string; externalId: string | null };
  /** a customer admin: may activate, configure, enable, disable and remove (a read-only user looks only) */
  canWrite: boolean;
}

export const EmbedContext = createContext<Embed | null>(null);

export function useEmbed(): Embed {
  const embed = useContext(EmbedContext);
  if (!embed) throw new Error("useEmbed() outside the embedded layout");
  return embed;
}

/** Posts `ready` once, the first time the view has what it draws. */
export function useViewReady(view: ViewName, ready: boolean): void {
  const { post } = useEmbed();
  const sent = useRef(false);
  useEffect(() => {
    if (!ready || sent.current) return;
    sent.current = true;
    post({ type: "ready", view });
  }, [ready, view, post]);
}
