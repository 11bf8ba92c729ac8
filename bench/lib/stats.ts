// Order statistics for timing samples. Medians and percentiles rather than means: start-up times
// on a shared machine have a long right tail (a descheduled process), which a mean would smear
// into every figure.

export interface Summary {
  n: number;
  median: number;
  p10: number;
  p90: number;
  min: number;
  max: number;
}

/** The q-quantile (0..1) of ascending `sorted`, linearly interpolated between neighbours. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * Math.min(1, Math.max(0, q));
  const low = Math.floor(position);
  const high = Math.ceil(position);
  const lowValue = sorted[low]!;
  return lowValue + (sorted[high]! - lowValue) * (position - low);
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    median: quantile(sorted, 0.5),
    p10: quantile(sorted, 0.1),
    p90: quantile(sorted, 0.9),
    min: sorted[0] ?? Number.NaN,
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

/**
 * The case's cost relative to the baseline, from PAIRED samples: round i of the case is divided
 * by round i of the baseline (they ran back to back), and the median of those ratios is taken.
 * A burst of load from elsewhere slows both members of a pair, so it cancels.
 */
export function pairedRatio(samples: readonly number[], baseline: readonly number[]): number {
  const count = Math.min(samples.length, baseline.length);
  const ratios: number[] = [];
  for (let i = 0; i < count; i++) if (baseline[i]! > 0) ratios.push(samples[i]! / baseline[i]!);
  return summarize(ratios).median;
}
