import type { EventType, JunctionEvent } from "./types";

/** what a view posts: `{ channel, event }`, so other messages on the page are told apart */
export const CHANNEL = "junction-embedded";

const TYPES: ReadonlySet<string> = new Set<EventType>([
  "ready",
  "resize",
  "navigate",
  "instance-deployed",
  "instance-configured",
  "instance-removed",
  "error",
]);

/**
 * The event in a message, or null. A message counts only when it comes from Junction's origin
 * AND from the very iframe it is checked for: another frame of the page (an ad, a widget) could
 * post the same shape, and Junction's origin alone would not tell one view from another.
 */
export function eventFromMessage(
  message: { origin: string; source: unknown; data: unknown },
  junctionOrigin: string,
  frameWindow: unknown,
): JunctionEvent | null {
  if (!frameWindow || message.source !== frameWindow || message.origin !== junctionOrigin) return null;
  const data = message.data as { channel?: unknown; event?: Record<string, unknown> } | null;
  if (!data || typeof data !== "object" || data.channel !== CHANNEL) return null;
  const event = data.event;
  if (!event || typeof event !== "object" || typeof event.type !== "string" || !TYPES.has(event.type)) return null;
  // plain values only: an event carries ids, names and numbers
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event)) {
    if (value === null || ["string", "number", "boolean"].includes(typeof value)) copy[key] = value;
  }
  if (copy.type === "resize" && !(typeof copy.height === "number" && Number.isFinite(copy.height) && copy.height >= 0)) return null;
  return copy as JunctionEvent;
}
