"use client";
/**
 * A pane's size and whether it is collapsed, remembered per browser (localStorage) for every
 * integration alike: a layout that suits a screen suits it everywhere. The size is kept within
 * limits worked out from the window, so a size saved on a big screen still fits a small one.
 */
import { useCallback, useEffect, useState } from "react";

export type PaneLimits = { initial: number; min: number; max: number };
export type PaneSize = { size: number; collapsed: boolean; limits: PaneLimits; setSize(n: number): void; setCollapsed(c: boolean): void };

type Stored = { size?: number; collapsed?: boolean };

const storageKey = (key: string) => `junction:designer-pane:${key}`;

function read(key: string): Stored {
  if (typeof window === "undefined") return {};
  try {
    const v = JSON.parse(localStorage.getItem(storageKey(key)) ?? "{}") as Stored;
    return v && typeof v === "object" ? v : {};
  } catch {
    return {};
  }
}

const clamp = (n: number, { min, max }: PaneLimits) => Math.round(Math.min(Math.max(n, min), Math.max(min, max)));

/** `limitsFor` gets the window's size; it is asked again when the window is resized. */
export function usePaneSize(key: string, limitsFor: (w: { width: number; height: number }) => PaneLimits): PaneSize {
  const [win, setWin] = useState(() =>
    typeof window === "undefined" ? { width: 1440, height: 900 } : { width: window.innerWidth, height: window.innerHeight },
  );
  useEffect(() => {
    const onResize = () => setWin({ width: window.innerWidth, height: window.innerHeight });
    window.addEventListener("resize", onResize);
    return () => window.removeEventListener("resize", onResize);
  }, []);
  const limits = limitsFor(win);
  const [stored, setStored] = useState<Stored>(() => read(key));
  const save = useCallback(
    (patch: Stored) =>
      setStored((s) => {
        const next = { ...s, ...patch };
        localStorage.setItem(storageKey(key), JSON.stringify(next));
        return next;
      }),
    [key],
  );
  return {
    size: clamp(stored.size ?? limits.initial, limits),
    collapsed: stored.collapsed ?? false,
    limits,
    setSize: (n) => save({ size: clamp(n, limits) }),
    setCollapsed: (collapsed) => save({ collapsed }),
  };
}
