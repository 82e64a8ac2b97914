/**
 * The report (srp.report/1): cases and predictions folded into counts, rates, comparisons and
 * calibration, one case at a time, holding only what the statistics need (the probabilities of
 * cases with an observed outcome). Every tally is plain data, so that two threads' can be merged.
 */
import { FACTORS, type Accounting, type Case, type Factor, type Group, type Observed, type Rejection } from '../../case.js';
import { emptyCase, type CaseColumns } from '../../io/case-columns.js';
import { polarityList, polarityRead } from '../../io/convert.js';
import { accounting, type Batch, type ReadSummary } from '../../io/read.js';
import { AssumedCount, normaliseAt } from '../../model/factors.js';
import type { Model } from '../../model/model.js';
import { outcome, scratchPrediction, type Prediction, type Predictor, type Verdict } from '../../model/predict.js';
import { addCalibration, aucOfSorted, calibrationOf, emptyCalibration, mergeClasses, tallyCalibration, type CalibrationBin, type SortedClasses } from '../../stats/calibration.js';
import { sortNonNegative } from '../../stats/radix-sort.js';
import { addMoments, emptyMoments, tallyMoment, type Moments } from '../../stats/moments.js';
import { wilson } from '../../stats/wilson.js';
import { CHI_SQUARED_WARNING, count, unknownFactorsWarning } from '../../wording.js';
import { baselineLeftOut, baselineOf, isControl, predictorFor, tallyCase, type ContextTally, type Design, type InputContext } from '../context.js';
import { addSide, compare, emptySide, tallySide, type Comparison, type Side } from './comparison.js';
import { periodKey, type Period } from './periods.js';

/** What is counted for one group of cases (all, a condition level, a segment, a period). */
interface Tally {
  /** Cases scored for the paradox (control cases are the baseline, not scored). */
  n: number;
  probability: number;
  likely: number;
  undetermined: number;
  observed: number;
  paradox: number;
  /** Per observed outcome (paradox, restored, not restored): cases, summed baseline, summed post. */
  paths: number[];
  /** Scored cases' post-recovery satisfaction. */
  satisfaction: Moments;
  failure: Side;
  control: Side;
}

const tally = (): Tally => ({
  n: 0,
  probability: 0,
  likely: 0,
  undetermined: 0,
  observed: 0,
  paradox: 0,
  paths: [0, 0, 0, 0, 0, 0, 0, 0, 0],
  satisfaction: emptyMoments(),
  failure: emptySide(),
  control: emptySide(),
});

function addTally(to: Tally, from: Tally) {
  for (let i = 0; i < to.paths.length; i++) to.paths[i] += from.paths[i];
  to.n += from.n;
  to.probability += from.probability;
  to.likely += from.likely;
  to.undetermined += from.undetermined;
  to.observed += from.observed;
  to.paradox += from.paradox;
  addMoments(to.satisfaction, from.satisfaction);
  addSide(to.failure, from.failure);
  addSide(to.control, from.control);
}

/** What the report counts of a case beside its prediction. */
type Counted = Pick<Case, 'group' | 'post' | 'segment' | 'date'>;

/**
 * A verdict and an observed outcome as the report counts them: an outcome by its index in
 * TRAJECTORY_GROUPS (−1: none), a verdict by its trajectory group's index (undetermined, which has
 * no trajectory, after them).
 */
const LIKELY = 3;
const UNLIKELY = 4;
const UNDETERMINED = 5;
const verdictCode = (v: Verdict) => (v === 'paradox likely' ? LIKELY : v === 'undetermined' ? UNDETERMINED : UNLIKELY);
const outcomeCode = (o: Observed | null) => (o === null ? -1 : o === 'paradox' ? 0 : o === 'restored' ? 1 : 2);

