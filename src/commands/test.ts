/**
 * `srp test`: the research statistics of SPEC §6 (srp.test/1). Within-subject (pre vs post) or
 * between-subject (failure vs control), numeric or binary satisfaction, moderators by each of
 * Magnini's four factors, and the logistic model of the paradox on the factors.
 */
import { inputError, usageError } from '../errors.js';
import { FACTORS } from '../io/columns.js';
import type { ReadOptions } from '../io/read.js';
import type { Input } from '../io/source.js';
import type { Model } from '../model/model.js';
import type { Alternative } from '../stats/alternative.js';
import { cohensDz, hedgesG, type EffectSize } from '../stats/effect-size.js';
import { FitRefusal, logisticRegression, type LogisticFit } from '../stats/logistic.js';
import { mcnemar, propTest, type ChiSquared, type PropTest } from '../stats/proportions.js';
import { pairedT, welchT, type TTest } from '../stats/t-test.js';
import { rankSum, signedRank, type RankTest } from '../stats/wilcoxon.js';
import { wilson } from '../stats/wilson.js';
import { isBinary, readResearchCases, type ResearchCase } from './research-cases.js';
import { paradoxSummary } from './test-summary.js';

export type Design = 'within' | 'between';

export interface TestOptions {
  design?: Design;
  alternative?: Alternative;
  confLevel?: number;
}

/** The design's test, under the field names of srp.test/1. */
export interface DesignTests {
  paired_t?: TTest;
  welch_t?: TTest;
  wilcoxon?: RankTest;
  mcnemar?: ChiSquared;
  prop_test?: PropTest;
}

export const MAGNINI_FACTORS = ['severity', 'prior_failures', 'controllability', 'stability'] as const;

export interface Moderator extends DesignTests {
  factor: (typeof MAGNINI_FACTORS)[number];
  level: 'low' | 'high';
  n: number;
}

export interface TestDoc extends DesignTests {
  schema: 'srp.test/1';
  design: Design;
  binary: boolean;
  alternative: Alternative;
  conf_level: number;
  input: { rows: number; accepted: number; rejected: number };
  n: number | { failure: number; control: number };
  effect_size?: EffectSize;
  paradox_rate?: { k: number; n: number; rate: number; wilson95: [number, number] | null };
  moderators: Moderator[];
  logistic: (LogisticFit & { refused?: undefined }) | { refused: string } | null;
  summary: string;
  warnings: string[];
}

export async function researchTest(inputs: Input[], read: ReadOptions, model: Model, options: TestOptions = {}): Promise<TestDoc> {
  const alternative = options.alternative ?? 'two-sided';
  const conf = options.confLevel ?? 0.95;
  if (!(conf > 0 && conf < 1)) throw usageError(`--conf-level: ${conf} is not between 0 and 1`);
  const { cases, summary } = await readResearchCases(inputs, read, model);
  const design = options.design ?? (cases.some((c) => c.group !== null) ? 'between' : 'within');
  const warnings = [...summary.warnings];
  const input = { rows: summary.rows, accepted: summary.accepted, rejected: summary.rejected };
  const base = { schema: 'srp.test/1' as const, design, alternative, conf_level: conf, input };
  let doc: TestDoc;
  if (design === 'within') {
    const pairs = cases.filter((c) => c.pre !== null && c.post !== null);
    if (pairs.length < 3) throw inputError(`srp test (within): ${pairs.length} cases have both pre_satisfaction and post_satisfaction; at least 3 are needed`);
    if (pairs.length < cases.length) warnings.push(`${cases.length - pairs.length} cases lack pre or post satisfaction and are left out`);
    const binary = isBinary(pairs);
    const k = pairs.filter((c) => c.post! > c.pre!).length;
    doc = {
      ...base,
      binary,
      n: pairs.length,
      ...withinTests(pairs, binary, alternative, conf),
      ...(binary ? {} : { effect_size: cohensDz(post(pairs), pre(pairs), conf) }),
      paradox_rate: { k, n: pairs.length, rate: k / pairs.length, wilson95: wilson(k, pairs.length, conf) },
      moderators: moderators(pairs, (sub) => (sub.length >= 3 ? withinTests(sub, binary, alternative, conf, false) : null)),
      logistic: paradoxLogistic(pairs, conf, warnings),
      summary: '',
      warnings,
    };
  } else {
    const failure = cases.filter((c) => c.group === 'failure' && c.post !== null);
    const control = cases.filter((c) => c.group === 'control' && c.post !== null);
    if (failure.length < 2 || control.length < 2) throw inputError(`srp test (between): ${failure.length} failure and ${control.length} control cases with post_satisfaction; at least 2 of each are needed`);
    const left = cases.length - failure.length - control.length;
    if (left) warnings.push(`${left} cases lack a group or post satisfaction and are left out`);
    const binary = isBinary([...failure, ...control]);
    doc = {
      ...base,
      binary,
      n: { failure: failure.length, control: control.length },
      ...betweenTests(failure, control, binary, alternative, conf),
      ...(binary ? {} : { effect_size: hedgesG(post(failure), post(control), conf) }),
      moderators: moderators(failure, (sub) => (sub.length >= 2 ? betweenTests(sub, control, binary, alternative, conf, false) : null)),
      logistic: null,
      summary: '',
      warnings,
    };
  }
  doc.summary = paradoxSummary(doc);
  return doc;
}

