// Summary statistics. Percentiles are nearest-rank, so a p95 is always a latency that really happened.

export const round = (x, d = 1) => (x == null ? x : Math.round(x * 10 ** d) / 10 ** d);

export function stats(values) {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  const n = v.length;
  if (n === 0) return { n: 0, median: null, p95: null, min: null, max: null };
  const median = n % 2 ? v[(n - 1) / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  const p95 = v[Math.min(n - 1, Math.ceil(0.95 * n) - 1)];
  return { n, median: round(median, 2), p95: round(p95, 2), min: round(v[0], 2), max: round(v[n - 1], 2) };
}
