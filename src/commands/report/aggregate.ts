/**
 * The report (srp.report/1): cases and predictions folded into counts, rates and calibration,
 * one case at a time, holding only what the statistics need (probabilities of observed cases).
 */
import { FACTORS, type Accounting, type Case, type Factor, type Rejection } from '../../case.js';
import { accounting, type ReadSummary } from '../../io/read.js';
import { AssumedCount } from '../../model/factors.js';
import type { Prediction } from '../../model/predict.js';
import { aucOfSorted, brier, calibrationTable, mergeClasses, sortClasses, type CalibrationBin, type SortedClasses } from '../../stats/calibration.js';
import { wilson } from '../../stats/wilson.js';
import { percent } from '../../wording.js';
import { periodKey, type Period } from './periods.js';

interface Tally {
  n: number;
  probability: number;
  likely: number;
  observed: number;
  paradox: number;
  /** Per observed outcome (paradox, restored, not restored): cases, summed pre, summed post. */
  paths: number[];
}

const tally = (): Tally => ({ n: 0, probability: 0, likely: 0, observed: 0, paradox: 0, paths: [0, 0, 0, 0, 0, 0, 0, 0, 0] });

function addTally(to: Tally, from: Tally) {
  for (let i = 0; i < to.paths.length; i++) to.paths[i] += from.paths[i];
  to.n += from.n;
  to.probability += from.probability;
  to.likely += from.likely;
  to.observed += from.observed;
  to.paradox += from.paradox;
}

/** Where an observed outcome's sums sit in Tally.paths. */
const PATH = { paradox: 0, restored: 3, 'not restored': 6 } as const;

