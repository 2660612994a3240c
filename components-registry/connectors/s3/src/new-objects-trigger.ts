/**
 * "New objects" polling trigger: one execution per object that appeared under the prefix since
 * the last poll. Objects already in the bucket at the first poll are not reported (that poll only
 * takes the baseline), as in Prismatic's S3 trigger.
 *
 * The cursor is the (lastModified, key) of the newest object reported: `since` and the keys at
 * exactly that second already reported (S3's LastModified has one-second precision, so two objects
 * can share it). Objects are ordered by (lastModified, key) and at most `maxItems` are reported a
 * poll; the rest come next poll, since the cursor stops at the last one reported. S3 cannot filter
 * by time, so every poll lists the prefix (1000 keys a request): keep prefixes small.
 */
import { input, pollingTrigger } from "@junction/sdk";
import { accessKey } from "./connection";
import { listObjects, type S3ObjectSummary } from "./list-objects";

export interface NewObjectsCursor {
  since: string;
  keys: string[];
}

/** S3 list pages one poll reads at most (1000 keys each) */
const MAX_PAGES = 100;

export const newObjects = pollingTrigger({
  label: "New objects",
  description:
    "Runs the flow once for each object added under a prefix since the previous poll (objects there before the first poll are skipped).",
  inputs: {
    connection: input({ label: "Connection", type: "credential", connection: accessKey, required: true }),
    bucket: input({ label: "Bucket", type: "string", required: true }),
    prefix: input({ label: "Prefix", type: "string", description: 'only keys starting with this, e.g. "incoming/"' }),
    maxItems: input({
      label: "Max objects per poll",
      type: "number",
      default: 100,
      description: "the rest are reported by the next polls",
    }),
  },
  poll: async (context, inputs, rawCursor) => {
    const all = await listAll(context, inputs.connection, inputs.bucket, inputs.prefix);
    const cursor = readCursor(rawCursor);
    if (!cursor) {
      // first poll: the baseline, nothing reported
      const since = all.reduce((max, o) => (o.lastModified > max ? o.lastModified : max), "");
      return { items: [], cursor: { since, keys: all.filter((o) => o.lastModified === since).map((o) => o.key) } };
    }
    const seen = new Set(cursor.keys);
    const fresh = all
      .filter((o) => o.lastModified > cursor.since || (o.lastModified === cursor.since && !seen.has(o.key)))
      .sort((a, b) => (a.lastModified === b.lastModified ? (a.key < b.key ? -1 : 1) : a.lastModified < b.lastModified ? -1 : 1));
    const max = Math.max(1, Math.min(1000, Math.floor(inputs.maxItems ?? 100)));
    const items = fresh.slice(0, max);
    if (items.length === 0) return { items: [], cursor };
    const last = items[items.length - 1].lastModified;
    const keys = items.filter((o) => o.lastModified === last).map((o) => o.key);
    // keys already reported at that same second stay reported
    const next: NewObjectsCursor = { since: last, keys: last === cursor.since ? [...cursor.keys, ...keys] : keys };
    return { items: items.map((o) => ({ bucket: inputs.bucket, ...o })), cursor: next };
  },
});

async function listAll(context: Parameters<typeof listObjects>[0], connection: unknown, bucket: string, prefix?: string) {
  const out: S3ObjectSummary[] = [];
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const r = await listObjects(context, connection, { bucket, prefix, continuationToken: token });
    out.push(...r.objects);
    token = r.nextContinuationToken;
    if (!token) return out;
  }
  throw new Error(`More than ${MAX_PAGES * 1000} objects under prefix "${prefix ?? ""}": use a narrower prefix`);
}

function readCursor(raw: unknown): NewObjectsCursor | undefined {
  if (!raw || typeof raw !== "object") return undefined;
  const c = raw as Partial<NewObjectsCursor>;
  return typeof c.since === "string" && Array.isArray(c.keys) ? { since: c.since, keys: c.keys.map(String) } : undefined;
}
