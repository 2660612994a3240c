/**
 * Durations on a log scale, four buckets per doubling: bucket 0 holds runs under 1 ms, bucket
 * b ≥ 1 holds [2^((b-1)/4), 2^(b/4)) ms, the last everything from 2^27 ms (37 h). A bucket is 19 %
 * wide, so a value read as its bucket's middle is off by at most about 9.5 %.
 */
export const BUCKETS = 110;

/** The bucket of a duration column, in SQL: the rollup and the dashboard's raw rows share it. */
export const durationBucketSql = (column: string) =>
  `least(${BUCKETS - 1}, case when ${column} < 1 then 0 else 1 + floor(4 * ln(${column}) / ln(2))::int end)`;

/** The histogram as a dense array (index = bucket), in SQL, from columns of bucket numbers and counts. */
export const denseHistogramSql = (bucketColumn: string, countColumn: string) =>
  `(select array_agg(coalesce(x.n, 0) order by i) from generate_series(0, ${BUCKETS - 1}) i
     left join unnest(array_agg(${bucketColumn}), array_agg(${countColumn})) x(bucket, n) on x.bucket = i)`;

const lower = (b: number) => (b === 0 ? 0 : 2 ** ((b - 1) / 4));
const upper = (b: number) => 2 ** (b / 4);

export interface Histogram {
  /** runs per bucket, index = bucket */
  counts: number[];
  minMs: number;
  maxMs: number;
}

/**
 * What percentile_cont(p) would answer, read from a histogram: the p-th rank between the two
 * values around it, the runs of a bucket spread evenly across it, none outside
 * the shortest and longest duration seen.
 */
export function percentileOf(h: Histogram, p: number): number | null {
  const total = h.counts.reduce((n, c) => n + c, 0);
  if (total === 0) return null;
  const valueAt = (rank: number) => {
    let before = 0;
    for (let b = 0; b < h.counts.length; b++) {
      const c = h.counts[b]!;
      if (rank < before + c) {
        const hi = b === BUCKETS - 1 ? Math.max(h.maxMs, lower(b)) : upper(b);
        const v = lower(b) + ((hi - lower(b)) * (rank - before + 0.5)) / c;
        return Math.min(h.maxMs, Math.max(h.minMs, v));
      }
      before += c;
    }
    return h.maxMs;
  };
  const rank = p * (total - 1);
  const low = Math.floor(rank);
  const below = valueAt(low);
  return below + (rank - low) * (valueAt(Math.ceil(rank)) - below);
}

/** Adds histograms (rollup rows, raw rows) into one. */
export function mergeHistograms(parts: Histogram[]): Histogram {
  const counts = new Array<number>(BUCKETS).fill(0);
  for (const part of parts) part.counts.forEach((c, i) => (counts[i]! += c));
  const seen = parts.filter((x) => x.counts.some((c) => c > 0));
  return { counts, minMs: Math.min(...seen.map((x) => x.minMs)), maxMs: Math.max(...seen.map((x) => x.maxMs)) };
}