/** Counts a scored case into `t`; `failure`: it is on the failure side of a comparison (a between design's cases without a group are not). */
function countIn(t: Tally, probability: number, verdict: number, observed: number, baseline: number | null, post: number | null, failure: boolean) {
  t.n++;
  t.probability += probability;
  if (verdict === LIKELY) t.likely++;
  else if (verdict === UNDETERMINED) t.undetermined++;
  if (post !== null) {
    tallyMoment(t.satisfaction, post);
    if (failure) tallySide(t.failure, post);
  }
  if (observed >= 0) {
    t.observed++;
    if (observed === 0) t.paradox++;
    const k = 3 * observed; // the outcome's cases, summed baseline, summed post (Tally.paths)
    t.paths[k]++;
    t.paths[k + 1] += baseline!;
    t.paths[k + 2] += post!;
  }
}

/** The observed trajectories of a group of cases. */
const paths = (t: Tally): TrajectoryRow[] =>
  TRAJECTORY_GROUPS.slice(0, 3).map((group, i) => {
    const n = t.paths[3 * i];
    return { group, kind: 'observed', n, pre_mean: n ? t.paths[3 * i + 1] / n : null, post_mean: n ? t.paths[3 * i + 2] / n : null };
  });

export interface GroupRow {
  n: number;
  mean_probability: number | null;
  likely: number;
  undetermined: number;
  observed_n: number;
  observed_rate: number | null;
  wilson95: [number, number] | null;
  /** Mean post-recovery satisfaction of the scored cases. */
  mean_satisfaction: number | null;
  /** Between and baseline designs: the failure cases against the baseline. */
  comparison?: Comparison;
}

/** Mean satisfaction before the failure (the baseline) and after the recovery, for one group of cases. */
export interface TrajectoryRow {
  group: 'paradox' | 'restored' | 'not restored' | 'paradox likely' | 'paradox unlikely';
  kind: 'observed' | 'predicted';
  n: number;
  pre_mean: number | null;
  post_mean: number | null;
}

const TRAJECTORY_GROUPS = ['paradox', 'restored', 'not restored', 'paradox likely', 'paradox unlikely'] as const;
const DISTRIBUTION_BINS = 20;
const SATISFACTION_BINS = 10;

export type Level = 'low' | 'middle' | 'high';
const LEVELS: Level[] = ['low', 'middle', 'high'];
/** A normalised factor value's level: below 0.5, exactly 0.5 (Medium, Normal, `3 - Moderate`), above. */
const levelOf = (v: number) => (v < 0.5 ? 0 : v === 0.5 ? 1 : 2);
/** Where a case's tally is in byLevels: Σ level·4^i over the factors (level 3: unknown, bit i of `mask`). */
function levelsKey(values: number[], mask: number): number {
  let key = 0;
  for (let i = FACTORS.length - 1; i >= 0; i--) key = 4 * key + (mask & (1 << i) ? 3 : levelOf(values[i]));
  return key;
}

export interface ConditionRow extends GroupRow {
  factor: Factor;
  level: Level;
}

export interface ReportDoc {
  schema: 'srp.report/1';
  design: Design;
  design_reason: string;
  model: string;
  threshold: number;
  input: Accounting;
  /** Factor → share of cases for which it is unknown (averaged over its distribution, SPEC §3.4). */
  assumed: Record<Factor, number>;
  /** Factors the mapping set to one value: set, not observed. */
  set: string[];
  predicted: {
    mean_probability: number | null;
    likely: number;
    undetermined: number;
    /** The unknown factor that, recorded, would decide the most undetermined verdicts. */
    decisive_factor: Factor | null;
    decisive_cases: number;
    mean_potential: number | null;
    ceiling: number;
  };
  observed: { n: number; paradox: number; restored: number; not_restored: number; rate: number | null; wilson95: [number, number] | null; why_none: string | null };
  /** Between and baseline designs: the failure cases against the baseline. */
  comparison: Comparison | null;
  /** Binary satisfaction: the values read as satisfied and as dissatisfied, with counts. */
  polarity: ReturnType<typeof polarityList> | null;
  calibration: { n: number; brier: number | null; auc: number | null; table: CalibrationBin[] };
  conditions: ConditionRow[];
  action: { could_turn_likely: number; unlikely: number; summary: string };
  trajectory: TrajectoryRow[];
  distribution: { from: number; to: number; n: number }[];
  /** Mean post-recovery satisfaction by tenth of predicted probability (what a post-only export can show). */
  satisfaction_by_probability: { from: number; to: number; n: number; mean: number | null }[];
  model_terms: { term: string; estimate: number; ci: [number, number]; odds_ratio: number; odds_ratio_ci: [number, number]; p: number }[] | null;
  segments: ({ segment: string; trajectory: TrajectoryRow[] } & GroupRow)[];
  periods: ({ period: string } & GroupRow)[];
  by: string | null;
  period: Period | null;
  rejections: { shown: Rejection[]; total: number };
  warnings: string[];
}

