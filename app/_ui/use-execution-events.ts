"use client";
/**
 * Live updates of executions over server-sent events: `useExecutionEvents(id, onEvent)` for one
 * run (the execution page, the designer's testing pane), `"*"` for every run (lists). `open`
 * fires on each (re)connection, so a view refetches what it may have missed meanwhile.
 */
import { useEffect, useRef } from "react";

export type ExecutionStreamEvent = { type: "open" } | { type: "steps"; id?: string } | { type: "done"; id?: string; status?: string };

export function useExecutionEvents(executionId: string | "*" | null | undefined, onEvent: (event: ExecutionStreamEvent) => void): void {
  const handler = useRef(onEvent);
  useEffect(() => {
    handler.current = onEvent;
  });
  useEffect(() => {
    if (!executionId) return;
    const url = executionId === "*" ? "/api/executions/events" : `/api/executions/${encodeURIComponent(executionId)}/events`;
    const source = new EventSource(url);
    const on = (type: "steps" | "done") => (msg: MessageEvent<string>) => {
      let data: Record<string, unknown> = {};
      try {
        data = JSON.parse(msg.data);
      } catch {
        /* keep it empty */
      }
      handler.current({ ...data, type } as ExecutionStreamEvent);
    };
    source.addEventListener("ready", () => handler.current({ type: "open" }));
    source.addEventListener("steps", on("steps"));
    source.addEventListener("done", on("done"));
    return () => source.close();
  }, [executionId]);
}

/** Calls `fn` at most once per `ms`, trailing: bursts of events become one refetch. */
export function throttle(fn: () => void, ms: number): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = 0;
  return () => {
    if (timer) return;
    const wait = Math.max(0, last + ms - Date.now());
    timer = setTimeout(() => {
      timer = undefined;
      last = Date.now();
      fn();
    }, wait);
  };
}
