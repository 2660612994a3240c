/**
 * The data picker's tree: what a step can use, as nodes a person expands and clicks. Each node
 * carries the reference it inserts (`fetchUsers.results.users[0].email`). Values come from the last
 * test run or the flow's saved sample payload; lists show their first item, as the runtime has no
 * "every item" path, and the walk stops at a few levels so a large result stays quick to draw.
 */
const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export interface DataNode {
  /** what a person reads: a key, `[0]`, a step's name */
  label: string;
  /** the reference inserted on click (`configVars.<key>` for config variables) */
  path: string;
  /** a short preview of the value seen (`"bob@example.test"`, `3 items`, `{…}`) */
  preview?: string;
  children: DataNode[];
}

export function preview(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return `${value.length} item${value.length === 1 ? "" : "s"}`;
  if (value !== null && typeof value === "object") return "{…}";
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

export function childPath(prefix: string, key: string): string {
  return IDENT.test(key) ? `${prefix}.${key}` : `${prefix}["${key.replace(/["\\]/g, "\\$&")}"]`;
}

/** The fields of `value` under `path`, `maxDepth` levels down. */
export function fieldsOf(value: unknown, path: string, maxDepth = 5): DataNode[] {
  if (maxDepth <= 0 || value === null || typeof value !== "object") return [];
  if (Array.isArray(value)) {
    if (value.length === 0) return [];
    const first = `${path}[0]`;
    return [{ label: "[0]", path: first, preview: preview(value[0]), children: fieldsOf(value[0], first, maxDepth - 1) }];
  }
  return Object.entries(value)
    .slice(0, 200)
    .map(([key, child]) => {
      const p = childPath(path, key);
      return { label: key, path: p, preview: preview(child), children: fieldsOf(child, p, maxDepth - 1) };
    });
}

/** Nodes whose label or path contains `query` (with everything under them), and the ancestors that lead to them. */
export function filterTree(nodes: DataNode[], query: string): DataNode[] {
  const q = query.trim().toLowerCase();
  if (!q) return nodes;
  const out: DataNode[] = [];
  for (const node of nodes) {
    if (node.label.toLowerCase().includes(q) || node.path.toLowerCase().includes(q)) out.push(node);
    else {
      const children = filterTree(node.children, q);
      if (children.length > 0) out.push({ ...node, children });
    }
  }
  return out;
}
