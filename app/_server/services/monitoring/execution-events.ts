/**
 * Live execution events for server-sent events: the runtime's completion (its one LISTEN
 * connection: step/log writes and runs' ends) fanned out to the open streams that watch an
 * execution — or all of them. The hub is kept on a global, since Next.js's bundle loads its own
 * copy of this module.
 */
import { getRuntimeHandle } from "../../../../runtime/runtime-handle";

/** `ready`: the hub is listening (again); what was written before it may have been missed, so read it */
export type ExecutionEvent = { type: "steps"; id: string } | { type: "done"; id: string; status: string } | { type: "ready" };
type Subscriber = (event: ExecutionEvent) => void;

interface Hub {
  listening(): boolean;
  byExecution: Map<string, Set<Subscriber>>;
  all: Set<Subscriber>;
}

const KEY = Symbol.for("junction.executionEventHub");
type G = typeof globalThis & { [KEY]?: Hub };

function hub(): Hub {
  const g = globalThis as G;
  if (g[KEY]) return g[KEY]!;
  const { completion } = getRuntimeHandle();
  const h: Hub = { listening: completion.listening, byExecution: new Map(), all: new Set() };
  // `ready` goes to every stream; the others to the streams of their execution and of all
  const emit = (e: ExecutionEvent) => {
    const watchers = e.type === "ready" ? [...h.byExecution.values()] : [h.byExecution.get(e.id) ?? []];
    for (const set of watchers) for (const s of set) s(e);
    for (const s of h.all) s(e);
  };
  completion.onConnected(() => emit({ type: "ready" }));
  completion.onSteps((id) => emit({ type: "steps", id }));
  completion.onDone(({ id, status }) => emit({ type: "done", id, status }));
  g[KEY] = h;
  return h;
}

/** Calls `onEvent` for the execution's events (or every execution's, with "*"); returns the unsubscribe. */
export function subscribeExecutionEvents(executionId: string | "*", onEvent: Subscriber): () => void {
  const h = hub();
  if (executionId === "*") {
    h.all.add(onEvent);
    return () => h.all.delete(onEvent);
  }
  const set = h.byExecution.get(executionId) ?? new Set();
  h.byExecution.set(executionId, set);
  set.add(onEvent);
  return () => {
    set.delete(onEvent);
    if (set.size === 0) h.byExecution.delete(executionId);
  };
}

/**
 * A text/event-stream response fed by the hub until the client goes away. `ready` is sent once
 * the hub listens — at once, or when its connection is (re)made — so the client's read on `ready`
 * cannot miss a write whose notification came before. `no-transform` keeps Next's compression
 * from buffering the stream.
 */
export function eventStreamResponse(req: Request, executionId: string | "*", shape: (e: ExecutionEvent) => unknown = (e) => e): Response {
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      send("retry: 2000\n\n");
      const write = (e: ExecutionEvent) => send(`event: ${e.type}\ndata: ${JSON.stringify(shape(e))}\n\n`);
      const unsubscribe = subscribeExecutionEvents(executionId, write);
      if (hub().listening()) write({ type: "ready" });
      const ping = setInterval(() => send(": ping\n\n"), 15_000);
      cleanup = () => {
        unsubscribe();
        clearInterval(ping);
        try {
          controller.close();
        } catch {
          /* already closed */
        }
      };
      req.signal.addEventListener("abort", () => cleanup(), { once: true });
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", connection: "keep-alive", "x-accel-buffering": "no" },
  });
}
