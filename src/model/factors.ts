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
 * Fills `values` (in FACTORS order: severity, prior_failures, controllability, stability,
 * recovery_quality) and returns the assumed factors as a bit mask (bit i = FACTORS[i]): the hot
 * path of score and report, written out so that it allocates and dispatches nothing.
 */
export function fillFactors(c: Case, model: Model, values: number[]): number {
  const neutral = model.neutral;
  let assumed = 0;
  const recovery = c.recovery ?? (c.components ? recoveryFromComponents(c.components, model) : null);
  if (c.severity === null) (values[0] = neutral.severity), (assumed |= 1);
  else values[0] = c.severity;
  if (c.prior === null) (values[1] = neutral.prior_failures), (assumed |= 2);
  else values[1] = Math.min(c.prior, 2) / 2;
  if (c.controllability === null) (values[2] = neutral.controllability), (assumed |= 4);
  else values[2] = c.controllability;
  if (c.stability === null) (values[3] = neutral.stability), (assumed |= 8);
  else values[3] = c.stability;
  if (recovery === null) (values[4] = neutral.recovery_quality), (assumed |= 16);
  else values[4] = recovery;
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
