"use client";
/** Text that becomes a field when clicked; Enter or leaving the field commits, Escape cancels. */
import { useState } from "react";

export function InlineText(props: {
  label: string;
  value: string;
  placeholder?: string;
  className?: string;
  /** return false (or a message) to keep editing */
  onCommit(value: string): unknown;
}) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(props.value);
  const [error, setError] = useState<string | null>(null);
  if (!editing) {
    return (
      <button
        type="button"
        aria-label={`${props.label}: ${props.value || "empty"} (click to edit)`}
        className={`block max-w-full truncate rounded px-1 text-left hover:bg-slate-100 ${props.className ?? ""} ${props.value ? "" : "italic text-slate-400"}`}
        onClick={(e) => {
          e.stopPropagation();
          setText(props.value);
          setError(null);
          setEditing(true);
        }}
      >
        {props.value || props.placeholder}
      </button>
    );
  }
  const commit = () => {
    if (text === props.value) return setEditing(false);
    const result = props.onCommit(text);
    if (typeof result === "string") return setError(result);
    if (result === false) return;
    setEditing(false);
  };
  return (
    <span className="block" onClick={(e) => e.stopPropagation()}>
      <input
        autoFocus
        aria-label={props.label}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === "Enter") commit();
          if (e.key === "Escape") setEditing(false);
        }}
        className={`w-full rounded px-1 ring-1 ring-brand-500 outline-none ${props.className ?? ""}`}
      />
      {error && (
        <span role="alert" className="block text-xs text-red-600">
          {error}
        </span>
      )}
    </span>
  );
}
