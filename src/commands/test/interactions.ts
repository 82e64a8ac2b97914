/**
 * Moderation tested as an interaction (SPEC §6): for each of Magnini's factors, does the design's
 * effect differ between the factor's low level (below 0.5) and its high level? One test per factor,
 * Holm-adjusted across the factors tested (R `p.adjust(method = "holm")`). A difference between a
 * significant and a non-significant level is not itself significant (Gelman & Stern 2006): the
 * reading claims moderation from these tests only.
 *
 * - within, numeric: R `t.test(d[high], d[low])` of the changes d = post − pre (baseline: post − level)
 * - within, binary: the difference of the paradox rates, R `prop.test(c(k_high, k_low), c(n_high, n_low))`
 * - baseline, binary: the difference of the shares satisfied, the same prop.test
 * - between, numeric: R `lm(post ~ group * level)` where the control group has both levels of the
 *   factor, else `lm(post ~ cell)` with the failure cases split by level and the controls pooled
 * - between, binary: the same models as R `glm(..., binomial)`, Wald z and interval (`confint.default`)
 */
import { FACTORS, MAGNINI_FACTORS, type Factor, type MagniniFactor } from '../../case.js';
import { cellContrast } from '../../stats/contrast.js';
import { fisherTest, type FisherTest } from '../../stats/fisher.js';
import { holm } from '../../stats/holm.js';
import { FitRefusal, logisticRegression } from '../../stats/logistic.js';
import { propTest, propTestExpected } from '../../stats/proportions.js';
import { Refusal, welchT } from '../../stats/t-test.js';
import type { ResearchCase } from '../research-cases.js';

export interface Interaction {
  factor: MagniniFactor;
  test: 'welch_t' | 'lm' | 'glm' | 'prop_test';
  /** The R call that gives these numbers. */
  r: string;
  /** Cases at each level (between: failure cases). */
  n: { low: number; high: number };
  statistic: number;
  /** Degrees of freedom; null for a z statistic. */
  df: number | null;
  p: number;
  /** Holm-adjusted across the factors tested. */
  p_holm: number;
  /** The high level's effect minus the low level's (between, binary: on the log-odds scale). */
  estimate: number;
  ci: [number, number];
  /** Why R would not give the numbers (they are NaN, and the reading draws nothing from them). */
  refused?: string;
  /** prop.test's approximation may be incorrect (an expected count below 5): Fisher's exact test beside it. */
  fisher_test?: FisherTest;
}

export type Groups = { kind: 'within' | 'baseline'; pairs: ResearchCase[] } | { kind: 'between'; failure: ResearchCase[]; control: ResearchCase[] };

interface Options {
  binary: boolean;
  conf: number;
  set: Factor[];
  warnings: string[];
}

type Level = 'low' | 'high';
const levelOf = (c: ResearchCase, j: number): Level | null => (c.factors[j] === null ? null : c.factors[j]! < 0.5 ? 'low' : 'high');
const by = (cs: ResearchCase[], j: number, level: Level) => cs.filter((c) => levelOf(c, j) === level);

export function interactions(groups: Groups, options: Options): Interaction[] {
  const out: Interaction[] = [];
  for (const factor of MAGNINI_FACTORS) {
    if (options.set.includes(factor)) continue;
    const j = FACTORS.indexOf(factor);
    const cases = groups.kind === 'between' ? groups.failure : groups.pairs;
    const [low, high] = [by(cases, j, 'low'), by(cases, j, 'high')];
    if (!low.length || !high.length) continue;
    out.push({ factor, n: { low: low.length, high: high.length }, p_holm: NaN, ...test(groups, j, low, high, options, factor) });
  }
  const adjusted = holm(out.map((i) => i.p));
  out.forEach((i, k) => (i.p_holm = adjusted[k]));
  return out;
}

type Test = Omit<Interaction, 'factor' | 'n' | 'p_holm'>;

