/**
 * The connectors' reference in docs/components.md, written from their manifests (read in the
 * sandbox, as an install reads them), so the page cannot drift from the packages:
 * `npm run docs:connectors` rewrites the part between the markers; connector-docs.test.ts fails
 * when it is out of date.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ComponentManifest, ConnectionManifest, InputManifest } from "../contract";
import { preparePackage } from "../packages/prepare-package";
import { registryPath } from "../paths";
import { connectorFolders } from "./publish-connectors";

export const DOCS_START = "<!-- connectors:start (written by `npm run docs:connectors` from the packages' manifests) -->";
export const DOCS_END = "<!-- connectors:end -->";

interface TriggerManifestLike {
  key: string;
  label: string;
  description?: string;
  kind: string;
  inputs: InputManifest[];
}

const cell = (text: string | undefined) => (text ?? "").replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");

function inputList(inputs: InputManifest[]): string {
  if (inputs.length === 0) return "—";
  return inputs
    .map((i) => {
      const marks = [i.type === "credential" && i.connection ? `connection ${i.connection}` : i.type, i.required ? "required" : ""];
      if (i.default !== undefined) marks.push(`default ${JSON.stringify(i.default)}`);
      return `\`${i.key}\` (${marks.filter(Boolean).join(", ")})`;
    })
    .join(", ");
}

function connectionSection(c: ConnectionManifest): string[] {
  const lines = [`Connection **${c.label}** (\`${c.key}\`)${c.description ? `: ${cell(c.description)}` : ""}`, ""];
  lines.push("| field | type | |", "| --- | --- | --- |");
  for (const f of c.fields) {
    const notes = [
      f.required ? "required" : "",
      f.default !== undefined ? `default ${JSON.stringify(f.default)}` : "",
      cell(f.description),
    ];
    const type = f.type === "picklist" && f.options ? `picklist: ${f.options.join(" / ")}` : f.type;
    lines.push(`| \`${f.key}\` ${cell(f.label)} | ${type} | ${notes.filter(Boolean).join("; ")} |`);
  }
  return [...lines, ""];
}

export function renderConnector(name: string, version: string, manifest: ComponentManifest): string {
  const m = manifest as ComponentManifest & { triggers?: Record<string, TriggerManifestLike> };
  const lines = [`### ${m.label} — \`${name}\` (key \`${m.key}\`, ${version})`, ""];
  if (m.description) lines.push(m.description, "");
  for (const c of Object.values(m.connections ?? {})) lines.push(...connectionSection(c));
  lines.push("| action | what it does | inputs |", "| --- | --- | --- |");
  for (const a of Object.values(m.actions)) {
    lines.push(`| \`${m.key}.${a.key}\` ${cell(a.label)} | ${cell(a.description)} | ${cell(inputList(a.inputs))} |`);
  }
  lines.push("");
  const triggers = Object.values(m.triggers ?? {});
  if (triggers.length > 0) {
    lines.push("| trigger | kind | what it does | inputs |", "| --- | --- | --- | --- |");
    for (const t of triggers) {
      lines.push(`| \`${t.key}\` ${cell(t.label)} | ${t.kind} | ${cell(t.description)} | ${cell(inputList(t.inputs))} |`);
    }
    lines.push("");
  }
  return lines.join("\n");
}

/** the whole generated part, markers included */
export async function renderConnectorDocs(): Promise<string> {
  const parts: string[] = [];
  for (const dir of connectorFolders()) {
    const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name: string; version: string };
    const prepared = await preparePackage({ path: dir });
    parts.push(renderConnector(pkg.name, pkg.version, prepared.manifest));
  }
  return [DOCS_START, "", ...parts, DOCS_END].join("\n");
}

export const DOCS_FILE = registryPath("../docs/components.md");

export function currentConnectorDocs(text = readFileSync(DOCS_FILE, "utf8")): string | null {
  const start = text.indexOf(DOCS_START);
  const end = text.indexOf(DOCS_END);
  return start < 0 || end < start ? null : text.slice(start, end + DOCS_END.length);
}
