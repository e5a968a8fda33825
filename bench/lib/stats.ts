/** Summary statistics for benchmark samples (pure: no timing, no I/O). */

export interface Summary {
  /** Middle value (mean of the two middle values for an even count). */
  median: number;
  min: number;
  max: number;
  runs: number;
}

function sortedCopy(values: readonly number[]): number[] {
  if (values.length === 0) throw new Error('no samples to summarise');
  if (values.some((v) => !Number.isFinite(v))) throw new Error(`not a finite sample in [${values.join(', ')}]`);
  return [...values].sort((a, b) => a - b);
}

export function median(values: readonly number[]): number {
  const sorted = sortedCopy(values);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Percentile by linear interpolation between closest ranks (p in 0…100; p=50 is the median). */
export function percentile(values: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 100)) throw new Error(`percentile must be within 0…100, got ${p}`);
  const sorted = sortedCopy(values);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}

export function summarize(values: readonly number[]): Summary {
  const sorted = sortedCopy(values);
  return { median: median(sorted), min: sorted[0], max: sorted[sorted.length - 1], runs: sorted.length };
}

/**
 * `a[i] − b[i]` for samples taken in pairs (the same run of alternating configurations), so a
 * busy moment of the shared machine that hits both of a pair cancels out.
 */
export function pairedDifferences(a: readonly number[], b: readonly number[]): number[] {
  if (a.length !== b.length) throw new Error(`paired samples need equal counts, got ${a.length} and ${b.length}`);
  return a.map((value, i) => value - b[i]);
}
