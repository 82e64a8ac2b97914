/**
 * The comparison of the between and baseline designs (SPEC §3.5): the failure cases' satisfaction
 * after the recovery against the baseline, with each side's n, mean and share satisfied.
 * - between, numeric: Welch's t-test, failure − control (R `t.test(failure, control)`);
 * - between, binary: the difference of shares satisfied (R `prop.test(c(x1, x2), c(n1, n2))`);
 * - baseline, numeric: the one-sample t-test against the stated level (R `t.test(post, mu = level)`);
 * - baseline, binary: the share satisfied against the stated share (R `prop.test(x, n, p = level)`).
 * Where R would refuse (fewer than two cases, constant data), the numbers are null and `refused` says why.
 */
import { emptyMoments, addMoments, tallyMoment, type Moments } from '../../stats/moments.js';
import { propTest, propTestExpected, propTestOne, propTestOneExpected } from '../../stats/proportions.js';
import { oneSampleFromMoments, Refusal, welchFromMoments, type TTest } from '../../stats/t-test.js';

/** One side's post-recovery satisfaction, counted as cases are read. */
export interface Side {
  post: Moments;
  /** Cases satisfied (binary satisfaction: post = 1). */
  satisfied: number;
}

export const emptySide = (): Side => ({ post: emptyMoments(), satisfied: 0 });

export function tallySide(s: Side, post: number): void {
  tallyMoment(s.post, post);
  if (post === 1) s.satisfied++;
}

export function addSide(to: Side, from: Side): void {
  addMoments(to.post, from.post);
  to.satisfied += from.satisfied;
}

export interface SideSummary {
  n: number;
  mean: number | null;
  satisfied_share: number | null;
}

export interface Comparison {
  failure: SideSummary;
  control: SideSummary | null;
  /** Baseline design: the stated pre-failure level. */
  baseline: number | null;
  difference: number | null;
  ci: [number, number] | null;
  test: 'welch_t' | 't_test' | 'prop_test';
  statistic: number | null;
  df: number | null;
  p: number | null;
  /** Why the test has no numbers (R would refuse it). */
  refused?: string;
  /** prop.test with an expected count below 5: R warns that the chi-squared approximation may be incorrect. */
  approximate?: true;
}

const summarise = (s: Side, binary: boolean): SideSummary => ({ n: s.post.n, mean: s.post.n ? s.post.mean : null, satisfied_share: binary && s.post.n ? s.satisfied / s.post.n : null });

/** The failure side against the control side (between) or the stated level (baseline). */
export function compare(failure: Side, against: { control: Side } | { baseline: number }, binary: boolean): Comparison {
  const control = 'control' in against ? against.control : null;
  const baseline = 'baseline' in against ? against.baseline : null;
  const test = binary ? 'prop_test' : control ? 'welch_t' : 't_test';
  const base = { failure: summarise(failure, binary), control: control && summarise(control, binary), baseline, test } as const;
  const share = (s: Side) => s.satisfied / s.post.n;
  const difference = failure.post.n === 0 ? null : binary ? share(failure) - (control ? (control.post.n ? share(control) : NaN) : baseline!) : failure.post.mean - (control ? (control.post.n ? control.post.mean : NaN) : baseline!);
  const refused = (why: string): Comparison => ({ ...base, difference: difference !== null && Number.isFinite(difference) ? difference : null, ci: null, statistic: null, df: null, p: null, refused: why });
  if (binary) {
    if (failure.post.n === 0 || (control && control.post.n === 0)) return refused('no case on one side');
    const t = control ? propTest(failure.satisfied, failure.post.n, control.satisfied, control.post.n) : propTestOne(failure.satisfied, failure.post.n, baseline!);
    const ci: [number, number] = control ? t.ci : [t.ci[0] - baseline!, t.ci[1] - baseline!];
    const expected = control
      ? propTestExpected(failure.satisfied, failure.post.n, control.satisfied, control.post.n)
      : propTestOneExpected(failure.post.n, baseline!);
    return { ...base, difference: difference!, ci, statistic: t.statistic, df: t.df, p: t.p, ...(Math.min(...expected) < 5 ? { approximate: true as const } : {}) };
  }
  let t: TTest;
  try {
    t = control ? welchFromMoments(failure.post, control.post) : oneSampleFromMoments(failure.post, baseline!);
  } catch (e) {
    if (e instanceof Refusal) return refused(sideOf(e.message));
    throw e;
  }
  return { ...base, difference: t.estimate, ci: t.ci, statistic: t.statistic, df: t.df, p: t.p };
}

/** R's refusal in the report's words: which side has too few cases ('x' is the failure side, 'y' the control). */
function sideOf(why: string): string {
  if (why === "not enough 'y' observations") return `fewer than 2 control cases with post satisfaction (R: ${why})`;
  if (why.startsWith('not enough')) return `fewer than 2 failure cases with post satisfaction (R: ${why})`;
  return why;
}

/** A fresh side that adds others (for the control group of a whole input, whose parts were counted apart). */
export function sumSides(sides: Side[]): Side {
  const s = emptySide();
  for (const x of sides) addSide(s, x);
  return s;
}
