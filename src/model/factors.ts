/**
 * A case's factor values as the model sees them: normalised to [0,1], prior failures as
 * min(n, 2) / 2 (Maxham & Netemeyer 2002), recovery quality from its column or derived from
 * its components, and the model's neutral value for anything absent (marked as assumed).
 */
import type { Case } from '../case.js';
import { FACTORS, type Factor, type Component } from '../io/columns.js';
import type { Model } from './model.js';

export type FactorValues = Record<Factor, number>;

export function observedFactor(c: Case, f: Factor, model: Model): number | null {
  switch (f) {
    case 'severity': return c.severity;
    case 'prior_failures': return c.prior === null ? null : Math.min(c.prior, 2) / 2;
    case 'controllability': return c.controllability;
    case 'stability': return c.stability;
    case 'recovery_quality': return c.recovery ?? (c.components ? recoveryFromComponents(c.components, model) : null);
  }
}

/**
 * Fills `values` (in FACTORS order) and returns the assumed factors as a bit mask
 * (bit i = FACTORS[i]): the hot path of score and report allocates nothing here.
 */
export function fillFactors(c: Case, model: Model, values: number[]): number {
  let assumed = 0;
  for (let i = 0; i < FACTORS.length; i++) {
    const v = observedFactor(c, FACTORS[i], model);
    if (v === null) {
      values[i] = model.neutral[FACTORS[i]];
      assumed |= 1 << i;
    } else values[i] = v;
  }
  return assumed;
}

const NONE: Factor[] = [];
/** The factor names in an assumed mask. */
export const assumedNames = (mask: number): Factor[] => (mask === 0 ? NONE : FACTORS.filter((_, i) => mask & (1 << i)));

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
