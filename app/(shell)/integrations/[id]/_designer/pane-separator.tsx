"use client";
/**
 * A drag handle between two panes (the WAI-ARIA window splitter): drag it with the mouse, or focus
 * it and use the arrow keys (Shift for bigger steps), Home/End for the smallest and largest size,
 * Enter to collapse the pane. The pane it sizes comes after it (right of or below it).
 */
import { useRef, type KeyboardEvent, type PointerEvent } from "react";
import type { PaneSize } from "./use-pane-size";

const STEP = 16;
const BIG_STEP = 64;

export function PaneSeparator({
  label,
  controls,
  orientation,
  pane,
}: {
  label: string;
  /** the id of the pane it sizes */
  controls: string;
  /** "vertical": a vertical bar between side-by-side panes, sizing the right one's width; "horizontal": sizing the lower one's height */
  orientation: "vertical" | "horizontal";
  pane: PaneSize;
}) {
  const drag = useRef<{ from: number; size: number } | null>(null);
  const vertical = orientation === "vertical";
  const at = (e: PointerEvent) => (vertical ? e.clientX : e.clientY);

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    e.currentTarget.focus();
    drag.current = { from: at(e), size: pane.size };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    // the pane is after the handle: moving the handle towards it (right, down) makes it smaller
    if (drag.current) pane.setSize(drag.current.size - (at(e) - drag.current.from));
  };
  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    drag.current = null;
    if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = e.shiftKey ? BIG_STEP : STEP;
    const grow = vertical ? "ArrowLeft" : "ArrowUp";
    const shrink = vertical ? "ArrowRight" : "ArrowDown";
    const next =
      e.key === grow
        ? pane.size + step
        : e.key === shrink
          ? pane.size - step
          : e.key === "Home"
            ? pane.limits.min
            : e.key === "End"
              ? pane.limits.max
              : null;
    if (next !== null) {
      e.preventDefault();
      pane.setSize(next);
    } else if (e.key === "Enter") {
      e.preventDefault();
      pane.setCollapsed(true);
    }
  };

  return (
    <div
      role="separator"
      tabIndex={0}
      aria-label={label}
      aria-controls={controls}
      aria-orientation={orientation}
      aria-valuenow={pane.size}
      aria-valuemin={pane.limits.min}
      aria-valuemax={pane.limits.max}
      aria-valuetext={`${pane.size} pixels ${vertical ? "wide" : "high"}`}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
      className={`group relative z-10 shrink-0 touch-none bg-slate-200 outline-none hover:bg-brand-300 focus-visible:bg-brand-500 ${
        vertical ? "w-1 cursor-col-resize" : "h-1 cursor-row-resize"
      }`}
    >
      {/* a wider invisible grip than the 4 px line */}
      <span aria-hidden className={`absolute ${vertical ? "inset-y-0 -right-1 -left-1" : "inset-x-0 -top-1 -bottom-1"}`} />
    </div>
  );
}
