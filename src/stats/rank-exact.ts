/**
 * The exact null distributions of the Wilcoxon statistics, as R's psignrank/qsignrank (signrank.c)
 * and pwilcox/qwilcox (wilcox.c): counts of the rank subsets giving each value, summed over the
 * shorter tail as R sums them, so that p-values and interval indexes are R's.
 * Wilcoxon, F. (1945). Biometrics Bulletin 1(6), 80-83; Mann, H. B. & Whitney, D. R. (1947).
 * Annals of Mathematical Statistics 18(1), 50-60.
 */

const DBL_EPSILON = 2.220446049250313e-16;

/** How many subsets of {1, …, n} sum to each k (R's csignrank). */
function signrankCounts(n: number): Float64Array {
  const max = (n * (n + 1)) / 2;
  const w = new Float64Array(max + 1);
  w[0] = 1;
  for (let j = 1; j <= n; j++) for (let k = Math.min((j * (j + 1)) / 2, max); k >= j; k--) w[k] += w[k - j];
  return w;
}

/** How many ways m ranks out of m + n give each rank-sum statistic W = k (R's cwilcox). */
function wilcoxCounts(m: number, n: number): Float64Array {
  // The number of ways to place m items among m + n with W = k is the number of partitions of k
  // into at most m parts, each at most n: the Gaussian binomial coefficient's terms.
  // With no other items (n = 0) each m has one placement, W = 0.
  let prev: Float64Array[] = Array.from({ length: m + 1 }, () => Float64Array.of(1));
  for (let nn = 1; nn <= n; nn++) {
    const next: Float64Array[] = [Float64Array.of(1)];
    for (let mm = 1; mm <= m; mm++) {
      // c(k; mm, nn) = c(k − nn; mm − 1, nn) + c(k; mm, nn − 1)
      const size = mm * nn + 1;
      const c = new Float64Array(size);
      const left = next[mm - 1];
      const up = prev[mm];
      for (let k = 0; k < size; k++) c[k] = (k - nn >= 0 && k - nn < left.length ? left[k - nn] : 0) + (k < up.length ? up[k] : 0);
      next.push(c);
    }
    prev = next;
  }
  return prev[m];
}

const signrankCache = new Map<number, Float64Array>();
const signrank = (n: number) => {
  let w = signrankCache.get(n);
  if (!w) signrankCache.set(n, (w = signrankCounts(n)));
  return w;
};
const wilcoxCache = new Map<string, Float64Array>();
const wilcox = (m: number, n: number) => {
  const key = `${m},${n}`;
  let w = wilcoxCache.get(key);
  if (!w) wilcoxCache.set(key, (w = wilcoxCounts(m, n)));
  return w;
};

/** C(a, b), the rank-sum counts' total. */
function choose(a: number, b: number): number {
  let r = 1;
  for (let i = 1; i <= b; i++) r = (r * (a - b + i)) / i;
  return r;
}

/** P(V ≤ q) (lower) or P(V > q) (upper) for the signed-rank statistic of n differences (R `psignrank`). */
export function psignrank(q: number, n: number, lower = true): number {
  const x = Math.floor(q + 1e-7);
  const max = (n * (n + 1)) / 2;
  if (x < 0) return lower ? 0 : 1;
  if (x >= max) return lower ? 1 : 0;
  const w = signrank(n);
  const f = Math.exp(-n * Math.LN2);
  let p = 0;
  if (x <= (n * (n + 1)) / 4) {
    for (let i = 0; i <= x; i++) p += w[i] * f;
  } else {
    for (let i = 0; i < max - x; i++) p += w[i] * f;
    lower = !lower;
  }
  return lower ? p : 0.5 - p + 0.5;
}

/** The smallest q with P(V ≤ q) ≥ p, for the signed-rank statistic (R `qsignrank`). */
export function qsignrank(p: number, n: number): number {
  const max = (n * (n + 1)) / 2;
  if (p <= 0) return 0;
  if (p >= 1) return max;
  return quantile(signrank(n), Math.exp(-n * Math.LN2), p, max);
}

/** P(W ≤ q) (lower) or P(W > q) (upper) for the rank-sum statistic of m against n (R `pwilcox`). */
export function pwilcox(q: number, m: number, n: number, lower = true): number {
  const x = Math.floor(q + 1e-7);
  if (x < 0) return lower ? 0 : 1;
  if (x >= m * n) return lower ? 1 : 0;
  const w = wilcox(m, n);
  const c = choose(m + n, n);
  let p = 0;
  if (x <= (m * n) / 2) {
    for (let i = 0; i <= x; i++) p += w[i] / c;
  } else {
    for (let i = 0; i < m * n - x; i++) p += w[i] / c;
    lower = !lower;
  }
  return lower ? p : 0.5 - p + 0.5;
}

/** The smallest q with P(W ≤ q) ≥ p, for the rank-sum statistic (R `qwilcox`). */
export function qwilcox(p: number, m: number, n: number): number {
  if (p <= 0) return 0;
  if (p >= 1) return m * n;
  const c = choose(m + n, n);
  return quantile(wilcox(m, n), 1 / c, p, m * n);
}

/** R's search: from the lower end for p ≤ 1/2, else from the upper end (with R's 10·ε fuzz). */
function quantile(w: Float64Array, f: number, x: number, max: number): number {
  let p = 0;
  let q = 0;
  if (x <= 0.5) {
    x -= 10 * DBL_EPSILON;
    for (;;) {
      p += w[q] * f;
      if (p >= x) return q;
      q++;
    }
  }
  x = 1 - x + 10 * DBL_EPSILON;
  for (;;) {
    p += w[q] * f;
    if (p > x) return max - q;
    q++;
  }
}
