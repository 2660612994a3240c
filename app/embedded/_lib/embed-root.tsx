"use client";
/**
 * The root of every embedded view: reads what the browser package put in the fragment, talks to
 * the API with the embedded session as a bearer token (never a cookie: a third-party iframe's
 * cookies are blocked, and the org's own session must not leak in), applies the theme, and posts
 * events (ready, resize, navigate, error) to the host page — only to its origin, and only when
 * that origin is one the organization allows.
 */
import { MutationCache, QueryCache, QueryClient, QueryClientProvider, useQuery } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from "react";
import type { AppRouter } from "@/app/_server/routers";
import { TRPCProvider, useTRPC } from "@/app/_ui/trpc";
import { EmbedContext, type Embed } from "./embed-context";
import { fetchFrameAncestorOrigins } from "./frame-ancestors";
import { CHANNEL, viewOfPath, type HostEvent } from "./host-events";
import { forgetSession, readLaunch, type Launch } from "./launch";
import { applyTheme, mergeTheme } from "./theme-vars";

const noSubscription = () => () => {};

export function EmbedRoot({ children }: { children: ReactNode }) {
  // the fragment exists in the browser only: the server (and hydration) render the loading state
  const launch = useSyncExternalStore(noSubscription, readLaunch, () => null);
  if (!launch) return <Centered>Loading…</Centered>;
  return <EmbedSession launch={launch}>{children}</EmbedSession>;
}

const unauthorized = (err: unknown) => err instanceof TRPCClientError && err.data?.httpStatus === 401;

function EmbedSession({ launch, children }: { launch: Launch; children: ReactNode }) {
  const [ended, setEnded] = useState(!launch.session);
  const [queryClient] = useState(() => {
    const onError = (err: unknown) => unauthorized(err) && setEnded(true);
    return new QueryClient({
      queryCache: new QueryCache({ onError }),
      mutationCache: new MutationCache({ onError }),
      defaultOptions: { queries: { staleTime: 5_000, retry: false, refetchOnWindowFocus: false } },
    });
  });
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        httpBatchLink({
          url: "/api/trpc",
          headers: () => ({ authorization: `Bearer ${launch.session}` }),
          fetch: (url, init) => fetch(url, { ...(init as RequestInit), credentials: "omit" }),
        }),
      ],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <EmbedFrame launch={launch} ended={ended}>
          {children}
        </EmbedFrame>
      </TRPCProvider>
    </QueryClientProvider>
  );
}

function EmbedFrame({ launch, ended, children }: { launch: Launch; ended: boolean; children: ReactNode }) {
  const trpc = useTRPC();
  const context = useQuery({ ...trpc.embedding.context.queryOptions(), enabled: !ended, staleTime: 60_000 });
  // with the session gone, the page's own frame-ancestors tells which origins are allowed
  const ancestors = useQuery({ queryKey: ["junction-frame-ancestors"], queryFn: fetchFrameAncestorOrigins, enabled: ended });

  const theme = useMemo(() => mergeTheme(context.data?.theme, launch.theme), [context.data?.theme, launch.theme]);
  useEffect(() => applyTheme(theme), [theme]);

  const allowed = ended ? ancestors.data : context.data?.allowedOrigins;
  const parent = launch.parentOrigin;
  const framed = window.parent !== window;
  // undefined: not known yet (events wait); false: nobody to tell
  const canPost =
    !framed || !parent || ancestors.isError ? false : allowed === undefined ? undefined : allowed.includes(parent.toLowerCase());
  const post = useHostPoster(canPost, parent);

  useEffect(() => {
    if (!ended) return;
    forgetSession();
    post({ type: "error", code: "session_expired", message: `The session has expired: sign in again from ${hostName(parent)}.` });
  }, [ended, parent, post]);
  useNavigateEvents(post);
  const content = useResizeEvents(post);

  let body: ReactNode;
  if (ended) body = <SessionEnded host={hostName(parent)} />;
  else if (context.isError) body = <Problem>{context.error.message}</Problem>;
  else if (!context.data) body = <p className="text-sm text-slate-500">Loading…</p>;
  else if (!context.data.customer)
    body = <Problem>These views are for your customers&apos; users, signed in through your product.</Problem>;
  else {
    const { user, customer } = context.data;
    const embed: Embed = { post, user, customer, canWrite: user.role === "customer" };
    body = <EmbedContext.Provider value={embed}>{children}</EmbedContext.Provider>;
  }
  return (
    <div ref={content} className="flow-root">
      <div className="mx-auto max-w-5xl p-4 sm:p-6">{body}</div>
    </div>
  );
}