function count(t: Tally, p: Prediction, c: Case) {
  t.n++;
  t.probability += p.probability;
  if (p.likely) t.likely++;
  if (p.observed) {
    t.observed++;
    if (p.observed === 'paradox') t.paradox++;
    const k = PATH[p.observed];
    t.paths[k]++;
    t.paths[k + 1] += c.pre!;
    t.paths[k + 2] += c.post!;
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
  observed_n: number;
  observed_rate: number | null;
  wilson95: [number, number] | null;
}

const row = (t: Tally): GroupRow => ({
  n: t.n,
  mean_probability: t.n ? t.probability / t.n : null,
  likely: t.likely,
  observed_n: t.observed,
  observed_rate: t.observed ? t.paradox / t.observed : null,
  wilson95: wilson(t.paradox, t.observed),
});

/** Mean satisfaction before the failure and after the recovery, for one group of cases. */
export interface TrajectoryRow {
  group: 'paradox' | 'restored' | 'not restored' | 'paradox likely' | 'paradox unlikely';
  kind: 'observed' | 'predicted';
  n: number;
  pre_mean: number | null;
  post_mean: number | null;
}

const TRAJECTORY_GROUPS = ['paradox', 'restored', 'not restored', 'paradox likely', 'paradox unlikely'] as const;
const DISTRIBUTION_BINS = 20;

export interface ConditionRow extends GroupRow {
  factor: Factor;
  level: 'low' | 'high';
}

export interface ReportDoc {
  schema: 'srp.report/1';
  model: string;
  threshold: number;
  input: Accounting;
  assumed: Record<Factor, number>;
  predicted: { mean_probability: number | null; likely: number; mean_potential: number | null; ceiling: number };
  observed: { n: number; paradox: number; restored: number; not_restored: number; rate: number | null; wilson95: [number, number] | null };
  calibration: { n: number; brier: number | null; auc: number | null; table: CalibrationBin[] };
  conditions: ConditionRow[];
  action: { could_turn_likely: number; unlikely: number; summary: string };
  trajectory: TrajectoryRow[];
  distribution: { from: number; to: number; n: number }[];
  model_terms: { term: string; estimate: number; ci: [number, number]; odds_ratio: number; odds_ratio_ci: [number, number]; p: number }[] | null;
  segments: ({ segment: string; trajectory: TrajectoryRow[] } & GroupRow)[];
  periods: ({ period: string } & GroupRow)[];
  by: string | null;
  period: Period | null;
  rejections: { shown: Rejection[]; total: number };
  warnings: string[];
}

export class ReportBuilder {
  private all = tally();
  private assumedCount = new AssumedCount();
  private potential = 0;
  private ceiling = 0;
  private couldTurn = 0;
  private restored = 0;
  /** Tallies by factor and level: index 2·i for FACTORS[i] low, 2·i + 1 for high. */
  private conditions = Array.from({ length: FACTORS.length * 2 }, tally);
  private segments = new Map<string, Tally>();
  private periods = new Map<string, Tally>();
  private undated = 0;
  private probs = new GrowingArray(Float64Array);
  private outcomes = new GrowingArray(Uint8Array);
  private rejections: Rejection[] = [];
  private rejectionCount = 0;
  /** Per trajectory group: cases, summed pre and post satisfaction. */
  private trajectory = TRAJECTORY_GROUPS.map(() => ({ n: 0, pre: 0, post: 0 }));
  private bins = new Array<number>(DISTRIBUTION_BINS).fill(0);
  /** The observed cases' probabilities sorted by class, once all are in (for the AUC). */
  private sorted: SortedClasses | null = null;

  constructor(private readonly options: { model: string; threshold: number; by?: string; period?: Period; terms?: ReportDoc['model_terms'] }) {}

  add(c: Case, p: Prediction): void {
    this.sorted = null;
    count(this.all, p, c);
    this.potential += p.potential;
    if (p.ceiling) this.ceiling++;
    if (!p.likely && p.potential >= this.options.threshold) this.couldTurn++;
    this.assumedCount.add(p.assumedMask);
    this.bins[Math.min(DISTRIBUTION_BINS - 1, Math.floor(p.probability * DISTRIBUTION_BINS))]++;
    if (p.observed) {
      const a = this.trajectory[TRAJECTORY_GROUPS.indexOf(p.observed)];
      const b = this.trajectory[p.likely ? 3 : 4];
      a.n++;
      a.pre += c.pre!;
      a.post += c.post!;
      b.n++;
      b.pre += c.pre!;
      b.post += c.post!;
      if (p.observed === 'restored') this.restored++;
      this.probs.push(p.probability);
      this.outcomes.push(p.observed === 'paradox' ? 1 : 0);
    }
    for (let i = 0; i < FACTORS.length; i++) if (!(p.assumedMask & (1 << i))) count(this.conditions[2 * i + (p.values[i] < 0.5 ? 0 : 1)], p, c);
    if (this.options.by !== undefined) bump(this.segments, c.segment === null || c.segment === '' ? '(empty)' : c.segment, p, c);
    if (this.options.period) {
      if (c.date === null) this.undated++;
      else bump(this.periods, periodKey(c.date, this.options.period), p, c);
    }
  }

  reject(rs: Rejection[]): void {
    this.rejectionCount += rs.length;
    for (const r of rs) if (this.rejections.length < 20) this.rejections.push(r);
  }

  /** Sorts the probabilities for the AUC now (a thread that would otherwise wait can do it). */
  presort(): void {
    this.sorted ??= sortClasses(this.probs.values(), this.outcomes.values());
  }

  /** The builder's state as plain data (structured-clonable, for a worker thread). */
  snapshot() {
    this.presort();
    const sorted = this.sorted!;
    const { all, potential, ceiling, couldTurn, restored, conditions, segments, periods, undated, rejections, rejectionCount, trajectory, bins } = this;
    return { all, assumedCount: this.assumedCount.toArray(), potential, ceiling, couldTurn, restored, conditions, segments, periods, undated, rejections, rejectionCount, trajectory, bins, probs: this.probs.values().slice(), outcomes: this.outcomes.values().slice(), sorted };
  }

  /** Adds the state of a builder that saw a later part of the input. */
  merge(s: ReturnType<ReportBuilder['snapshot']>): void {
    addTally(this.all, s.all);
    this.assumedCount.merge(AssumedCount.from(s.assumedCount));
    this.potential += s.potential;
    this.ceiling += s.ceiling;
    this.couldTurn += s.couldTurn;
    this.restored += s.restored;
    s.conditions.forEach((t, i) => addTally(this.conditions[i], t));
    for (const [key, t] of s.segments) addTally(this.segments.get(key) ?? this.segments.set(key, tally()).get(key)!, t);
    for (const [key, t] of s.periods) addTally(this.periods.get(key) ?? this.periods.set(key, tally()).get(key)!, t);
    this.undated += s.undated;
    s.trajectory.forEach((t, i) => {
      this.trajectory[i].n += t.n;
      this.trajectory[i].pre += t.pre;
      this.trajectory[i].post += t.post;
    });
    s.bins.forEach((n, i) => (this.bins[i] += n));
    for (const r of s.rejections) if (this.rejections.length < 20) this.rejections.push(r);
    this.rejectionCount += s.rejectionCount;
    this.probs.append(s.probs);
    this.outcomes.append(s.outcomes);
    this.presort();
    this.sorted = mergeClasses(this.sorted!, s.sorted);
  }

  build(summary: ReadSummary): ReportDoc {
    const { threshold } = this.options;
    const all = row(this.all);
    const n = this.all.n;
    const warnings = [...summary.warnings];
    const assumed = this.assumedCount.shares(n);
    for (const f of FACTORS) if (assumed[f] > 0) warnings.push(`${f} missing for ${percent(assumed[f], 1)} of cases: assumed neutral`);
    if (this.undated) warnings.push(`${this.undated} cases have no date and are left out of the periods`);
    const unlikely = n - this.all.likely;
    const probs = this.probs.values();
    const outcomes = this.outcomes.values();
    return {
      schema: 'srp.report/1',
      model: this.options.model,
      threshold,
      input: accounting(summary),
      assumed,
      predicted: { mean_probability: all.mean_probability, likely: this.all.likely, mean_potential: n ? this.potential / n : null, ceiling: this.ceiling },
      observed: {
        n: this.all.observed,
        paradox: this.all.paradox,
        restored: this.restored,
        not_restored: this.all.observed - this.all.paradox - this.restored,
        rate: all.observed_rate,
        wilson95: all.wilson95,
      },
      calibration: { n: probs.length, brier: brier(probs, outcomes), auc: aucOfSorted(this.sorted ?? sortClasses(probs, outcomes)), table: calibrationTable(probs, outcomes) },
      conditions: FACTORS.flatMap((factor, i) =>
        (['low', 'high'] as const).flatMap((level, j) => {
          const t = this.conditions[2 * i + j];
          return t.n ? [{ factor, level, ...row(t) }] : [];
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
      distribution: this.bins.map((n, i) => ({ from: i / DISTRIBUTION_BINS, to: (i + 1) / DISTRIBUTION_BINS, n })),
      model_terms: this.options.terms ?? null,
      segments: [...this.segments].sort(([a], [b]) => a.localeCompare(b)).map(([segment, t]) => ({ segment, ...row(t), trajectory: paths(t) })),
      periods: [...this.periods].sort(([a], [b]) => a.localeCompare(b)).map(([period, t]) => ({ period, ...row(t) })),
      by: this.options.by ?? null,
      period: this.options.period ?? null,
      rejections: { shown: this.rejections, total: this.rejectionCount },
      warnings,
    };
  }
}

/** An append-only typed array that doubles as it fills. */
class GrowingArray<T extends Float64Array | Uint8Array> {
  private data: T;
  length = 0;
  constructor(private readonly make: new (n: number) => T) {
    this.data = new make(1024);
  }
  push(x: number) {
    if (this.length === this.data.length) {
      const next = new this.make(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = x;
  }
  append(xs: T) {
    let capacity = this.data.length;
    while (capacity < this.length + xs.length) capacity *= 2;
    if (capacity > this.data.length) {
      const next = new this.make(capacity);
      next.set(this.data.subarray(0, this.length));
      this.data = next;
    }
    this.data.set(xs, this.length);
    this.length += xs.length;
  }
  values(): T {
    return this.data.subarray(0, this.length) as T;
  }
}

function bump(map: Map<string, Tally>, key: string, p: Prediction, c: Case) {
  let t = map.get(key);
  if (!t) map.set(key, (t = tally()));
  count(t, p, c);
}
