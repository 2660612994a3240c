/** The events a view posts to the host page (embedded/src/types.ts has the same list for the package). */
export type ViewName = "marketplace" | "configure" | "instance" | "alerts" | "run";

export type HostEvent =
  | { type: "ready"; view: ViewName }
  | { type: "resize"; height: number }
  | { type: "navigate"; view: ViewName; integrationId?: string; instanceId?: string; executionId?: string }
  | { type: "instance-deployed"; instanceId: string; integrationId: string; name: string }
  | { type: "instance-configured"; instanceId: string }
  | { type: "instance-removed"; instanceId: string }
  | { type: "error"; message: string; code?: string };

/** the envelope the package looks for (embedded/src/messages.ts) */
export const CHANNEL = "junction-embedded";

/** Which view a path shows, with its ids: for `navigate` events. */
export function viewOfPath(pathname: string, search: URLSearchParams): Extract<HostEvent, { type: "navigate" }> | null {
  const [, root, view, id] = pathname.split("/");
  if (root !== "embedded") return null;
  if (view === "marketplace" || view === "alerts") return { type: "navigate", view };
  if (view === "instances" && id) return { type: "navigate", view: "instance", instanceId: id };
  if (view === "runs" && id) return { type: "navigate", view: "run", executionId: id };
  if (view === "configure") {
    const instanceId = search.get("instanceId");
    const integrationId = search.get("integrationId");
    return { type: "navigate", view: "configure", ...(instanceId ? { instanceId } : integrationId ? { integrationId } : {}) };
  }
  return null;
}
