/**
 * `srp test`: the research statistics of SPEC §6 (srp.test/1). Within-subject (pre vs post) or
 * between-subject (failure vs control), numeric or binary satisfaction, moderators by each of
 * Magnini's four factors, and the logistic model of the paradox on the factors.
 *
 * Nothing silently wrong (SPEC §4, §6): where R refuses a test ("data are essentially constant")
 * srp says so instead of printing a number; where R would warn, srp warns; the design never
 * changes without saying why.
 */
import { FACTORS, MAGNINI_FACTORS, type Factor } from '../../case.js';
import { inputError } from '../../errors.js';
import { accounting, type ReadOptions } from '../../io/read.js';
import type { Input } from '../../io/source.js';
import type { Model } from '../../model/model.js';
import type { Alternative } from '../../stats/alternative.js';
import { binomTest } from '../../stats/binom-test.js';
import { cohensDz, hedgesG, type EffectSize } from '../../stats/effect-size.js';
import { fisherTest } from '../../stats/fisher.js';
import { FitRefusal } from '../../stats/logistic.js';
import { mcnemar, propTest, propTestExpected, propTestOne, propTestOneExpected } from '../../stats/proportions.js';
import { Refusal, momentsOf, oneSampleParts, pairedT, welchParts, welchT, type TTest } from '../../stats/t-test.js';
import { tost, type Equivalence } from '../../stats/tost.js';
import { rankSum, signedRank, type RankResult, type RankTest } from '../../stats/wilcoxon.js';
import { wilson } from '../../stats/wilson.js';
import { NO_BASELINE, fitParadox, paradoxData, withinOutcome } from '../paradox-model.js';
import { baselineOf, baselineLeftOut } from '../context.js';
import { CHI_SQUARED_WARNING, count } from '../../wording.js';
import { readResearchCases, type ResearchCase } from '../research-cases.js';
import type { DesignTests, MaybeT, Moderator, TestDoc, TestOptions } from './doc.js';
import { interactions } from './interactions.js';
import { paradoxReading } from './reading.js';

export type { Design, DesignTests, MaybeT, Moderator, TestDoc, TestOptions } from './doc.js';

