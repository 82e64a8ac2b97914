/**
 * The logistic model as data (SPEC §5): the default ships in data/models/default.json with
 * every coefficient cited; `srp fit` writes the same shape inside its srp.fit/1 document.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FACTORS, COMPONENTS, type Factor, type Component } from '../io/columns.js';
import { modelError } from '../errors.js';

export interface Model {
  name: string;
  intercept: number;
  coefficients: Record<Factor, number>;
  neutral: Record<Factor, number>;
  componentWeights: Record<Component, number>;
  responseHalfLifeHours: number;
  /** A fitted model's estimates with their intervals (from srp.fit/1), for the odds-ratio chart. */
  terms?: { term: string; estimate: number; ci: [number, number]; odds_ratio: number; odds_ratio_ci: [number, number]; p: number }[];
}

export const DEFAULT_MODEL_PATH = fileURLToPath(new URL('../../data/models/default.json', import.meta.url));

export function loadModel(path = DEFAULT_MODEL_PATH): Model {
  let json: any;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw modelError('bad_model', `--model ${path}: cannot read a model (${why})`);
  }
  return parseModel(json, path);
}

/** Accepts an srp.model/1 document, or an srp.fit/1 document (its `model`). */
export function parseModel(json: any, path = 'model'): Model {
  const doc = json?.schema === 'srp.fit/1' ? json.model : json;
  if (doc?.schema !== 'srp.model/1') throw modelError('bad_model', `--model ${path}: not an srp model (expected schema srp.model/1 or srp.fit/1)`);
  const num = (v: any, where: string): number => {
    const n = typeof v === 'object' && v !== null ? v.value : v;
    if (typeof n !== 'number' || !Number.isFinite(n)) throw modelError('bad_model', `--model ${path}: ${where} must be a finite number`);
    return n;
  };
  const coefficients = {} as Record<Factor, number>;
  const neutral = {} as Record<Factor, number>;
  for (const f of FACTORS) {
    coefficients[f] = num(doc.coefficients?.[f], `coefficients.${f}`);
    neutral[f] = doc.neutral?.[f] === undefined ? 0.5 : num(doc.neutral[f], `neutral.${f}`);
  }
  const weights = {} as Record<Component, number>;
  for (const c of COMPONENTS) weights[c] = doc.recovery_components?.weights?.[c] === undefined ? 0 : num(doc.recovery_components.weights[c], `recovery_components.weights.${c}`);
  return {
    name: String(doc.name ?? path),
    intercept: num(doc.intercept, 'intercept'),
    coefficients,
    neutral,
    componentWeights: weights,
    responseHalfLifeHours: doc.recovery_components?.response_half_life_hours === undefined ? 24 : num(doc.recovery_components.response_half_life_hours, 'recovery_components.response_half_life_hours'),
    terms: json?.schema === 'srp.fit/1' && Array.isArray(json.terms) ? json.terms.map(fittedTerm) : undefined,
  };
}

function fittedTerm(t: { term: string; estimate: number; ci: [number, number]; odds_ratio: number; p: number }) {
  return { term: t.term, estimate: t.estimate, ci: t.ci, odds_ratio: t.odds_ratio, odds_ratio_ci: [Math.exp(t.ci[0]), Math.exp(t.ci[1])] as [number, number], p: t.p };
}
