/** Small helpers shared by the benchmarks: medians and timing in one place. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function ms(value: number): string {
  return `${value.toFixed(3)} ms`;
}

export function ratio(value: number, baseline: number): string {
  return `${(value / baseline).toFixed(3)}×`;
}

export function verdict(value: number, target: number): string {
  return value <= target ? `within target ≤ ${target}×` : `OVER target ≤ ${target}×`;
}

/** The value below which `p` percent of the values lie (nearest rank). */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
