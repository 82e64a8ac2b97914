/**
 * What every `srp score` renderer shows of a case (SPEC §7 srp.score/1), and the streaming
 * writer's shape: a header, a piece per case, a closing piece.
 */
import { FACTORS, type Case, type Factor } from '../../case.js';
import type { InputContext } from '../../commands/context.js';
import type { ScoreEnd } from '../../commands/score.js';
import type { Model } from '../../model/model.js';
import { assumed, drivers, verdictText, type Prediction } from '../../model/predict.js';
import { fixed, pct, rowsSentence } from '../format.js';
import type { Style } from '../style.js';

export type { ScoreEnd };

export interface ScoreWriter {
  begin(): string;
  /** A case and its prediction; null for a control case (the baseline, not scored). */
  write(c: Case, p: Prediction | null): string;
  end(e: ScoreEnd): string;
}

/** What a score writer is made from. */
export interface ScoreSetup {
  model: Model;
  threshold: number;
  style: Style;
  context: InputContext;
  /** The --keep columns, as named. */
  keep: string[];
}

const FACTOR_NULLS = Object.fromEntries(FACTORS.map((f) => [f, null])) as Record<Factor, null>;

/** A case as srp.score/1 holds it, keys in their fixed order (a control case: the baseline, with no prediction). */
export function caseRecord(c: Case, p: Prediction | null, setup: ScoreSetup) {
  const v = p?.values;
  return {
    case_id: c.id,
    file: c.file,
    line: c.line,
    factors: v ? { severity: v[0], prior_failures: v[1], controllability: v[2], stability: v[3], recovery_quality: v[4] } : FACTOR_NULLS,
    assumed: p ? assumed(p) : [],
    set: setup.context.set ?? [],
    probability: p ? p.probability : null,
    range: p ? [p.low, p.high] : null,
    potential: p ? p.potential : null,
    verdict: p ? verdictText(p) : 'control',
    drivers: p ? drivers(p, setup.model) : [],
    group: c.group,
    pre: c.pre,
    post: c.post,
    observed: p ? p.observed : null,
    pre_satisfaction: c.pre,
    post_satisfaction: c.post,
    ...(c.segment !== null ? { segment: c.segment } : {}),
    ...(c.kept ? { keep: Object.fromEntries(setup.keep.map((k, i) => [k, c.kept![i]])) } : {}),
  };
}

/** A factor value; an unknown one (shown at its distribution's mean) is marked with `*`. */
export const factorCell = (p: Prediction, f: Factor) => {
  const i = FACTORS.indexOf(f);
  return `${fixed(p.values[i], 2)}${p.assumedMask & (1 << i) ? '*' : ''}`;
};

/** The `n` largest drivers as "factor ±contribution" (an unknown factor marked `?`). */
export const driversText = (p: Prediction, model: Model, n = 5) =>
  drivers(p, model)
    .slice(0, n)
    .map((d) => `${d.factor}${d.unknown ? '?' : ''} ${signed(d.contribution)}`)
    .join('; ');

/** The closing line of text and Markdown: the accounting, the verdicts and what was unknown. */
export function summaryLine(e: ScoreEnd): string {
  const unknown = Object.entries(e.assumed).filter(([, s]) => s > 0).map(([f, s]) => `${f} ${pct(s)}`);
  return `${rowsSentence(e.input, { accepted: 'scored' })}; ${e.likely} paradox likely, ${e.undetermined} undetermined${unknown.length ? `; unknown (*, averaged over their distribution): ${unknown.join(', ')}` : ''}`;
}

/** A contribution with its sign, `+0.00` where it rounds to zero. */
const signed = (x: number) => {
  const t = fixed(x, 2);
  return t.startsWith('-') ? t : `+${t}`;
};
