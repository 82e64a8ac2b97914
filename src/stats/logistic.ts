/**
 * Logistic regression by iteratively reweighted least squares, step for step as R's
 * `glm.fit(family = binomial())`: the same start (μ = (y + ½)/2), the same stopping rule
 * (|dev − dev_old| / (|dev| + 0.1) < 1e-8, at most 25 iterations), and the covariance from the
 * weights of the last iteration, so estimates, standard errors, z, p and Wald intervals
 * (`confint.default`) agree with R to rounding.
 * McCullagh, P. & Nelder, J. A. (1989). Generalized Linear Models, 2nd ed., §2.5.
 */
import { linearPredictor } from '../model/linear.js';
import { waldCritical, waldTerm, type WaldTerm } from './wald.js';

export interface LogisticTerm extends WaldTerm {
  odds_ratio: number;
}

export interface LogisticFit {
  terms: LogisticTerm[];
  deviance: number;
  aic: number;
  iterations: number;
  n: number;
}

export class FitRefusal extends Error {}

const EPS = 2.220446049250313e-16;
const THRESH = 30;
/** R's C_logit_linkinv: the inverse logit, kept off 0 and 1. */
const linkinv = (eta: number) => (eta < -THRESH ? EPS : eta > THRESH ? 1 - EPS : 1 / (1 + Math.exp(-eta)));
/** R's C_logit_mu_eta. */
const muEta = (eta: number) => (Math.abs(eta) > THRESH ? EPS : Math.exp(eta) / (1 + Math.exp(eta)) ** 2);
const devResid = (y: number, mu: number) => (y ? -2 * Math.log(mu) : -2 * Math.log(1 - mu));

/**
 * Fits y ~ intercept + columns of x. `names` names the columns (without the intercept).
 * Throws FitRefusal when the data cannot be fitted.
 */
export function logisticRegression(x: number[][], y: number[], names: string[], conf = 0.95): LogisticFit {
  const n = y.length;
  const k = names.length + 1;
  const X = x.map((row) => [1, ...row]);
  let mu = y.map((v) => (v + 0.5) / 2);
  let eta = mu.map((m) => Math.log(m / (1 - m)));
  let devOld = sum(y.map((v, i) => devResid(v, mu[i])));
  let beta = new Array<number>(k).fill(0);
  let xtwxInverse: number[][] = [];
  let converged = false;
  let iterations = 0;
  for (let iter = 1; iter <= 25; iter++) {
    iterations = iter;
    const xtwx = Array.from({ length: k }, () => new Array<number>(k).fill(0));
    const xtwz = new Array<number>(k).fill(0);
    for (let i = 0; i < n; i++) {
      const g = muEta(eta[i]);
      const z = eta[i] + (y[i] - mu[i]) / g;
      const w = (g * g) / (mu[i] * (1 - mu[i]));
      const row = X[i];
      for (let a = 0; a < k; a++) {
        xtwz[a] += row[a] * w * z;
        for (let b = 0; b <= a; b++) xtwx[a][b] += row[a] * w * row[b];
      }
    }
    for (let a = 0; a < k; a++) for (let b = a + 1; b < k; b++) xtwx[a][b] = xtwx[b][a];
    try {
      xtwxInverse = invertSymmetric(xtwx, names);
    } catch (e) {
      // Singular only after the first step: the weights collapsed as fitted probabilities ran to 0 or 1.
      if (iter > 1 && e instanceof FitRefusal)
        throw new FitRefusal('perfect separation: fitted probabilities ran to 0 or 1, so the estimates would be infinite');
      throw e;
    }
    beta = xtwxInverse.map((r) => r.reduce((s, v, j) => s + v * xtwz[j], 0));
    const slopes = beta.slice(1);
    eta = x.map((row) => linearPredictor(beta[0], slopes, row));
    mu = eta.map(linkinv);
    const dev = sum(y.map((v, i) => devResid(v, mu[i])));
    if (!Number.isFinite(dev)) throw new FitRefusal('the deviance became infinite: the data separate the outcomes');
    if (Math.abs(dev - devOld) / (Math.abs(dev) + 0.1) < 1e-8) {
      converged = true;
      devOld = dev;
      break;
    }
    devOld = dev;
  }
  const boundary = 10 * EPS;
  if (!converged || mu.some((m) => m > 1 - boundary || m < boundary))
    throw new FitRefusal(
      `perfect separation: some cases are predicted with probability 0 or 1${converged ? '' : ' and the fit did not converge in 25 iterations'}; the estimates would be infinite`,
    );
  const crit = waldCritical(conf);
  const terms = ['intercept', ...names].map((term, j) => ({ ...waldTerm(term, beta[j], Math.sqrt(xtwxInverse[j][j]), crit), odds_ratio: Math.exp(beta[j]) }));
  return { terms, deviance: devOld, aic: devOld + 2 * k, iterations, n };
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** Inverse of a symmetric positive-definite matrix by Cholesky; a singular one is refused. */
function invertSymmetric(m: number[][], names: string[]): number[][] {
  const k = m.length;
  const L = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let s = m[i][j];
      for (let p = 0; p < j; p++) s -= L[i][p] * L[j][p];
      if (i === j) {
        if (!(s > 1e-10 * Math.max(1, m[i][i])))
          throw new FitRefusal(
            `the factors are collinear or constant (${['intercept', ...names][i]} adds nothing the others do not): drop it or add varied data`,
          );
        L[i][i] = Math.sqrt(s);
      } else L[i][j] = s / L[j][j];
    }
  }
  const inv = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let c = 0; c < k; c++) {
    const e = new Array<number>(k).fill(0);
    e[c] = 1;
    const yv = new Array<number>(k).fill(0);
    for (let i = 0; i < k; i++) {
      let s = e[i];
      for (let p = 0; p < i; p++) s -= L[i][p] * yv[p];
      yv[i] = s / L[i][i];
    }
    for (let i = k - 1; i >= 0; i--) {
      let s = yv[i];
      for (let p = i + 1; p < k; p++) s -= L[p][i] * inv[p][c];
      inv[i][c] = s / L[i][i];
    }
  }
  return inv;
}
