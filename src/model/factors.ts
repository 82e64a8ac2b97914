/**
 * A case's factor values as the model sees them: normalised to [0,1], prior failures as
 * min(n, 2) / 2 (Maxham & Netemeyer 2002), recovery quality from its column or derived from its
 * components; a factor not in the data is unknown (unknown.ts says what is done with it).
 */
import { FACTORS, type Case, type Component, type Factor } from '../case.js';
import type { Model } from './model.js';

export type FactorValues = Record<Factor, number>;

/**
 * Fills `values` (in FACTORS order) with the case's normalised factors, NaN where one is not in
 * the data, and returns those as a bit mask (bit i = FACTORS[i]). The one normalisation every
 * command uses (`normaliseAt` is it for a batch read into columns); written out so that the hot
 * path allocates and dispatches nothing.
 */
export function normalise(c: Case, model: Model, values: number[]): number {
  let missing = 0;
  const recovery = c.recovery ?? (c.components ? recoveryFromComponents(c.components, model) : null);
  if (c.severity === null) (values[0] = NaN), (missing |= 1);
  else values[0] = c.severity;
  if (c.prior === null) (values[1] = NaN), (missing |= 2);
  else values[1] = priorValue(c.prior);
  if (c.controllability === null) (values[2] = NaN), (missing |= 4);
  else values[2] = c.controllability;
  if (c.stability === null) (values[3] = NaN), (missing |= 8);
  else values[3] = c.stability;
  if (recovery === null) (values[4] = NaN), (missing |= 16);
  else values[4] = recovery;
  return missing;
}

/** Prior failures normalised: min(n, 2) / 2 (NaN stays NaN). */
export const priorValue = (n: number) => Math.min(n, 2) / 2;

/**
 * `normalise` for case i of a batch read into columns: `factors` are the batch's first five columns
 * (io/case-columns.ts COLUMNS: severity, prior, controllability, stability, recovery, as FACTORS),
 * NaN where not in the data; recovery quality from its column (columns hold no components).
 */
export function normaliseAt(factors: readonly Float64Array[], i: number, values: number[]): number {
  values[0] = factors[0][i];
  values[1] = priorValue(factors[1][i]);
  values[2] = factors[2][i];
  values[3] = factors[3][i];
  values[4] = factors[4][i];
  let missing = 0;
  for (let f = 0; f < 5; f++) if (values[f] !== values[f]) missing |= 1 << f;
  return missing;
}

/** The observed factors in FACTORS order, null where not in the data. */
export function observedFactors(c: Case, model: Model): (number | null)[] {
  const values = [0, 0, 0, 0, 0];
  normalise(c, model, values);
  return values.map((v) => (Number.isNaN(v) ? null : v));
}

const NONE: Factor[] = [];
/** The factor names in an assumed mask. */
export const assumedNames = (mask: number): Factor[] => (mask === 0 ? NONE : FACTORS.filter((_, i) => mask & (1 << i)));

/** How many cases had each factor assumed: the one rule for the `assumed` shares every output gives. */
export class AssumedCount {
  private counts = new Float64Array(FACTORS.length);
  add(mask: number): void {
    if (mask) for (let i = 0; i < FACTORS.length; i++) if (mask & (1 << i)) this.counts[i]++;
  }
  merge(other: AssumedCount): void {
    for (let i = 0; i < FACTORS.length; i++) this.counts[i] += other.counts[i];
  }
  /** Each factor's share of `n` cases (0 when there are none). */
  shares(n: number): Record<Factor, number> {
    return Object.fromEntries(FACTORS.map((f, i) => [f, n ? this.counts[i] / n : 0])) as Record<Factor, number>;
  }
  /** As plain data (for a worker thread), and back. */
  toArray = (): number[] => Array.from(this.counts);
  static from(counts: number[]): AssumedCount {
    const a = new AssumedCount();
    a.counts.set(counts);
    return a;
  }
}

/** Weighted mean of the components present; response time decays by half every half-life. */
export function recoveryFromComponents(components: Partial<Record<Component, number>>, model: Model): number | null {
  let sum = 0;
  let weight = 0;
  for (const [name, raw] of Object.entries(components) as [Component, number][]) {
    const w = model.componentWeights[name];
    if (!w) continue;
    const score = name === 'response_hours' ? Math.pow(0.5, raw / model.responseHalfLifeHours) : raw;
    sum += w * score;
    weight += w;
  }
  return weight > 0 ? sum / weight : null;
}