export async function researchTest(inputs: Input[], read: ReadOptions, model: Model, options: TestOptions = {}): Promise<TestDoc> {
  const alternative = options.alternative ?? 'two-sided';
  const conf = options.confLevel ?? 0.95;
  const { cases, summary, binary, set, context } = await readResearchCases(inputs, read, model, options);
  const { design, reason: design_reason } = context;
  const hasPairs = cases.some((c) => c.pre !== null && c.post !== null);
  const hasGroup = cases.some((c) => c.group !== null);
  const warnings = [...summary.warnings];
  if (!options.design && design === 'within' && hasGroup)
    warnings.push(
      `design within, not between: the input has pre_satisfaction, so the failure cases are tested pre vs post and the control group's own change is reported beside them (--design between compares post_satisfaction only)`,
    );
  // Beside a stated baseline: control cases are not scored, cases of unknown group not compared (baselineOf).
  const ungrouped = design === 'baseline' && context.grouped ? cases.filter((c) => c.group === null).length : 0;
  const notScored = baselineLeftOut(context, cases.filter((c) => c.group === 'control').length, ungrouped);
  if (notScored) warnings.push(notScored);
  if (design === 'between' && hasPairs)
    warnings.push('design between: pre_satisfaction is not used (the failure group is compared with the control group after the recovery)');
  const input = accounting(summary);
  const base = { schema: 'srp.test/1' as const, design, design_reason, binary, alternative, conf_level: conf, input };
  const ctx: Context = { binary, alternative, conf, warnings, set, exact: options.exact };
  let doc: TestDoc;
  if (design === 'post-only')
    throw inputError(
      'no_baseline',
      'srp test: the input has no baseline (design post-only): give --baseline VALUE (the satisfaction without a failure), a control group (a group column), or derive pre_satisfaction from the customer\'s history',
    );
  if (design === 'within' || design === 'history' || (design === 'baseline' && !binary)) {
    // The baseline design, numeric: each case's post against the stated level, as R's t.test(post, mu = level).
    const against = baselineOf(context);
    const pairs = cases.filter((c) => c.post !== null && against(c) !== null).map((c) => (design === 'baseline' ? { ...c, pre: against(c) } : c));
    const controls = cases.filter((c) => c.group === 'control' && (design === 'baseline' || (c.pre !== null && c.post !== null)));
    if (pairs.length < 3)
      throw inputError('too_few_cases', `srp test (${design}): ${pairs.length} cases have both ${design === 'baseline' ? 'post_satisfaction' : 'pre_satisfaction and post_satisfaction'}; at least 3 are needed`);
    const left = cases.length - pairs.length - controls.length - ungrouped;
    if (left) warnings.push(`${count(left, 'case')} lack${left === 1 ? 's' : ''} ${design === 'baseline' ? 'post' : 'pre or post'} satisfaction and ${left === 1 ? 'is' : 'are'} left out`);
    const k = pairs.filter((c) => c.post! > c.pre!).length;
    doc = {
      ...base,
      ...(design === 'baseline' ? { baseline: context.baseline! } : {}),
      n: pairs.length,
      ...withinTests(pairs, ctx, 'the whole sample'),
      ...(binary ? {} : { effect_size: effectSize(cohensDz(post(pairs), pre(pairs), conf, alternative), ctx) }),
      paradox_rate: { k, n: pairs.length, rate: k / pairs.length, wilson95: wilson(k, pairs.length, conf) },
      ...(controls.length >= 2 && !binary && design !== 'baseline' ? { control: controlChange(pairs, controls, ctx) } : {}),
      moderators: moderators(pairs, ctx, (sub, where) => (sub.length >= 3 ? withinTests(sub, ctx, where, false) : null)),
      interactions: interactions({ kind: design === 'baseline' ? 'baseline' : 'within', pairs }, ctx),
      logistic: paradoxLogistic(pairs, withinOutcome, ctx),
      summary: '',
      warnings,
    };
  } else if (design === 'baseline') {
    // The baseline design, binary: the share satisfied against the stated share, as R's prop.test(x, n, p = level).
    const against = baselineOf(context);
    const scored = cases.filter((c) => c.post !== null && against(c) !== null);
    if (scored.length < 1) throw inputError('too_few_cases', 'srp test (baseline): no case has post_satisfaction');
    const oneSample = (sub: ResearchCase[]): DesignTests => ({ prop_test: propTestOne(sum(post(sub)), sub.length, context.baseline!, alternative, conf) });
    const k = sum(post(scored));
    if (Math.min(...propTestOneExpected(scored.length, context.baseline!)) < 5) warnings.push(`prop.test: ${CHI_SQUARED_WARNING}`);
    doc = {
      ...base,
      baseline: context.baseline!,
      n: scored.length,
      ...oneSample(scored),
      paradox_rate: { k, n: scored.length, rate: k / scored.length, wilson95: wilson(k, scored.length, conf) },
      moderators: moderators(scored, ctx, (sub) => (sub.length >= 1 ? oneSample(sub) : null)),
      interactions: interactions({ kind: 'baseline', pairs: scored }, ctx),
      logistic: paradoxLogistic(scored, (c) => (c.post === null ? null : c.post > context.baseline! ? 1 : 0), ctx),
      summary: '',
      warnings,
    };
  } else {
    const failure = cases.filter((c) => c.group === 'failure' && c.post !== null);
    const control = cases.filter((c) => c.group === 'control' && c.post !== null);
    if (failure.length < 2 || control.length < 2)
      throw inputError(
        'too_few_cases',
        `srp test (between): ${failure.length} failure and ${control.length} control cases with post_satisfaction; at least 2 of each are needed`,
      );
    const left = cases.length - failure.length - control.length;
    if (left) warnings.push(`${left} cases lack a group or post satisfaction and are left out`);
    const above = baselineOf(context);
    doc = {
      ...base,
      n: { failure: failure.length, control: control.length },
      ...betweenTests(failure, control, ctx, 'the whole sample'),
      ...(binary ? {} : { effect_size: effectSize(hedgesG(post(failure), post(control), conf, alternative), ctx) }),
      moderators: moderators(failure, ctx, (sub, where) => (sub.length >= 2 ? betweenTests(sub, control, ctx, where, false) : null)),
      interactions: interactions({ kind: 'between', failure, control }, ctx),
      logistic: paradoxLogistic(failure, (c) => (c.post === null ? null : c.post > above(c)! ? 1 : 0), ctx),
      summary: '',
      warnings,
    };
  }
  if (options.equivalence !== undefined) {
    const eq = equivalence(doc, cases, context.baseline, options.equivalence, ctx);
    if (eq) doc.equivalence = eq;
  }
  doc.summary = paradoxReading(doc);
  return doc;
}

