/**
 * Random-effects meta-analysis and meta-regression, step for step as R's metafor::rma.uni (3.8)
 * with its defaults: τ² by REML (Fisher scoring from the Hedges estimate, stopping when a step
 * changes τ² by less than 1e-5, at most 100 steps, τ² kept at or above 0, and metafor's check that
 * τ² = 0 is not the better fit) or DerSimonian–Laird; the pooled coefficients by weighted least
 * squares with weights 1/(vᵢ + τ²), z tests and Wald intervals; Cochran's Q, I² and H² from the
 * typical within-study variance; the test of the moderators QM; R² as the share of τ² they account
 * for; and the prediction interval of the intercept-only model (metafor's predict()).
 * Viechtbauer, W. (2010). Conducting meta-analyses in R with the metafor package. Journal of
 * Statistical Software 36(3); DerSimonian, R. & Laird, N. (1986). Controlled Clinical Trials 7, 177-188;
 * Higgins, J. P. T. & Thompson, S. G. (2002). Statistics in Medicine 21, 1539-1558.
 */
import { pchisqUpper } from './distributions.js';
import { waldCritical, waldTerm, type WaldTerm } from './wald.js';

export type MetaMethod = 'REML' | 'DL';

export type MetaTerm = WaldTerm;

export interface MetaFit {
  method: MetaMethod;
  k: number;
  tau2: number;
  terms: MetaTerm[];
  /** Cochran's Q (QE with moderators): residual heterogeneity on k − p df. */
  q: { statistic: number; df: number; p: number };
  /** I² in percent, as metafor reports it. */
  i2: number;
  h2: number;
  /** Each study's weight in percent (metafor's weights()). */
  weights: number[];
  /** With moderators: their joint test. */
  qm: { statistic: number; df: number; p: number } | null;
  /** Steps of Fisher scoring (REML). */
  iterations: number;
  /** metafor's warnings, where it would give them. */
  warnings: string[];
}

/** A refusal to pool (metafor would stop), with its reason. */
export class MetaRefusal extends Error {}

const THRESHOLD = 1e-5;
const MAXITER = 100;
/** .Machine$double.eps^0.25: metafor's tolerance for its τ² = 0 check. */
const TOL = Math.pow(2.220446049250313e-16, 0.25);

type Matrix = number[][];

/** X'WX for diagonal weights w. */
const crossWeighted = (X: Matrix, w: number[]): Matrix => {
  const p = X[0].length;
  return Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => X.reduce((s, row, r) => s + row[i] * w[r] * row[j], 0)));
};

/** A small matrix's inverse, by Gauss–Jordan elimination with partial pivoting. */
function invert(m: Matrix): Matrix {
  const p = m.length;
  const a = m.map((row) => [...row]);
  const inv: Matrix = Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => (i === j ? 1 : 0)));
  for (let c = 0; c < p; c++) {
    let pivot = c;
    for (let r = c + 1; r < p; r++) if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) pivot = r;
    if (Math.abs(a[pivot][c]) < 1e-300) throw new MetaRefusal('the moderators are linearly dependent (the model matrix has no full rank)');
    [a[c], a[pivot]] = [a[pivot], a[c]];
    [inv[c], inv[pivot]] = [inv[pivot], inv[c]];
    const d = a[c][c];
    for (let j = 0; j < p; j++) {
      a[c][j] /= d;
      inv[c][j] /= d;
    }
    for (let r = 0; r < p; r++) {
      const f = a[r][c];
      if (r === c || f === 0) continue;
      for (let j = 0; j < p; j++) {
        a[r][j] -= f * a[c][j];
        inv[r][j] -= f * inv[c][j];
      }
    }
  }
  return inv;
}

/** (X'WX)⁻¹ (metafor's .invcalc). */
const inverseXtWX = (X: Matrix, w: number[]) => invert(crossWeighted(X, w));

/** P = W − W X (X'WX)⁻¹ X' W (W = I: the residual projection). */
function residualMatrix(X: Matrix, w: number[]): Matrix {
  const S = inverseXtWX(X, w);
  const k = X.length;
  const p = X[0].length;
  const WX = X.map((row, i) => row.map((x) => x * w[i]));
  const WXS = WX.map((row) => Array.from({ length: p }, (_, j) => row.reduce((s, x, l) => s + x * S[l][j], 0)));
  return Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => (i === j ? w[i] : 0) - WXS[i].reduce((s, x, l) => s + x * WX[j][l], 0)));
}

const quad = (P: Matrix, y: number[]) => P.reduce((s, row, i) => s + y[i] * row.reduce((t, x, j) => t + x * y[j], 0), 0);
const trace = (P: Matrix) => P.reduce((s, row, i) => s + row[i], 0);

/** metafor's weighted least squares at τ²: coefficients, their covariance, the weighted RSS. */
function wls(y: number[], vi: number[], X: Matrix, tau2: number) {
  const w = vi.map((v) => 1 / (v + tau2));
  const S = inverseXtWX(X, w);
  const p = X[0].length;
  const Xty = Array.from({ length: p }, (_, j) => X.reduce((s, row, i) => s + row[j] * w[i] * y[i], 0));
  const beta = S.map((row) => row.reduce((s, x, j) => s + x * Xty[j], 0));
  const rss = y.reduce((s, v, i) => s + w[i] * (v - X[i].reduce((t, x, j) => t + x * beta[j], 0)) ** 2, 0);
  return { w, S, beta, rss };
}

