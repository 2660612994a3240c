/**
 * `frame-ancestors` of the embedded views (/embedded/*): the app itself and the origins the
 * organization allows in Settings → Embedding (org_settings "embedding"), read at most every
 * few seconds — a change reaches every web process within that time.
 */
import type pg from "pg";

const TTL_MS = 5_000;

export function embedAncestors(pool: pg.Pool): () => Promise<string> {
  let cached: { value: string; at: number } | undefined;
  let loading: Promise<string> | undefined;
  const load = async () => {
    const { rows } = await pool.query<{ origins: unknown }>(
      `select value->'allowedOrigins' as origins from org_settings where key = 'embedding'`,
    );
    const origins = Array.isArray(rows[0]?.origins) ? (rows[0].origins as unknown[]) : [];
    // written through the settings' checks; checked again here because this lands in a header
    const safe = origins.filter((o): o is string => typeof o === "string" && /^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/i.test(o));
    return ["'self'", ...safe].join(" ");
  };
  return async () => {
    if (cached && Date.now() - cached.at < TTL_MS) return cached.value;
    loading ??= load()
      .then((value) => ((cached = { value, at: Date.now() }), value))
      .finally(() => (loading = undefined));
    return loading;
  };
}
