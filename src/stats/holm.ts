/**
 * Holm's step-down adjustment of p-values, as R's `p.adjust(p, method = "holm")`: NaN entries (R's
 * NA) stay NaN and do not count among the tests.
 * Holm, S. (1979). A simple sequentially rejective multiple test procedure. Scandinavian Journal
 * of Statistics 6(2), 65-70.
 */
export function holm(p: number[]): number[] {
  const kept = p.map((v, i) => ({ v, i })).filter((x) => !Number.isNaN(x.v));
  const m = kept.length;
  kept.sort((a, b) => a.v - b.v || a.i - b.i);
  const out = p.map(() => NaN);
  let running = 0;
  kept.forEach(({ v, i }, k) => {
    running = Math.max(running, (m - k) * v);
    out[i] = Math.min(1, running);
  });
  return out;
}
