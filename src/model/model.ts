/**
 * The logistic model as data (SPEC §5): the default ships in data/models/default.json with
 * every coefficient cited; `srp fit` writes the same shape inside its srp.fit/1 document.
 */
import { fileURLToPath } from 'node:url';
import { readJsonFile, schemaProblem } from '../io/json-file.js';
import { COMPONENTS, FACTORS, type Component, type Factor } from '../case.js';
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
  const read = readJsonFile(path);
  if ('problem' in read) throw modelError('bad_model', `${path}: ${read.problem}`);
  return parseModel(read.json, path);
}

/** Accepts an srp.model/1 document, or an srp.fit/1 document (its `model`), checked by data/schemas/model.schema.json. */
export function parseModel(json: any, path = 'model'): Model {
  const problem = schemaProblem('model', json);
  if (problem) throw modelError('bad_model', `${path}: ${json?.schema === 'srp.model/1' || json?.schema === 'srp.fit/1' ? problem : 'not an srp model (expected schema srp.model/1 or srp.fit/1)'}`);
  const doc = json.schema === 'srp.fit/1' ? json.model : json;
  const num = (v: any): number => (typeof v === 'object' && v !== null ? v.value : v);
  const coefficients = {} as Record<Factor, number>;
  const neutral = {} as Record<Factor, number>;
  for (const f of FACTORS) {
    coefficients[f] = num(doc.coefficients[f]);
    neutral[f] = doc.neutral?.[f] === undefined ? 0.5 : num(doc.neutral[f]);
  }
  const weights = {} as Record<Component, number>;
  for (const c of COMPONENTS) weights[c] = doc.recovery_components?.weights?.[c] ?? 0;
  return {
    name: String(doc.name ?? path),
    intercept: num(doc.intercept),
    coefficients,
    neutral,
    componentWeights: weights,
    responseHalfLifeHours: doc.recovery_components?.response_half_life_hours ?? 24,
    terms: json.schema === 'srp.fit/1' ? json.terms.map(fittedTerm) : undefined,
  };
}

function fittedTerm(t: { term: string; estimate: number; ci: [number | null, number | null]; odds_ratio: number; p: number }) {
  const bound = (x: number | null, infinite: number) => (x === null ? infinite : x);
  const ci: [number, number] = [bound(t.ci[0], -Infinity), bound(t.ci[1], Infinity)];
  return { term: t.term, estimate: t.estimate, ci, odds_ratio: t.odds_ratio, odds_ratio_ci: [Math.exp(ci[0]), Math.exp(ci[1])] as [number, number], p: t.p };
}