export interface BuilderOptions {
  model: string;
  threshold: number;
  by?: string;
  period?: Period;
  terms?: ReportDoc['model_terms'];
  context: InputContext;
}

export class ReportBuilder {
  /**
   * Tallies by the levels of a case's factors (0, 1, 2: low, middle, high; 3: unknown), at index
   * Σ level·4^i: each case is counted once, and the whole and each condition are sums of these.
   */
  private byLevels: (Tally | undefined)[] = new Array(4 ** FACTORS.length);
  /** The control cases' post satisfaction (a between design's baseline; beside a stated baseline, counted only). */
  private control = emptySide();
  private assumedCount = new AssumedCount();
  private potential = 0;
  private ceiling = 0;
  private couldTurn = 0;
  private restored = 0;
  /** Undetermined cases each unknown factor would decide (FACTORS order). */
  private decides = FACTORS.map(() => 0);
  private segments = new Map<string, Tally>();
  private periods = new Map<string, Tally>();
  private undated = 0;
  /** Control cases, and cases of unknown group where the input has groups (baseline designs say so). */
  private controls = 0;
  private ungrouped = 0;
  /** The observed cases' probabilities, by outcome (paradox or not), for the AUC; and their calibration. */
  private pos = new GrowingArray();
  private neg = new GrowingArray();
  private calibration = emptyCalibration();
  private rejections: Rejection[] = [];
  private rejectionCount = 0;
  /** Per trajectory group: cases, summed baseline and post satisfaction. */
  private trajectory = TRAJECTORY_GROUPS.map(() => ({ n: 0, pre: 0, post: 0 }));
  private bins = new Array<number>(DISTRIBUTION_BINS).fill(0);
  private satisfactionBins = Array.from({ length: SATISFACTION_BINS }, emptyMoments);
  /** The observed cases' probabilities sorted by class, once all are in (for the AUC). */
  private sorted: SortedClasses | null = null;

  constructor(private readonly options: BuilderOptions) {}

  /** A case scored for the paradox (what is counted of it), its prediction and the baseline its outcome was observed against. */
  add(c: Counted, p: Prediction, baseline: number | null): void {
    const { values, assumedMask: mask } = p;
    this.count(levelsKey(values, mask), p.probability, p.potential, verdictCode(p.verdict), p.ceiling, outcomeCode(p.observed), baseline, c.post, c.group, c.segment, c.date, mask, p.deciders);
  }

  /**
   * A case of a batch read into columns whose five factors are known (normalised in `values`, and
   * counted), with its baseline, post satisfaction and the top of its scale (null: no satisfaction):
   * predicted and counted as `predictor.fromValues` and `add` would, without a prediction object per case.
   */
  addKnown(values: number[], baseline: number | null, post: number | null, top: number | null, segment: string | null, predictor: Predictor): void {
    const ceiling = predictor.atCeiling(baseline, top);
    const probability = predictor.known(values, ceiling);
    const potential = predictor.potential;
    const verdict = verdictCode(predictor.verdict(probability, probability, ceiling));
    this.count(levelsKey(values, 0), probability, potential, verdict, ceiling, outcomeCode(outcome(post, baseline)), baseline, post, null, segment, null, 0, 0);
  }