function test(groups: Groups, j: number, low: ResearchCase[], high: ResearchCase[], o: Options, factor: string): Test {
  try {
    if (groups.kind !== 'between') {
      if (!o.binary) {
        const d = (cs: ResearchCase[]) => cs.map((c) => c.post! - c.pre!);
        const r = `t.test(d[high], d[low]), d = post − ${groups.kind === 'within' ? 'pre' : 'the stated baseline'}`;
        return { test: 'welch_t', r, ...welchT(d(high), d(low), 'two-sided', o.conf) };
      }
      const hit = (c: ResearchCase) => (groups.kind === 'within' ? c.post! > c.pre! : c.post === 1);
      return proportions(high.filter(hit).length, high.length, low.filter(hit).length, low.length, o, factor, groups.kind === 'within' ? 'paradox rate' : 'share satisfied');
    }
    const controls = [by(groups.control, j, 'low'), by(groups.control, j, 'high')];
    const full = controls[0].length > 0 && controls[1].length > 0;
    if (!o.binary) {
      const post = (cs: ResearchCase[]) => cs.map((c) => c.post!);
      const cells = full
        ? [
            { values: post(high), weight: 1 },
            { values: post(controls[1]), weight: -1 },
            { values: post(low), weight: -1 },
            { values: post(controls[0]), weight: 1 },
          ]
        : [
            { values: post(high), weight: 1 },
            { values: post(low), weight: -1 },
            { values: post(groups.control), weight: 0 },
          ];
      return { test: 'lm', r: full ? 'lm(post ~ group * level)' : 'lm(post ~ cell), cell = failure-low (reference), failure-high or control', ...cellContrast(cells, o.conf) };
    }
    // Binary between: the same models as logistic regressions, the interaction (or failure-high) term.
    const rows = full
      ? [...high.map((c) => [1, 1, 1, c.post!]), ...low.map((c) => [1, 0, 0, c.post!]), ...controls[1].map((c) => [0, 1, 0, c.post!]), ...controls[0].map((c) => [0, 0, 0, c.post!])]
      : [...high.map((c) => [1, 0, c.post!]), ...low.map((c) => [0, 0, c.post!]), ...groups.control.map((c) => [0, 1, c.post!])];
    const width = full ? 3 : 2;
    const fit = logisticRegression(
      rows.map((r) => r.slice(0, width)),
      rows.map((r) => r[width]),
      full ? ['failure', 'high', 'failure:high'] : ['failure_high', 'control'],
      o.conf,
    );
    const term = fit.terms[full ? 3 : 1];
    return {
      test: 'glm',
      r: full ? 'glm(satisfied ~ group * level, binomial), Wald (confint.default)' : 'glm(satisfied ~ cell, binomial), cell = failure-low (reference), failure-high or control; Wald',
      statistic: term.z,
      df: null,
      p: term.p,
      estimate: term.estimate,
      ci: term.ci,
    };
  } catch (e) {
    if (!(e instanceof Refusal) && !(e instanceof FitRefusal)) throw e;
    o.warnings.push(`${factor}: the interaction test is not computed: ${e.message}`);
    return { test: o.binary ? 'prop_test' : groups.kind === 'between' ? 'lm' : 'welch_t', r: '', statistic: NaN, df: null, p: NaN, estimate: NaN, ci: [NaN, NaN], refused: e.message };
  }
}

/** Two shares compared with R's prop.test; where R would warn about the approximation, Fisher's exact test beside it. */
function proportions(x1: number, n1: number, x2: number, n2: number, o: Options, factor: string, what: string): Test {
  const t = propTest(x1, n1, x2, n2, 'two-sided', o.conf);
  const result: Test = { test: 'prop_test', r: `prop.test(c(x_high, x_low), c(n_high, n_low)), x = ${what}`, statistic: t.statistic, df: t.df, p: t.p, estimate: t.estimate, ci: t.ci };
  if (Math.min(...propTestExpected(x1, n1, x2, n2)) < 5) {
    o.warnings.push(`${factor} interaction: prop.test's chi-squared approximation may be incorrect (an expected count is below 5, as R warns); Fisher's exact test is given beside it`);
    result.fisher_test = fisherTest([
      [x1, n1 - x1],
      [x2, n2 - x2],
    ], 'two-sided', o.conf);
  }
  return result;
}