/** The restricted log-likelihood at τ² (for metafor's check that τ² = 0 does not fit better). */
function remlLogLik(y: number[], vi: number[], X: Matrix, tau2: number): number {
  const { w, rss } = wls(y, vi, X, tau2);
  const k = y.length;
  const p = X[0].length;
  return -0.5 * (k - p) * Math.log(2 * Math.PI) - 0.5 * vi.reduce((s, v) => s + Math.log(v + tau2), 0) - 0.5 * Math.log(determinant(X, w)) - 0.5 * rss;
}

function determinant(X: Matrix, w: number[]): number {
  const a = crossWeighted(X, w);
  const p = a.length;
  let det = 1;
  for (let c = 0; c < p; c++) {
    let pivot = c;
    for (let r = c + 1; r < p; r++) if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) pivot = r;
    if (pivot !== c) {
      [a[c], a[pivot]] = [a[pivot], a[c]];
      det = -det;
    }
    det *= a[c][c];
    for (let r = c + 1; r < p; r++) {
      const f = a[r][c] / a[c][c];
      for (let j = c; j < p; j++) a[r][j] -= f * a[c][j];
    }
  }
  return det;
}

/** τ² as metafor estimates it. */
function estimateTau2(y: number[], vi: number[], X: Matrix, method: MetaMethod, warnings: string[]): { tau2: number; iterations: number } {
  const k = y.length;
  const p = X[0].length;
  const mean = y.reduce((s, v) => s + v, 0) / k;
  const ymc = y.map((v) => v - mean);
  if (method === 'DL') {
    const P = residualMatrix(
      X,
      vi.map((v) => 1 / v),
    );
    return { tau2: Math.max(0, (quad(P, ymc) - (k - p)) / trace(P)), iterations: 0 };
  }
  // The Hedges estimate to start from.
  const P0 = residualMatrix(
    X,
    vi.map(() => 1),
  );
  let tau2 = Math.max(0, (quad(P0, ymc) - P0.reduce((s, row, i) => s + row[i] * vi[i], 0)) / (k - p));
  let change = THRESHOLD + 1;
  let iterations = 0;
  while (change > THRESHOLD) {
    iterations++;
    const old = tau2;
    const P = residualMatrix(
      X,
      vi.map((v) => 1 / (v + tau2)),
    );
    const Py = P.map((row) => row.reduce((s, x, j) => s + x * ymc[j], 0));
    const trPP = P.reduce((s, row) => s + row.reduce((t, x) => t + x * x, 0), 0);
    let adj = (Py.reduce((s, v) => s + v * v, 0) - trace(P)) / trPP;
    if (Number.isNaN(adj)) adj = 0;
    while (tau2 + adj < 0) adj /= 2;
    tau2 += adj;
    change = Math.abs(old - tau2);
    if (iterations > MAXITER) throw new MetaRefusal('the Fisher scoring algorithm for τ² (REML) did not converge in 100 steps; try --method dl');
  }
  if (vi.every((v) => v > 0) && remlLogLik(y, vi, X, 0) - remlLogLik(y, vi, X, tau2) > TOL && tau2 > THRESHOLD) {
    warnings.push('Fisher scoring may have stopped at a local maximum: τ² set to 0, as metafor does');
    tau2 = 0;
  }
  return { tau2: Math.max(0, tau2), iterations };
}

/**
 * rma(yi, vi, mods = X without its intercept column, method). `X` holds the intercept column first;
 * `names` names X's columns.
 */
export function rma(y: number[], vi: number[], X: Matrix, names: string[], method: MetaMethod = 'REML', conf = 0.95): MetaFit {
  const k = y.length;
  const p = X[0].length;
  if (k <= p) throw new MetaRefusal(`${k} studies for ${p} coefficient${p > 1 ? 's' : ''}: too few to pool`);
  if (vi.some((v) => !(v > 0))) throw new MetaRefusal('a sampling variance is not positive');
  const warnings: string[] = [];
  const { tau2, iterations } = estimateTau2(y, vi, X, method, warnings);
  const { w, S, beta } = wls(y, vi, X, tau2);
  const crit = waldCritical(conf);
  const terms = beta.map((b, j) => waldTerm(names[j], b, Math.sqrt(S[j][j]), crit));
  const mean = y.reduce((s, v) => s + v, 0) / k;
  const ymc = y.map((v) => v - mean);
  const P = residualMatrix(
    X,
    vi.map((v) => 1 / v),
  );
  const qe = Math.max(0, quad(P, ymc));
  const vt = (k - p) / trace(P);
  let qm: MetaFit['qm'] = null;
  if (p > 1) {
    // The moderators' joint Wald test: b' V⁻¹ b over the coefficients other than the intercept.
    const m = p - 1;
    const subInverse = invert(S.slice(1).map((row) => row.slice(1)));
    const b = beta.slice(1);
    const statistic = b.reduce((s, bi, i) => s + bi * b.reduce((t, bj, j) => t + subInverse[i][j] * bj, 0), 0);
    qm = { statistic, df: m, p: pchisqUpper(statistic, m) };
  }
  const total = w.reduce((s, x) => s + x, 0);
  return {
    method,
    k,
    tau2,
    terms,
    q: { statistic: qe, df: k - p, p: pchisqUpper(qe, k - p) },
    i2: (100 * tau2) / (vt + tau2),
    h2: tau2 / vt + 1,
    weights: w.map((x) => (100 * x) / total),
    qm,
    iterations,
    warnings,
  };
}

/** The prediction interval of the intercept-only model: estimate ± z·√(se² + τ²) (metafor's predict()). */
export function predictionInterval(fit: MetaFit, conf = 0.95): [number, number] {
  const t = fit.terms[0];
  const half = waldCritical(conf) * Math.sqrt(t.se * t.se + fit.tau2);
  return [t.estimate - half, t.estimate + half];
}
