/**
 * What every `srp score` renderer shows of a case (SPEC §7 srp.score/1), and the streaming
 * writer's shape: a header, a piece per case, a closing piece.
 */
import { FACTORS, type Case, type Factor } from '../../case.js';
import type { ScoreEnd } from '../../commands/score.js';
import type { Model } from '../../model/model.js';
import { assumed, drivers, verdict, type Prediction } from '../../model/predict.js';
import { pct, rowsSentence } from '../format.js';
import type { Style } from '../style.js';

export type { ScoreEnd };

export interface ScoreWriter {
  begin(): string;
  write(c: Case, p: Prediction): string;
  end(e: ScoreEnd): string;
}

/** What a score writer is made from. */
export interface ScoreSetup {
  model: Model;
  threshold: number;
  style: Style;
}

/** A case as srp.score/1 holds it, keys in their fixed order. */
export function caseRecord(c: Case, p: Prediction, model: Model) {
  const v = p.values;
  return {
    case_id: c.id,
    file: c.file,
    line: c.line,
    factors: { severity: v[0], prior_failures: v[1], controllability: v[2], stability: v[3], recovery_quality: v[4] },
    assumed: assumed(p),
    probability: p.probability,
    potential: p.potential,
    verdict: verdict(p),
    drivers: drivers(p, model),
    observed: p.observed,
    pre_satisfaction: c.pre,
    post_satisfaction: c.post,
    ...(c.segment !== null ? { segment: c.segment } : {}),
  };
}

/** A factor value; an assumed one is marked with `*`. */
export const factorCell = (p: Prediction, f: Factor) => {
  const i = FACTORS.indexOf(f);
  return `${p.values[i].toFixed(2)}${p.assumedMask & (1 << i) ? '*' : ''}`;
};

/** The `n` largest drivers as "factor ±contribution". */
export const driversText = (p: Prediction, model: Model, n = 5) =>
  drivers(p, model)
    .slice(0, n)
    .map((d) => `${d.factor} ${d.contribution >= 0 ? '+' : ''}${d.contribution.toFixed(2)}`)
    .join('; ');

/** The closing line of text and Markdown: the accounting and what was assumed. */
export function summaryLine(e: ScoreEnd): string {
  const assumedShares = Object.entries(e.assumed).filter(([, s]) => s > 0).map(([f, s]) => `${f} ${pct(s)}`);
  return `${rowsSentence(e.input, { accepted: 'scored' })}${assumedShares.length ? `; assumed neutral (*): ${assumedShares.join(', ')}` : ''}`;
}