/**
 * --equivalence δ (SPEC §6): TOST of the mean change (within, history, baseline: post − the stated
 * level) or the difference failure − control (between) against ±δ. Numeric satisfaction only.
 */
function equivalence(doc: TestDoc, cases: ResearchCase[], baseline: number | null, delta: number, ctx: Context): Equivalence | null {
  if (ctx.binary) {
    ctx.warnings.push('--equivalence: not computed, satisfaction is binary here (TOST compares means on a scale)');
    return null;
  }
  try {
    if (doc.design === 'between') {
      const posts = (g: string) => momentsOf(cases.filter((c) => c.group === g && c.post !== null).map((c) => c.post!));
      return tost(welchParts(posts('failure'), posts('control')), delta, ctx.conf);
    }
    const pairs = cases.filter((c) => c.post !== null && c.group !== 'control' && (baseline !== null || c.pre !== null));
    return tost(oneSampleParts(pairs.map((c) => c.post! - (baseline ?? c.pre!))), delta, ctx.conf);
  } catch (e) {
    if (!(e instanceof Refusal)) throw e;
    ctx.warnings.push(`--equivalence: not computed, ${e.message}`);
    return null;
  }
}

interface Context {
  binary: boolean;
  alternative: Alternative;
  conf: number;
  /** false: rank tests by the normal approximation (--exact false); otherwise R's default. */
  exact?: boolean;
  warnings: string[];
  set: Factor[];
}

const pre = (cs: ResearchCase[]) => cs.map((c) => c.pre!);
const post = (cs: ResearchCase[]) => cs.map((c) => c.post!);
const change = (cs: ResearchCase[]) => cs.map((c) => c.post! - c.pre!);

/** A t-test, or where R refuses it, its reason with the numbers null (and a warning naming where and what). */
function tTest(run: () => TTest, estimate: number, df: number, what: string, constant: string, ctx: Context): MaybeT {
  try {
    return run();
  } catch (e) {
    if (!(e instanceof Refusal)) throw e;
    const why = e.message === 'data are essentially constant' ? `${e.message} (${constant})` : e.message;
    ctx.warnings.push(`${what}: not computed, ${why}; R's t.test refuses such data`);
    return { statistic: NaN, df, p: NaN, estimate, ci: [NaN, NaN], refused: why };
  }
}

function withinTests(pairs: ResearchCase[], ctx: Context, where: string, all = true): DesignTests {
  const { alternative, conf } = ctx;
  if (ctx.binary) {
    const m = mcnemar(pre(pairs), post(pairs));
    if (alternative === 'two-sided' || m.b + m.c === 0) return { mcnemar: { statistic: m.statistic, df: m.df, p: m.p } };
    if (all)
      ctx.warnings.push(
        `McNemar's test has no one-sided form in R: for --alternative ${alternative}, the exact binomial test on the ${m.b + m.c} discordant pairs is used (R binom.test(${m.b}, ${m.b + m.c}, alternative = "${alternative}"))`,
      );
    return { binom_test: binomTest(m.b, m.b + m.c, 0.5, alternative, conf) };
  }
  const d = change(pairs);
  const mean = d.reduce((a, b) => a + b, 0) / d.length;
  if (d.every((v) => v === 0)) ctx.warnings.push(`paired t-test (${where}): undefined, every difference is 0 (R gives t = NaN, p = NA)`);
  return {
    paired_t: tTest(
      () => pairedT(post(pairs), pre(pairs), alternative, conf),
      mean,
      pairs.length - 1,
      `paired t-test (${where})`,
      `every difference is ${d[0] > 0 ? '+' : ''}${d[0]}`,
      ctx,
    ),
    ...(all ? { wilcoxon: rankTest(signedRank(post(pairs), pre(pairs), { alternative, conf, exact: ctx.exact }), ctx) } : {}),
  };
}