  /**
   * Counts a scored case: `key` its levels (byLevels), its verdict and outcome as codes, the unknown
   * factors (`mask`) and those that would decide an undetermined verdict (`deciders`).
   */
  private count(
    key: number,
    probability: number,
    potential: number,
    verdict: number,
    ceiling: boolean,
    observed: number,
    baseline: number | null,
    post: number | null,
    group: Group | null,
    segment: string | null,
    date: number | null,
    mask: number,
    deciders: number,
  ): void {
    this.sorted = null;
    // The failure side of the comparison: between, the failure group; baseline, the cases compared with the level.
    const { design } = this.options.context;
    const failure = design === 'between' ? group === 'failure' : design === 'baseline' ? baseline !== null : true;
    if (design === 'baseline' && this.options.context.grouped && group === null) this.ungrouped++;
    countIn((this.byLevels[key] ??= tally()), probability, verdict, observed, baseline, post, failure);
    this.potential += potential;
    if (ceiling) this.ceiling++;
    if (verdict === UNLIKELY && !ceiling && potential >= this.options.threshold) this.couldTurn++;
    this.assumedCount.add(mask);
    if (deciders) for (let f = 0; f < FACTORS.length; f++) if (deciders & (1 << f)) this.decides[f]++;
    this.bins[Math.min(DISTRIBUTION_BINS - 1, Math.floor(probability * DISTRIBUTION_BINS))]++;
    if (post !== null) tallyMoment(this.satisfactionBins[Math.min(SATISFACTION_BINS - 1, Math.floor(probability * SATISFACTION_BINS))], post);
    if (observed >= 0) {
      const a = this.trajectory[observed];
      const b = this.trajectory[verdict === LIKELY ? LIKELY : UNLIKELY];
      a.n++;
      a.pre += baseline!;
      a.post += post!;
      b.n++;
      b.pre += baseline!;
      b.post += post!;
      if (observed === 1) this.restored++;
      (observed === 0 ? this.pos : this.neg).push(probability);
      tallyCalibration(this.calibration, probability, observed === 0 ? 1 : 0);
    }
    if (this.options.by !== undefined) countIn(this.group(this.segments, segmentKey(segment)), probability, verdict, observed, baseline, post, failure);
    if (this.options.period) {
      if (date === null) this.undated++;
      else countIn(this.group(this.periods, periodKey(date, this.options.period)), probability, verdict, observed, baseline, post, failure);
    }
  }

  /** A case of the control group (between designs): the baseline, not scored. */
  addControl(c: Case): void {
    this.controls++;
    if (c.post === null) return;
    tallySide(this.control, c.post);
    if (this.options.by !== undefined) tallySide(this.group(this.segments, segmentKey(c.segment)).control, c.post);
    if (this.options.period && c.date !== null) tallySide(this.group(this.periods, periodKey(c.date, this.options.period)).control, c.post);
  }

  reject(rs: Rejection[]): void {
    this.rejectionCount += rs.length;
    for (const r of rs) if (this.rejections.length < 20) this.rejections.push(r);
  }

  /** Sorts the probabilities for the AUC now (a thread that would otherwise wait can do it). */
  presort(): void {
    this.sorted ??= { pos: sortNonNegative(this.pos.values()), neg: sortNonNegative(this.neg.values()) };
  }

  /** The builder's state as plain data (structured-clonable, for a worker thread). */
  snapshot() {
    this.presort();
    const sorted = this.sorted!;
    const { byLevels, control, controls, ungrouped, potential, ceiling, couldTurn, restored, decides, segments, periods, undated, rejections, rejectionCount, trajectory, bins, satisfactionBins } =
      this;
    return {
      byLevels,
      control,
      controls,
      ungrouped,
      assumedCount: this.assumedCount.toArray(),
      potential,
      ceiling,
      couldTurn,
      restored,
      decides,
      segments,
      periods,
      undated,
      rejections,
      rejectionCount,
      trajectory,
      bins,
      satisfactionBins,
      calibration: this.calibration,
      sorted,
    };
  }

