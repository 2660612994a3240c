"use client";
/**
 * Autosave: the draft goes to the server a moment after the last edit, with the revision it was
 * based on, so a save over someone else's newer draft is refused (CONFLICT) instead of winning
 * silently. Every edit is also kept in localStorage until the server has it: a reload, a crash or
 * a lost connection loses nothing typed. A draft with problems (a key with a space) is saved all
 * the same: the designer shows each problem where it is, and nothing typed waits on fixing it.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import type { Definition } from "@/runtime/definition";
import { useTRPC } from "@/app/_ui/trpc";

export type SaveStatus = "saved" | "unsaved" | "saving" | "error" | "conflict";

export interface Conflict {
  server: Definition;
  revision: number;
}

interface Stored {
  baseRevision: number;
  draft: Definition;
}

const storageKey = (id: string) => `junction:designer:${id}`;
const DEBOUNCE_MS = 700;

export function readStoredDraft(id: string): Stored | null {
  try {
    const raw = localStorage.getItem(storageKey(id));
    return raw ? (JSON.parse(raw) as Stored) : null;
  } catch {
    return null;
  }
}

export function useAutosave(id: string, draft: Definition, initial: { revision: number; saved: Definition; conflict: Conflict | null }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const save = useMutation(trpc.integrations.saveDraft.mutationOptions());
  const base = useRef(initial.revision);
  const lastSaved = useRef<Definition>(initial.saved);
  const latest = useRef(draft);
  useLayoutEffect(() => {
    latest.current = draft;
  });
  const inFlight = useRef<Promise<void> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [status, setStatus] = useState<SaveStatus>(initial.conflict ? "conflict" : draft === initial.saved ? "saved" : "unsaved");
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(initial.conflict);
  const conflicted = useRef(initial.conflict !== null);

  const saveNow = useCallback(async (): Promise<void> => {
    if (inFlight.current) await inFlight.current;
    const sending = latest.current;
    if (sending === lastSaved.current || conflicted.current) return;
    setStatus("saving");
    const run = (async () => {
      try {
        const row = await save.mutateAsync({ id, definition: sending, baseRevision: base.current });
        base.current = row.draftRevision;
        lastSaved.current = sending;
        setError(null);
        if (latest.current === sending) {
          localStorage.removeItem(storageKey(id));
          setStatus("saved");
        } else {
          setStatus("unsaved");
        }
        void queryClient.invalidateQueries({ queryKey: trpc.integrations.list.queryKey() });
      } catch (err) {
        const code = err instanceof TRPCClientError ? (err.data as { code?: string } | undefined)?.code : undefined;
        if (code === "CONFLICT" && /draft changed/.test((err as Error).message)) {
          conflicted.current = true;
          const fresh = await queryClient.fetchQuery({ ...trpc.integrations.get.queryOptions({ id }), staleTime: 0 });
          setConflict({ server: fresh.draft, revision: fresh.draftRevision });
          setStatus("conflict");
        } else {
          setStatus("error");
          setError(`Not saved: ${(err as Error).message}`);
        }
      }
    })();
    inFlight.current = run;
    await run;
    inFlight.current = null;
  }, [id, queryClient, save, trpc]);

  useEffect(() => {
    if (draft === lastSaved.current) return;
    localStorage.setItem(storageKey(id), JSON.stringify({ baseRevision: base.current, draft } satisfies Stored));
    if (conflicted.current) return;
    setStatus("unsaved");
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void saveNow(), DEBOUNCE_MS);
    return () => clearTimeout(timer.current);
  }, [draft, id, saveNow]);

  // the browser asks before leaving while the server does not have every edit yet
  useEffect(() => {
    if (status === "saved") return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [status]);

  const flush = useCallback(async () => {
    clearTimeout(timer.current);
    await saveNow();
    if (inFlight.current) await inFlight.current;
    if (latest.current !== lastSaved.current)
      throw new Error(conflicted.current ? "the draft changed on the server: resolve the conflict first" : "the draft could not be saved");
  }, [saveNow]);

  /** take the server's draft; the caller puts it on screen */
  const acceptServer = useCallback(
    (c: Conflict) => {
      base.current = c.revision;
      lastSaved.current = c.server;
      conflicted.current = false;
      localStorage.removeItem(storageKey(id));
      setConflict(null);
      setStatus("saved");
    },
    [id],
  );

  /** save ours over the server's */
  const overwrite = useCallback(
    (c: Conflict) => {
      base.current = c.revision;
      conflicted.current = false;
      setConflict(null);
      void saveNow();
    },
    [saveNow],
  );

  return { status, error, conflict, flush, acceptServer, overwrite };
}
