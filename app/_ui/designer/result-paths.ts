/**
 * The paths a reference can take into a value seen in a test run: `.secondkey`, `[0].name`.
 * Lists show their first item only, and the walk stops at a few levels and a few hundred paths.
 */
const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function resultPaths(value: unknown, maxDepth = 4, limit = 300): string[] {
  const out: string[] = [];
  const walk = (v: unknown, prefix: string, depth: number) => {
    if (out.length >= limit || depth >= maxDepth || v === null || typeof v !== "object") return;
    if (Array.isArray(v)) {
      if (v.length === 0) return;
      out.push(`${prefix}[0]`);
      walk(v[0], `${prefix}[0]`, depth + 1);
      return;
    }
    for (const [k, child] of Object.entries(v)) {
      const next = IDENT.test(k) ? `${prefix}.${k}` : `${prefix}["${k}"]`;
      out.push(next);
      walk(child, next, depth + 1);
    }
  };
  walk(value, "", 0);
  return out;
}