  /** Adds the state of a builder that saw a later part of the input. */
  merge(s: ReturnType<ReportBuilder['snapshot']>): void {
    s.byLevels.forEach((t, key) => t && addTally((this.byLevels[key] ??= tally()), t));
    addSide(this.control, s.control);
    this.controls += s.controls;
    this.ungrouped += s.ungrouped;
    this.assumedCount.merge(AssumedCount.from(s.assumedCount));
    this.potential += s.potential;
    this.ceiling += s.ceiling;
    this.couldTurn += s.couldTurn;
    this.restored += s.restored;
    s.decides.forEach((n, f) => (this.decides[f] += n));
    for (const [key, t] of s.segments) addTally(this.group(this.segments, key), t);
    for (const [key, t] of s.periods) addTally(this.group(this.periods, key), t);
    this.undated += s.undated;
    s.trajectory.forEach((t, i) => {
      this.trajectory[i].n += t.n;
      this.trajectory[i].pre += t.pre;
      this.trajectory[i].post += t.post;
    });
    s.bins.forEach((n, i) => (this.bins[i] += n));
    s.satisfactionBins.forEach((m, i) => addMoments(this.satisfactionBins[i], m));
    for (const r of s.rejections) if (this.rejections.length < 20) this.rejections.push(r);
    this.rejectionCount += s.rejectionCount;
    addCalibration(this.calibration, s.calibration);
    this.presort();
    this.sorted = mergeClasses(this.sorted!, s.sorted);
    // The merged classes are the cases' probabilities from now on.
    this.pos = GrowingArray.of(this.sorted.pos);
    this.neg = GrowingArray.of(this.sorted.neg);
  }

  build(summary: ReadSummary): ReportDoc {
    const { threshold, context } = this.options;
    const { all: whole, conditions } = this.totals();
    const n = whole.n;
    const warnings = [...summary.warnings];
    const assumed = this.assumedCount.shares(n);
    const unknown = unknownFactorsWarning(assumed);
    if (unknown) warnings.push(unknown);
    const notScored = baselineLeftOut(context, this.controls, this.ungrouped);
    if (notScored) warnings.push(notScored);
    if (this.undated) warnings.push(`${count(this.undated, 'case has', 'cases have')} no date and ${this.undated === 1 ? 'is' : 'are'} left out of the periods`);
    const decisive = this.decides.reduce((best, v, f) => (v > this.decides[best] ? f : best), 0);
    const row = (t: Tally, againstAll = false) => this.row(t, againstAll ? whole.control : t.control);
    const all = row(whole);
    const unlikely = n - whole.likely - whole.undetermined;
    const set = summary.set.filter((f) => (FACTORS as readonly string[]).includes(f));
    this.presort();
    const calibration = calibrationOf(this.calibration);
    const doc: ReportDoc = {
      schema: 'srp.report/1',
      design: context.design,
      design_reason: context.reason,
      model: this.options.model,
      threshold,
      input: accounting(summary),
      assumed,
      set,
      predicted: {
        mean_probability: all.mean_probability,
        likely: whole.likely,
        undetermined: whole.undetermined,
        decisive_factor: this.decides[decisive] ? FACTORS[decisive] : null,
        decisive_cases: this.decides[decisive],
        mean_potential: n ? this.potential / n : null,
        ceiling: this.ceiling,
      },
      observed: {
        n: whole.observed,
        paradox: whole.paradox,
        restored: this.restored,
        not_restored: whole.observed - whole.paradox - this.restored,
        rate: all.observed_rate,
        wilson95: all.wilson95,
        why_none: whole.observed ? null : whyNoOutcome(context, whole),
      },
      comparison: all.comparison ?? null,
      polarity: context.binary && polarityRead(summary.polarity) ? polarityList(summary.polarity) : null,
      calibration: { n: calibration.n, brier: calibration.brier, auc: aucOfSorted(this.sorted!), table: calibration.table },
      conditions: FACTORS.flatMap((factor, i) =>
        set.includes(factor)
          ? []
          : LEVELS.flatMap((level, j) => {
              const t = conditions[3 * i + j];
              return t.n ? [{ factor, level, ...row(t, true) }] : [];
            }),
      ),
      action: {
        could_turn_likely: this.couldTurn,
        unlikely,
        summary: `${this.couldTurn} of ${unlikely} cases now "paradox unlikely" would turn "paradox likely" with an excellent recovery`,
      },
      trajectory: TRAJECTORY_GROUPS.map((group, i) => {
        const t = this.trajectory[i];
        return { group, kind: i < 3 ? 'observed' : 'predicted', n: t.n, pre_mean: t.n ? t.pre / t.n : null, post_mean: t.n ? t.post / t.n : null };
      }),
      distribution: this.bins.map((count, i) => ({ from: i / DISTRIBUTION_BINS, to: (i + 1) / DISTRIBUTION_BINS, n: count })),
      satisfaction_by_probability: this.satisfactionBins.map((m, i) => ({ from: i / SATISFACTION_BINS, to: (i + 1) / SATISFACTION_BINS, n: m.n, mean: m.n ? m.mean : null })),
      model_terms: this.options.terms ?? null,
      segments: [...this.segments].sort(([a], [b]) => a.localeCompare(b)).map(([segment, t]) => ({ segment, ...row(t), trajectory: paths(t) })),
      periods: [...this.periods].sort(([a], [b]) => a.localeCompare(b)).map(([period, t]) => ({ period, ...row(t) })),
      by: this.options.by ?? null,
      period: this.options.period ?? null,
      rejections: { shown: this.rejections, total: this.rejectionCount },
      warnings,
    };
    const approximate = approximations(doc);
    if (approximate) warnings.push(approximate);
    return doc;
  }

