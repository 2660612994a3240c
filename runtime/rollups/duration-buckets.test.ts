import { describe, expect, test } from "vitest";
import { LAST_BUCKET, percentileOf, type BucketCount } from "./duration-buckets";

/** the buckets durationBucketSql would give, computed the same way */
function histogram(values: number[]): BucketCount[] {
  const byBucket = new Map<number, BucketCount>();
  for (const v of values) {
    const bucket = Math.min(LAST_BUCKET, v < 1 ? 0 : 1 + Math.floor((4 * Math.log(v)) / Math.log(2)));
    const b = byBucket.get(bucket) ?? { bucket, runs: 0, minMs: v, maxMs: v };
    b.runs++;
    b.minMs = Math.min(b.minMs, v);
    b.maxMs = Math.max(b.maxMs, v);
    byBucket.set(bucket, b);
  }
  return [...byBucket.values()];
}

/** PostgreSQL's percentile_cont */
function exact(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  const rank = p * (s.length - 1);
  const low = Math.floor(rank);
  return s[low]! + (rank - low) * (s[Math.ceil(rank)]! - s[low]!);
}

describe("percentiles from a duration histogram", () => {
  test("no runs: none; values alone in their bucket: exact, interpolated as percentile_cont does", () => {
    expect(percentileOf([], 0.5)).toBeNull();
    expect(percentileOf(histogram([120]), 0.95)).toBe(120);
    expect(percentileOf(histogram([100, 200]), 0.5)).toBe(150);
    expect(percentileOf(histogram([0, 5, 40, 900, 30_000]), 0.5)).toBe(40);
    expect(percentileOf(histogram([0, 5, 40, 900, 30_000]), 0.95)).toBeCloseTo(exact([0, 5, 40, 900, 30_000], 0.95));
  });

  test("within the width of a bucket (19 %) of the exact answer on skewed samples", () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    for (const size of [10, 1000, 20_000]) {
      const values = Array.from({ length: size }, () => Math.round(Math.exp(random() * 8) * 5));
      for (const p of [0.5, 0.95]) {
        const want = exact(values, p);
        expect(Math.abs(percentileOf(histogram(values), p)! - want)).toBeLessThanOrEqual(want * 0.19 + 1);
      }
    }
  });

  test("beyond the last bucket's start the largest duration still bounds it", () => {
    expect(percentileOf(histogram([2 ** 28, 2 ** 29]), 1)).toBe(2 ** 29);
  });
});