const pre = (cs: ResearchCase[]) => cs.map((c) => c.pre!);
const post = (cs: ResearchCase[]) => cs.map((c) => c.post!);

function withinTests(pairs: ResearchCase[], binary: boolean, alternative: Alternative, conf: number, all = true): DesignTests {
  if (binary) return { mcnemar: withoutCounts(mcnemar(pre(pairs), post(pairs))) };
  return { paired_t: pairedT(post(pairs), pre(pairs), alternative, conf), ...(all ? { wilcoxon: signedRank(post(pairs), pre(pairs), alternative) } : {}) };
}

function betweenTests(failure: ResearchCase[], control: ResearchCase[], binary: boolean, alternative: Alternative, conf: number, all = true): DesignTests {
  if (binary) {
    const f = post(failure);
    const c = post(control);
    return { prop_test: propTest(sum(f), f.length, sum(c), c.length, alternative, conf) };
  }
  return { welch_t: welchT(post(failure), post(control), alternative, conf), ...(all ? { wilcoxon: rankSum(post(failure), post(control), alternative) } : {}) };
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const withoutCounts = ({ statistic, df, p }: ChiSquared): ChiSquared => ({ statistic, df, p });

/** The design's test within each level of each of Magnini's factors (low below 0.5, high at or above). */
function moderators(cases: ResearchCase[], test: (sub: ResearchCase[]) => DesignTests | null): Moderator[] {
  const out: Moderator[] = [];
  for (const factor of MAGNINI_FACTORS) {
    const j = FACTORS.indexOf(factor);
    for (const level of ['low', 'high'] as const) {
      const sub = cases.filter((c) => c.factors[j] !== null && (level === 'low' ? c.factors[j]! < 0.5 : c.factors[j]! >= 0.5));
      const result = test(sub);
      if (result) out.push({ factor, level, n: sub.length, ...result });
    }
  }
  return out;
}

/** Logistic regression of the observed paradox (post > pre) on the factors, over complete cases. */
function paradoxLogistic(pairs: ResearchCase[], conf: number, warnings: string[]): TestDoc['logistic'] {
  const present = FACTORS.filter((_, j) => pairs.some((c) => c.factors[j] !== null));
  if (!present.length) return null;
  const idx = present.map((f) => FACTORS.indexOf(f));
  const complete = pairs.filter((c) => idx.every((j) => c.factors[j] !== null));
  try {
    if (complete.length < 2 * (present.length + 1)) throw new FitRefusal(`too few complete cases (${complete.length}) for ${present.length + 1} terms`);
    const y = complete.map((c) => (c.post! > c.pre! ? 1 : 0));
    if (y.every((v) => v === y[0])) throw new FitRefusal('every case has the same outcome');
    return logisticRegression(complete.map((c) => idx.map((j) => c.factors[j]!)), y, present, conf);
  } catch (e) {
    if (!(e instanceof FitRefusal)) throw e;
    warnings.push(`logistic regression not fitted: ${e.message}`);
    return { refused: e.message };
  }
}
