"use client";
/**
 * The test run's payload: a JSON body, a text with its content type, or a file (a PDF, an image)
 * sent as its bytes — as a real caller would post them — with headers. Used by the designer's
 * testing pane and an instance's test card. JSON and text are kept in the browser under
 * `storageKey`; a file only for the page's life (it may be large).
 */
import { useEffect, useState } from "react";

type Kind = "json" | "text" | "file";
const KINDS: [Kind, string][] = [
  ["json", "JSON"],
  ["text", "Text"],
  ["file", "File"],
];

export type TestBody = { body?: unknown } | { binary: { contentType: string; base64: string } };

interface PickedFile {
  name: string;
  size: number;
  base64: string;
}

function usePersisted(key: string, initial: () => string): [string, (v: string) => void] {
  const [value, setValue] = useState(initial);
  useEffect(() => {
    const stored = localStorage.getItem(key);
    // eslint-disable-next-line react-hooks/set-state-in-effect -- localStorage is readable only in the browser, after mount (the server render has none)
    if (stored !== null) setValue(stored);
  }, [key]);
  return [value, (v) => (setValue(v), localStorage.setItem(key, v))];
}

function parseJson(text: string, what: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${what} is not valid JSON: fix it in the Payload tab`);
  }
}

const field = "rounded-md border-0 p-2 font-mono text-xs ring-1 ring-slate-300";

/** `sample`: the JSON body to start from before anything was typed (the designer: the flow's saved sample payload) */
export function useTestPayload({ storageKey, sample }: { storageKey: string; sample?: unknown }) {
  const key = (part: string) => `junction:test-${part}:${storageKey}`;
  const [json, setJson] = usePersisted(key("body"), () =>
    sample === undefined || sample === null ? "{}" : JSON.stringify(sample, null, 2),
  );
  const [headers, setHeaders] = usePersisted(key("headers"), () => "{}");
  const [kind, setKind] = usePersisted(key("kind"), () => "json");
  const [text, setText] = usePersisted(key("text"), () => "");
  const [contentType, setContentType] = usePersisted(key("content-type"), () => "text/plain");
  const [file, setFile] = useState<PickedFile | null>(null);

  /** what the run is sent, or an error saying what to fix */
  const build = (): { payload: TestBody; headers: Record<string, string> | undefined } => {
    const head = parseJson(headers, "The headers") as Record<string, string> | undefined;
    if (kind === "text")
      return { payload: { binary: { contentType: contentType || "text/plain", base64: toBase64(text) } }, headers: head };
    if (kind === "file") {
      if (!file) throw new Error("Choose a file to send in the Payload tab");
      return { payload: { binary: { contentType: contentType || "application/octet-stream", base64: file.base64 } }, headers: head };
    }
    return { payload: { body: parseJson(json, "The payload") }, headers: head };
  };

  const view = (
    <div className="grid h-full grid-cols-2 gap-3">
      <div className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        <div className="flex flex-wrap items-center gap-2">
          <span>Body</span>
          <div role="radiogroup" aria-label="Payload kind" className="flex rounded-md bg-slate-100 p-0.5 text-[11px]">
            {KINDS.map(([k, label]) => (
              <button
                key={k}
                type="button"
                role="radio"
                aria-checked={kind === k}
                onClick={() => {
                  setKind(k);
                  if (k === "file" && file === null) setContentType("application/octet-stream");
                  if (k === "text" && contentType === "application/octet-stream") setContentType("text/plain");
                }}
                className={`rounded px-1.5 py-0.5 ${kind === k ? "bg-white font-medium text-slate-900 shadow-sm" : "text-slate-500"}`}
              >
                {label}
              </button>
            ))}
          </div>
          {kind !== "json" && (
            <label className="flex items-center gap-1 font-normal">
              Content type
              <input
                aria-label="Content type"
                value={contentType}
                onChange={(e) => setContentType(e.target.value)}
                placeholder="application/pdf"
                className={`${field} w-44 py-1`}
              />
            </label>
          )}
        </div>
        {kind === "json" && (
          <textarea
            aria-label="Test payload"
            spellCheck={false}
            value={json}
            onChange={(e) => setJson(e.target.value)}
            className={`${field} flex-1`}
          />
        )}
        {kind === "text" && (
          <textarea
            aria-label="Test payload text"
            spellCheck={false}
            value={text}
            onChange={(e) => setText(e.target.value)}
            className={`${field} flex-1`}
          />
        )}
        {kind === "file" && (
          <div className="space-y-1">
            <input
              type="file"
              aria-label="Payload file"
              className="block text-xs"
              onChange={async (e) => {
                const chosen = e.target.files?.[0];
                if (!chosen) return;
                const bytes = new Uint8Array(await chosen.arrayBuffer());
                setFile({ name: chosen.name, size: chosen.size, base64: bytesToBase64(bytes) });
                setContentType(chosen.type || "application/octet-stream");
              }}
            />
            {file && (
              <p className="font-normal text-slate-700" data-testid="payload-file">
                {file.name} · {file.size.toLocaleString()} bytes · sent as {contentType || "application/octet-stream"}
              </p>
            )}
          </div>
        )}
      </div>
      <label className="flex flex-col text-xs font-medium text-slate-600">
        Headers (JSON object)
        <textarea
          aria-label="Test headers"
          spellCheck={false}
          value={headers}
          onChange={(e) => setHeaders(e.target.value)}
          className={`${field} mt-1 flex-1`}
        />
      </label>
    </div>
  );
  return { view, build };
}

const toBase64 = (text: string) => bytesToBase64(new TextEncoder().encode(text));

function bytesToBase64(bytes: Uint8Array): string {
  let binary = "";
  // in slices: String.fromCharCode takes its bytes as arguments, and a large file would overflow the stack
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
