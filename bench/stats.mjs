// The one statistic bench/ reports: a quantile (nearest rank) of a list of samples.
/**
 * @example
 * quantile([3, 1, 2], 0.5) // 2
 */
export function quantile(samples, q) {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}
