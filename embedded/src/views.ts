import { activeSession } from "./authenticate";
import { JunctionError } from "./errors";
import { frameUrl, type ViewTarget } from "./frame-url";
import { eventFromMessage } from "./messages";
import type { EmbeddedView, EventOf, EventType, JunctionEvent, ViewOptions } from "./types";

interface Mounted extends EmbeddedView {
  origin: string;
  options: ViewOptions;
}

type Handler = (event: JunctionEvent, view: EmbeddedView) => void;

const mounted = new Set<Mounted>();
const handlers = new Map<EventType | "*", Set<Handler>>();
let listening = false;

function onMessage(message: MessageEvent): void {
  for (const view of mounted) {
    const event = eventFromMessage(message, view.origin, view.iframe.contentWindow);
    if (!event) continue;
    if (event.type === "resize" && view.options.height === "auto") view.iframe.style.height = `${Math.ceil(event.height)}px`;
    dispatch(event, view);
    return;
  }
}

function dispatch(event: JunctionEvent, view: Mounted): void {
  const call = (fn: Handler | undefined) => {
    try {
      fn?.(event, view);
    } catch (err) {
      // a host's handler that throws must not keep the others from their event
      setTimeout(() => {
        throw err;
      });
    }
  };
  call(view.options.onEvent);
  for (const fn of handlers.get(event.type) ?? []) call(fn);
  for (const fn of handlers.get("*") ?? []) call(fn);
}

function heightOf(height: ViewOptions["height"]): string {
  if (height === undefined) return "600px";
  if (height === "auto") return "320px"; // until the view reports its content's height
  return typeof height === "number" ? `${height}px` : height;
}

function elementOf(element: HTMLElement | string): HTMLElement {
  const found = typeof element === "string" ? document.querySelector<HTMLElement>(element) : element;
  if (!found || !(found instanceof HTMLElement))
    throw new JunctionError("invalid_element", `no element to show the view in: ${String(element)}`);
  return found;
}

const randomName = () => {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return `junction-${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
};

/** Puts the view's iframe in `element` (replacing what it held, another view included). */
export function mount(element: HTMLElement | string, target: ViewTarget, options: ViewOptions = {}): EmbeddedView {
  const session = activeSession();
  const host = elementOf(element);
  for (const view of mounted) if (host.contains(view.iframe)) view.destroy();
  if (!listening) {
    window.addEventListener("message", onMessage);
    listening = true;
  }
  const iframe = document.createElement("iframe");
  iframe.title = `Junction: ${target.view}`;
  // the view keeps its own state under this name (it survives the frame's reloads)
  iframe.name = randomName();
  iframe.allow = "clipboard-write";
  iframe.style.cssText = `display:block;width:100%;border:0;height:${heightOf(options.height)}`;
  iframe.src = frameUrl(session.base, target, session.token, window.location.origin, options.theme);
  const view: Mounted = {
    iframe,
    view: target.view,
    origin: session.origin,
    options,
    destroy() {
      mounted.delete(view);
      iframe.remove();
    },
  };
  mounted.add(view);
  host.replaceChildren(iframe);
  return view;
}

/** Calls `handler` for every view's events of this type ("*": all); returns what stops it. */
export function on<T extends EventType>(type: T, handler: (event: EventOf<T>, view: EmbeddedView) => void): () => void;
export function on(type: "*", handler: (event: JunctionEvent, view: EmbeddedView) => void): () => void;
export function on(type: EventType | "*", handler: Handler): () => void {
  const set = handlers.get(type) ?? new Set<Handler>();
  set.add(handler);
  handlers.set(type, set);
  return () => void set.delete(handler);
}
