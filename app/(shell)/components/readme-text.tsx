/**
 * A readme's Markdown shown safely: headings, lists, code blocks, paragraphs, `code` and **bold**
 * become React elements holding text. Nothing is parsed as HTML, so a readme's tags and scripts
 * show as the text they are; links show as text too (a registry package's URLs are not ours to follow).
 */
import type { ReactNode } from "react";

type Block =
  | { kind: "heading"; level: number; text: string }
  | { kind: "list"; items: string[] }
  | { kind: "code"; text: string }
  | { kind: "para"; text: string };

function blocks(markdown: string): Block[] {
  const out: Block[] = [];
  const lines = markdown.replace(/\r\n?/g, "\n").split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^```/.test(line)) {
      const code: string[] = [];
      while (++i < lines.length && !/^```/.test(lines[i]!)) code.push(lines[i]!);
      out.push({ kind: "code", text: code.join("\n") });
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      out.push({ kind: "heading", level: heading[1]!.length, text: heading[2]! });
      continue;
    }
    const item = /^\s*(?:[-*+]|\d+\.)\s+(.*)$/.exec(line);
    if (item) {
      const last = out.at(-1);
      if (last?.kind === "list") last.items.push(item[1]!);
      else out.push({ kind: "list", items: [item[1]!] });
      continue;
    }
    if (!line.trim()) continue;
    const last = out.at(-1);
    if (last?.kind === "para" && lines[i - 1]?.trim()) last.text += ` ${line.trim()}`;
    else out.push({ kind: "para", text: line.trim() });
  }
  return out;
}

/** `code` and **bold** inside a line; everything else stays text */
function inline(text: string): ReactNode[] {
  return text.split(/(`[^`]+`|\*\*[^*]+\*\*)/g).map((part, i) => {
    if (part.startsWith("`") && part.endsWith("`") && part.length > 1)
      return (
        <code key={i} className="rounded bg-slate-100 px-1 text-xs">
          {part.slice(1, -1)}
        </code>
      );
    if (part.startsWith("**") && part.endsWith("**") && part.length > 4) return <strong key={i}>{part.slice(2, -2)}</strong>;
    return part;
  });
}

export function ReadmeText({ markdown }: { markdown: string }) {
  return (
    <div aria-label="Readme" className="space-y-3 text-sm text-slate-700">
      {blocks(markdown).map((b, i) => {
        if (b.kind === "heading")
          return (
            <p
              key={i}
              role="heading"
              aria-level={Math.min(b.level + 2, 6)}
              className={b.level <= 1 ? "text-base font-semibold text-slate-900" : "font-semibold text-slate-800"}
            >
              {inline(b.text)}
            </p>
          );
        if (b.kind === "list")
          return (
            <ul key={i} className="ml-5 list-disc space-y-1">
              {b.items.map((it, j) => (
                <li key={j}>{inline(it)}</li>
              ))}
            </ul>
          );
        if (b.kind === "code")
          return (
            <pre key={i} className="overflow-x-auto rounded bg-slate-50 p-3 font-mono text-xs ring-1 ring-slate-200">
              {b.text}
            </pre>
          );
        return <p key={i}>{inline(b.text)}</p>;
      })}
    </div>
  );
}
