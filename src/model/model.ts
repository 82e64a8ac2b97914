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
  componentWeights: Record<Component, number>;
  responseHalfLifeHours: number;
  /** Shares of first, second and later failures, for prior failures where no case records them (SPEC §3.4). */
  priorShares: [number, number, number];
  /** A fitted model's estimates with their intervals (from srp.fit/1), for the odds-ratio chart. */
  terms?: { term: string; estimate: number; ci: [number, number]; odds_ratio: number; odds_ratio_ci: [number, number]; p: number }[];
}

export const DEFAULT_MODEL_PATH = fileURLToPath(new URL('../../data/models/default.json', import.meta.url));

export function loadModel(path = DEFAULT_MODEL_PATH): Model {
  const read = readJsonFile(path);
  if ('problem' in read) throw modelError('bad_model', `${path}: ${read.problem}`);
  // The shipped model is checked against the schema by its test (test/model/properties.test.ts), not
  // on every run: loading Ajv and compiling the schema take longer than a report on a small file.
  return parseModel(read.json, path, path !== DEFAULT_MODEL_PATH);
}

/** Accepts an srp.model/1 document, or an srp.fit/1 document (its `model`), checked by data/schemas/model.schema.json. */
export function parseModel(json: any, path = 'model', check = true): Model {
  const problem = check ? schemaProblem('model', json) : null;
  if (problem) throw modelError('bad_model', `${path}: ${json?.schema === 'srp.model/1' || json?.schema === 'srp.fit/1' ? problem : 'not an srp model (expected schema srp.model/1 or srp.fit/1)'}`);
  const doc = json.schema === 'srp.fit/1' ? json.model : json;
  const num = (v: any): number => (typeof v === 'object' && v !== null ? v.value : v);
  const coefficients = {} as Record<Factor, number>;
  for (const f of FACTORS) {
    coefficients[f] = num(doc.coefficients[f]);
  }
  const weights = {} as Record<Component, number>;
  for (const c of COMPONENTS) weights[c] = doc.recovery_components?.weights?.[c] ?? 0;
  return {
    name: String(doc.name ?? path),
    intercept: num(doc.intercept),
    coefficients,
    componentWeights: weights,
    responseHalfLifeHours: doc.recovery_components?.response_half_life_hours ?? 24,
    priorShares: priorShares(doc.prior_failures_shares),
    terms: json.schema === 'srp.fit/1' ? json.terms.map(fittedTerm) : undefined,
  };
}

function fittedTerm(t: { term: string; estimate: number; ci: [number | null, number | null]; odds_ratio: number; p: number }) {
  const bound = (x: number | null, infinite: number) => (x === null ? infinite : x);
  const ci: [number, number] = [bound(t.ci[0], -Infinity), bound(t.ci[1], Infinity)];
  return { term: t.term, estimate: t.estimate, ci, odds_ratio: t.odds_ratio, odds_ratio_ci: [Math.exp(ci[0]), Math.exp(ci[1])] as [number, number], p: t.p };
}

/** The model file's shares of first, second and later failures, made to sum to 1 (equal thirds where it states none). */
function priorShares(shares?: { first?: number; second?: number; later?: number }): [number, number, number] {
  const raw = [shares?.first ?? 1, shares?.second ?? 1, shares?.later ?? 1];
  const total = raw.reduce((a, b) => a + b, 0);
  return raw.map((x) => x / total) as [number, number, number];
}

/** Coefficients in FACTORS order, for the hot path (one array per model). */
const betas = new WeakMap<Model, Float64Array>();
export function coefficientArray(model: Model): Float64Array {
  let b = betas.get(model);
  if (!b) betas.set(model, (b = Float64Array.from(FACTORS, (f) => model.coefficients[f])));
  return b;
}