  /** The whole (with the control cases) and each condition (index 3·i + level for FACTORS[i]), summed from the tallies by levels. */
  private totals(): { all: Tally; conditions: Tally[] } {
    const all = tally();
    const conditions = Array.from({ length: FACTORS.length * 3 }, tally);
    this.byLevels.forEach((t, key) => {
      if (!t) return;
      addTally(all, t);
      for (let i = 0, k = key; i < FACTORS.length; i++, k >>= 2) if ((k & 3) < 3) addTally(conditions[3 * i + (k & 3)], t);
    });
    addSide(all.control, this.control);
    return { all, conditions };
  }

  private row(t: Tally, control: Side): GroupRow {
    const { context } = this.options;
    const against = context.design === 'between' ? { control } : context.design === 'baseline' ? { baseline: context.baseline! } : null;
    return {
      n: t.n,
      mean_probability: t.n ? t.probability / t.n : null,
      likely: t.likely,
      undetermined: t.undetermined,
      observed_n: t.observed,
      observed_rate: t.observed ? t.paradox / t.observed : null,
      wilson95: wilson(t.paradox, t.observed),
      mean_satisfaction: t.satisfaction.n ? t.satisfaction.mean : null,
      ...(against ? { comparison: compare(t.failure, against, context.binary) } : {}),
    };
  }

  private group(map: Map<string, Tally>, key: string): Tally {
    let t = map.get(key);
    if (!t) map.set(key, (t = tally()));
    return t;
  }
}

/**
 * A report's reading of batches: each case counted for the context, predicted and added (a control
 * case added as the baseline). The same in one thread and in each part of a two-thread reading.
 */
