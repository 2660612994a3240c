"use client";
/** A JSON value typed as text: what parses is stored as JSON, anything else as a plain string. */
import { useState } from "react";
import type { JsonValue } from "@/runtime/definition";

const show = (v: JsonValue | undefined) => (v === undefined ? "" : typeof v === "string" ? v : JSON.stringify(v, null, 2));

function parse(text: string): JsonValue | undefined {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return text;
  }
}

export function JsonField({
  id,
  value,
  onChange,
  rows = 3,
  label,
}: {
  id: string;
  value: JsonValue | undefined;
  onChange(v: JsonValue | undefined): void;
  rows?: number;
  label?: string;
}) {
  const [text, setText] = useState(() => show(value));
  const [seen, setSeen] = useState(value);
  // follow outside changes (undo, another field) unless they are what this text already says
  if (value !== seen) {
    setSeen(value);
    if (JSON.stringify(parse(text)) !== JSON.stringify(value)) setText(show(value));
  }
  return (
    <textarea
      id={id}
      aria-label={label}
      rows={rows}
      spellCheck={false}
      value={text}
      placeholder='"text", 42, {"key": "value"} or [1, 2]'
      onChange={(e) => {
        setText(e.target.value);
        onChange(parse(e.target.value));
      }}
      className="block w-full rounded-md border-0 px-2 py-1.5 font-mono text-xs ring-1 ring-slate-300 focus:ring-2 focus:ring-brand-500 focus:outline-none"
    />
  );
}