function betweenTests(failure: ResearchCase[], control: ResearchCase[], ctx: Context, where: string, all = true): DesignTests {
  const { alternative, conf } = ctx;
  const f = post(failure);
  const c = post(control);
  if (ctx.binary) {
    const [x1, x2] = [sum(f), sum(c)];
    const prop = propTest(x1, f.length, x2, c.length, alternative, conf);
    if (Math.min(...propTestExpected(x1, f.length, x2, c.length)) >= 5) return { prop_test: prop };
    ctx.warnings.push(
      `prop.test (${where}): ${CHI_SQUARED_WARNING}; Fisher's exact test is given beside it`,
    );
    return {
      prop_test: prop,
      fisher_test: fisherTest(
        [
          [x1, f.length - x1],
          [x2, c.length - x2],
        ],
        alternative,
        conf,
      ),
    };
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return {
    welch_t: tTest(
      () => welchT(f, c, alternative, conf),
      mean(f) - mean(c),
      NaN,
      `Welch t-test (${where})`,
      `each group has one value: failure ${f[0]}, control ${c[0]}`,
      ctx,
    ),
    ...(all ? { wilcoxon: rankTest(rankSum(f, c, { alternative, conf, exact: ctx.exact }), ctx) } : {}),
  };
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** An effect size, with a warning where it is undefined (every difference the same: the SD is 0). */
function effectSize(e: EffectSize, ctx: Context): EffectSize {
  if (!Number.isFinite(e.value)) ctx.warnings.push(`${e.name === 'cohens_dz' ? "Cohen's d_z" : "Hedges' g"} is undefined: the standard deviation is 0`);
  return e;
}

/** A rank test's result, its warnings (as R's) said. */
function rankTest(r: RankResult, ctx: Context): RankTest {
  ctx.warnings.push(...r.warnings);
  return r.test;
}

/** The control group's own pre-to-post change, and the failure cases' change against it (Welch). */
function controlChange(pairs: ResearchCase[], controls: ResearchCase[], ctx: Context): NonNullable<TestDoc['control']> {
  const [df, dc] = [change(pairs), change(controls)];
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return {
    n: controls.length,
    mean_change: mean(dc),
    welch_t: tTest(
      () => welchT(df, dc, ctx.alternative, ctx.conf),
      mean(df) - mean(dc),
      NaN,
      'Welch t-test of the changes, failure vs control',
      'every change is the same in each group',
      ctx,
    ),
  };
}

/**
 * The design's test within each level of each of Magnini's factors (low below 0.5, high at or
 * above). A factor set by the mapping, or with one level empty, has no levels to compare and is
 * left out with a note.
 */
function moderators(cases: ResearchCase[], ctx: Context, test: (sub: ResearchCase[], where: string) => DesignTests | null): Moderator[] {
  const out: Moderator[] = [];
  for (const factor of MAGNINI_FACTORS) {
    const j = FACTORS.indexOf(factor);
    if (ctx.set.includes(factor)) {
      ctx.warnings.push(`${factor} is set by the mapping, not observed: no moderator test for it`);
      continue;
    }
    const levels = (['low', 'high'] as const).map((level) => ({
      level,
      sub: cases.filter((c) => c.factors[j] !== null && (level === 'low' ? c.factors[j]! < 0.5 : c.factors[j]! >= 0.5)),
    }));
    if (!levels[0].sub.length && !levels[1].sub.length) continue;
    if (!levels[0].sub.length || !levels[1].sub.length) {
      const at = levels[0].sub.length ? 'low level (below 0.5)' : 'high level (0.5 or above; srp test splits each factor at 0.5, so a middle value such as Medium counts as high)';
      ctx.warnings.push(`${factor}: every case that has it is at the ${at}, so there is no moderator test for it`);
      continue;
    }
    for (const { level, sub } of levels) {
      const result = test(sub, `${factor} ${level}`);
      if (result) out.push({ factor, level, n: sub.length, ...result });
      else ctx.warnings.push(`${factor} ${level}: ${sub.length} case${sub.length > 1 ? 's' : ''}, too few for the test at this level`);
    }
  }
  return out;
}

/** Logistic regression of the observed paradox on the factors: the rule `srp fit` applies. */
function paradoxLogistic(cases: ResearchCase[], outcome: (c: ResearchCase) => number | null, ctx: Context): TestDoc['logistic'] {
  try {
    const data = paradoxData(cases, outcome, NO_BASELINE, ctx.set);
    for (const d of data.dropped) ctx.warnings.push(`logistic regression: ${d.factor} dropped, ${d.why}`);
    return fitParadox(data, ctx.conf);
  } catch (e) {
    if (!(e instanceof FitRefusal)) throw e;
    ctx.warnings.push(`logistic regression not fitted: ${e.message}`);
    return { refused: e.message };
  }
}
