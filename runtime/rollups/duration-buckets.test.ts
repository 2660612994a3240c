import { describe, expect, test } from "vitest";
import { BUCKETS, mergeHistograms, percentileOf, type Histogram } from "./duration-buckets";

/** the histogram durationBucketSql and the rollup would give, computed the same way */
function histogram(values: number[]): Histogram {
  const counts = new Array<number>(BUCKETS).fill(0);
  for (const v of values) counts[Math.min(BUCKETS - 1, v < 1 ? 0 : 1 + Math.floor((4 * Math.log(v)) / Math.log(2)))]!++;
  return { counts, minMs: Math.min(...values), maxMs: Math.max(...values) };
}

/** PostgreSQL's percentile_cont */
function exact(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  const rank = p * (s.length - 1);
  const low = Math.floor(rank);
  return s[low]! + (rank - low) * (s[Math.ceil(rank)]! - s[low]!);
}

const close = (got: number | null, want: number) => expect(Math.abs(got! - want)).toBeLessThanOrEqual(want * 0.1 + 1);

describe("percentiles from a duration histogram", () => {
  test("no runs: none; one duration, or all alike: exactly it; a few: within 10 %", () => {
    expect(percentileOf(histogram([]), 0.5)).toBeNull();
    expect(percentileOf(histogram([120]), 0.95)).toBe(120);
    expect(percentileOf(histogram([7, 7, 7]), 0.5)).toBe(7);
    close(percentileOf(histogram([100, 200]), 0.5), 150);
    for (const p of [0.5, 0.95]) close(percentileOf(histogram([0, 5, 40, 900, 30_000]), p), exact([0, 5, 40, 900, 30_000], p));
  });

  test("within 10 % of the exact answer on skewed samples, merged from parts or not", () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    for (const size of [10, 1000, 20_000]) {
      const values = Array.from({ length: size }, () => Math.round(Math.exp(random() * 8) * 5));
      const merged = mergeHistograms([histogram(values.slice(0, size / 2)), histogram(values.slice(size / 2))]);
      expect(merged).toEqual(histogram(values));
      for (const p of [0.5, 0.95]) close(percentileOf(merged, p), exact(values, p));
    }
  });

  test("past the last bucket's start (37 h), estimates stay between the shortest and longest", () => {
    const h = histogram([2 ** 28, 2 ** 29]);
    for (const p of [0, 0.5, 1]) expect(percentileOf(h, p)).toSatisfy((v: number) => v >= 2 ** 28 && v <= 2 ** 29);
  });
});