export function reportFeeder(model: Model, options: BuilderOptions, tally: ContextTally) {
  const { context } = options;
  const builder = new ReportBuilder(options);
  const predictor = predictorFor(model, options.threshold, context);
  predictor.tally = tally.factors;
  const baseline = baselineOf(context);
  const scratch = scratchPrediction();
  const one = (c: Case) => {
    tallyCase(tally, c);
    if (isControl(context, c.group)) builder.addControl(c);
    else builder.add(c, predictor.predict(c, scratch), baseline(c));
  };
  // A batch read into columns is predicted from its arrays: of each case, only what is counted is
  // set in one case that is reused (columns hold no group, so no control case, and no date).
  const row = emptyCase();
  const columns = (b: CaseColumns) => {
    const [, , , , , pre, post] = b.values;
    const { values } = scratch;
    predictor.countColumns(b.values, b.length);
    for (let i = 0; i < b.length; i++) {
      row.pre = pre[i] === pre[i] ? pre[i] : null;
      row.post = post[i] === post[i] ? post[i] : null;
      row.segment = b.segments ? b.segments[i] : null;
      tallyCase(tally, row);
      const mask = normaliseAt(b.values, i, values);
      const base = baseline(row);
      const top = row.pre !== null || row.post !== null ? b.top : null;
      if (mask === 0) builder.addKnown(values, base, row.post, top, row.segment, predictor);
      else builder.add(row, predictor.fromValues(scratch, mask, base, row.post, top), base);
    }
    b.release();
  };
  return {
    builder,
    batch(b: Batch) {
      builder.reject(b.rejections);
      if (b.columns) columns(b.columns);
      else for (const c of b.cases) one(c);
    },
  };
}

/** A case's segment; empty or a missing marker in the data is one segment, '(missing)'. */
const segmentKey = (segment: string | null) => (segment === null || segment === '' ? '(missing)' : segment);

/** Why no case has an observed outcome, in one line, with the ways to give a baseline. */
function whyNoOutcome(ctx: InputContext, all: Tally): string {
  if (ctx.design === 'post-only')
    return all.satisfaction.n
      ? 'the paradox needs a baseline and this input has post_satisfaction only: give --baseline VALUE (the satisfaction without a failure), a control group (a group column), or derive pre_satisfaction from the customer\'s history (mapping "derive": "previous_value")'
      : 'the input has no satisfaction at all, before or after the recovery';
  if (ctx.design === 'history') return 'no customer has an earlier case with a satisfaction: pre_satisfaction could not be derived for any case';
  return 'no case has both a baseline and post_satisfaction';
}

/** An append-only array of doubles that doubles as it fills. */
class GrowingArray {
  private data: Float64Array = new Float64Array(1024);
  length = 0;
  /** The array holding `values` (not copied). */
  static of(values: Float64Array): GrowingArray {
    const a = new GrowingArray();
    a.data = values;
    a.length = values.length;
    return a;
  }
  push(x: number) {
    if (this.length === this.data.length) {
      const next = new Float64Array(Math.max(1024, this.data.length * 2));
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = x;
  }
  values(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}

/**
 * R's warning where a comparison's prop.test has an expected count below 5 ("Chi-squared
 * approximation may be incorrect"), naming each group it concerns; null where none has one.
 */
function approximations(doc: ReportDoc): string | null {
  const groups: [string, Comparison | null | undefined][] = [
    ['overall', doc.comparison],
    ...doc.conditions.map((c): [string, Comparison | undefined] => [`${c.factor} ${c.level}`, c.comparison]),
    ...doc.segments.map((g): [string, Comparison | undefined] => [`${doc.by} ${g.segment}`, g.comparison]),
    ...doc.periods.map((g): [string, Comparison | undefined] => [`${doc.period} ${g.period}`, g.comparison]),
  ];
  const flagged = groups.filter(([, k]) => k?.approximate).map(([name]) => name);
  if (!flagged.length) return null;
  const shown = flagged.length > 6 ? [...flagged.slice(0, 6), `${flagged.length - 6} more`] : flagged;
  return `prop.test: ${CHI_SQUARED_WARNING} for ${shown.join(', ')}; its p-value is marked (approximate) in the report`;
}
