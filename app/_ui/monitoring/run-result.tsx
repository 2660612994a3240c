"use client";
/**
 * The execution page's Result: the run's result as stored for display, with its status code and
 * content type. A result larger than what is kept for display is shown as the preview it is,
 * saying so, with the full result as a download; so are bytes. The download is the exact body a
 * webhook caller got (`/api/executions/<id>/result?download`).
 */
import { isTruncated } from "../json-tree";
import { formatBytes } from "./format";
import { StoredValue } from "./step-waterfall";

/** what the runtime stores beside the result (runtime/executions/result-columns.ts) */
export interface RunResultMeta {
  statusCode?: number;
  contentType?: string;
  binary?: boolean;
  fullBody?: boolean;
  size?: number;
}

function DownloadLink({ id, children }: { id: string; children: React.ReactNode }) {
  return (
    <a className="font-medium text-brand-600 hover:underline" href={`/api/executions/${id}/result?download`} download>
      {children}
    </a>
  );
}

export function RunResult({ id, result, meta }: { id: string; result: unknown; meta: RunResultMeta | null }) {
  const facts = [meta?.statusCode && `status ${meta.statusCode}`, meta?.contentType].filter(Boolean).join(" · ");
  const factsLine = facts ? <p className="mt-2 text-xs text-slate-500">{facts}</p> : null;

  if (isTruncated(result)) {
    const size = meta?.size ?? result.$truncated.size;
    return (
      <>
        <p role="note" className="mb-2 rounded bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Preview only: the result is {formatBytes(size)}, more than this page keeps. Webhook callers and the result API get all of it.{" "}
          {meta?.fullBody ? <DownloadLink id={id}>Download the full result ({formatBytes(size)})</DownloadLink> : null}
        </p>
        <pre
          aria-label="Result preview"
          className="max-h-64 overflow-auto rounded bg-slate-50 p-2 font-mono text-xs break-all whitespace-pre-wrap text-slate-700"
        >
          {result.$truncated.preview}…
        </pre>
        {factsLine}
      </>
    );
  }
  if (meta?.binary) {
    return (
      <>
        <p className="text-sm text-slate-700">
          Binary body <DownloadLink id={id}>Download</DownloadLink>
        </p>
        {factsLine}
      </>
    );
  }
  return (
    <>
      <StoredValue value={result} label="Result" />
      {factsLine}
    </>
  );
}
