/**
 * Server-sent events of executions: the runtime's event hub (`ctx.services.events`) written to a
 * text/event-stream response.
 */
import type { ExecutionEvent, ExecutionEventHub } from "@/runtime/executions/completion/event-hub";

export type { ExecutionEvent };

/**
 * A text/event-stream response fed by the hub until the client goes away. `ready` is sent once
 * the hub listens — at once, or when its connection is (re)made — so the client's read on `ready`
 * cannot miss a write whose notification came before. `no-transform` keeps Next's compression
 * from buffering the stream.
 */
export function eventStreamResponse(
  req: Request,
  hub: ExecutionEventHub,
  executionId: string | "*",
  shape: (e: ExecutionEvent) => unknown = (e) => e,
): Response {
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
      const unsubscribe = hub.subscribe(executionId, write);
      if (hub.listening()) write({ type: "ready" });
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
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
}
