/**
 * CSV (RFC 4180): a header row and records ↔ a list of objects. Written here rather than taken
 * from papaparse, whose bundle reaches for Node's "stream", which the sandbox cannot provide.
 */

export function parseCsv(text: string, delimiter = ","): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === delimiter) {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && s[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (quoted) throw new Error("CSV: a quoted field is not closed");
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  const [header, ...records] = rows.filter((r) => !(r.length === 1 && r[0] === ""));
  if (!header) return [];
  return records.map((r) => Object.fromEntries(header.map((name, i) => [name, r[i] ?? ""])));
}

export function toCsv(data: unknown, delimiter = ","): string {
  const list = Array.isArray(data) ? data : [data];
  if (list.every((r) => Array.isArray(r)))
    return list.map((r) => (r as unknown[]).map((v) => cell(v, delimiter)).join(delimiter)).join("\r\n") + "\r\n";
  const columns: string[] = [];
  for (const r of list) {
    if (r === null || typeof r !== "object") throw new Error("CSV: every record must be an object (or every record a list)");
    for (const k of Object.keys(r)) if (!columns.includes(k)) columns.push(k);
  }
  const lines = [columns.map((c) => cell(c, delimiter)).join(delimiter)];
  for (const r of list as Record<string, unknown>[]) lines.push(columns.map((c) => cell(r[c], delimiter)).join(delimiter));
  return lines.join("\r\n") + "\r\n";
}

function cell(v: unknown, delimiter: string): string {
  const s = v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : String(v);
  return s.includes(delimiter) || /["\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