/** Events wait until the host's origin is known to be allowed, then go to that origin only (never "*"). */
function useHostPoster(canPost: boolean | undefined, parent: string | null): (event: HostEvent) => void {
  const state = useRef<{ canPost: boolean | undefined; queue: HostEvent[] }>({ canPost: undefined, queue: [] });
  const send = useCallback((event: HostEvent) => window.parent.postMessage({ channel: CHANNEL, event }, parent!), [parent]);
  useEffect(() => {
    state.current.canPost = canPost;
    if (canPost === undefined) return;
    const waiting = state.current.queue.splice(0);
    if (canPost) waiting.forEach(send);
  }, [canPost, send]);
  return useCallback(
    (event: HostEvent) => {
      if (state.current.canPost === undefined) state.current.queue.push(event);
      else if (state.current.canPost) send(event);
    },
    [send],
  );
}

/** `navigate` whenever the frame moves to another view (not for the view it opened on) */
function useNavigateEvents(post: (event: HostEvent) => void): void {
  const pathname = usePathname();
  const search = useSearchParams();
  const last = useRef<string | null>(null);
  useEffect(() => {
    const where = `${pathname}?${search.toString()}`;
    const first = last.current === null;
    if (where === last.current) return;
    last.current = where;
    const event = viewOfPath(pathname, search);
    if (!first && event) post(event);
  }, [pathname, search, post]);
}

/**
 * `resize` with the content's height, for hosts that let the iframe follow it. Growing is posted
 * at once; shrinking waits a moment, so the "Loading…" between two views does not fold the
 * host's iframe to a line and open it again.
 */
function useResizeEvents(post: (event: HostEvent) => void) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let last = -1;
    let shrink: ReturnType<typeof setTimeout> | undefined;
    const send = (height: number) => {
      if (height === last) return;
      last = height;
      post({ type: "resize", height });
    };
    const observer = new ResizeObserver(() => {
      const height = Math.ceil(el.getBoundingClientRect().height);
      clearTimeout(shrink);
      if (height >= last) send(height);
      else shrink = setTimeout(() => send(Math.ceil(el.getBoundingClientRect().height)), SHRINK_DELAY_MS);
    });
    observer.observe(el);
    return () => {
      clearTimeout(shrink);
      observer.disconnect();
    };
  }, [post]);
  return ref;
}

const SHRINK_DELAY_MS = 400;

const hostName = (origin: string | null) => (origin ? new URL(origin).host : "your product");

function Centered({ children }: { children: ReactNode }) {
  return <p className="p-6 text-sm text-slate-500">{children}</p>;
}

function Problem({ children }: { children: ReactNode }) {
  return (
    <div role="alert" className="rounded-md bg-red-50 px-4 py-3 text-sm text-red-800 ring-1 ring-red-200">
      {children}
    </div>
  );
}

function SessionEnded({ host }: { host: string }) {
  return (
    <div role="alert" className="rounded-lg bg-[var(--junction-surface)] px-6 py-10 text-center ring-1 ring-[var(--junction-border)]">
      <p className="text-base font-semibold text-[var(--junction-text)]">Your session has expired</p>
      <p className="mt-1 text-sm text-[var(--junction-muted)]">
        Session expired — sign in again from <strong>{host}</strong>.
      </p>
    </div>
  );
}
