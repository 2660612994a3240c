/**
 * Durations on a log scale, four buckets per doubling: bucket 0 holds runs under 1 ms, bucket
 * b ≥ 1 holds [2^((b-1)/4), 2^(b/4)) ms, the last everything from 2^27 ms (37 h). A bucket is at
 * most 19 % wide, and it keeps its smallest and largest duration, so a percentile estimated
 * inside it lies between real values.
 */
export const LAST_BUCKET = 109;

/** The bucket of a duration column, in SQL: the rollup and the dashboard's raw rows share it. */
export const durationBucketSql = (column: string) =>
  `least(${LAST_BUCKET}, case when ${column} < 1 then 0 else 1 + floor(4 * ln(${column}) / ln(2))::int end)`;

export interface BucketCount {
  bucket: number;
  runs: number;
  minMs: number;
  maxMs: number;
}

/**
 * What percentile_cont(p) would answer, read from a histogram: the p-th rank between the two
 * values around it, values inside a bucket taken as spread evenly from its smallest to largest.
 */
export function percentileOf(buckets: BucketCount[], p: number): number | null {
  const sorted = buckets.filter((b) => b.runs > 0).sort((a, b) => a.bucket - b.bucket);
  const total = sorted.reduce((n, b) => n + b.runs, 0);
  if (total === 0) return null;
  const valueAt = (rank: number) => {
    let before = 0;
    for (const b of sorted) {
      if (rank < before + b.runs) return b.runs === 1 ? b.minMs : b.minMs + ((b.maxMs - b.minMs) * (rank - before)) / (b.runs - 1);
      before += b.runs;
    }
    return sorted[sorted.length - 1]!.maxMs;
  };
  const rank = p * (total - 1);
  const low = Math.floor(rank);
  const below = valueAt(low);
  return below + (rank - low) * (valueAt(Math.ceil(rank)) - below);
}
