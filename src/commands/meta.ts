/**
 * `srp meta` (SPEC §6.3): pools the paradox across studies, as de Matos, Henrique & Rossi (2007,
 * Journal of Service Research 10(1), 60-77) did for 24 data sets. Each study's effect is the one
 * `srp test` reports — Cohen's d_z of post − pre (within, history; baseline: post − the stated
 * level) with variance 1/n + d²/(2n), or Hedges' g of failure − control (between) with variance
 * (n₁+n₂)/(n₁n₂) + g²/(2(n₁+n₂)) — from a CSV file per study, a long file with a study column, or
 * the srp.test/1 JSON of an earlier run; they are pooled with random effects (metafor's rma).
 */
import { basename, resolve } from 'node:path';
import { inputError, usageError } from '../errors.js';
import { readJsonFile } from '../io/json-file.js';
import { readTable } from '../io/table.js';
import type { ReadOptions } from '../io/read.js';
import type { Input } from '../io/source.js';
import type { Model } from '../model/model.js';
import { cohensDz, hedgesG, type EffectSize } from '../stats/effect-size.js';
import { MetaRefusal, predictionInterval, rma, type MetaFit, type MetaMethod, type MetaTerm } from '../stats/meta.js';
import { fixed, formatP } from '../wording.js';
import { baselineOf, type Design, type DesignOptions, type InputContext } from './context.js';
import { readResearchCases, type ResearchCase } from './research-cases.js';

export interface MetaOptions extends DesignOptions {
  method?: MetaMethod;
  confLevel?: number;
  /** The column naming each row's study in a long file (default: `study`, where the header has it). */
  study?: string;
  /** A moderator for the meta-regression: `design`, or a column of the studies table. */
  by?: string;
  /** The studies table: a CSV with a `study` column and moderator columns. */
  studies?: string;
}

export interface MetaStudy {
  study: string;
  design: Design;
  effect: EffectSize['name'];
  n: number;
  yi: number;
  vi: number;
  /** The study's weight in the pooled estimate, in percent. */
  weight: number;
}

export interface MetaDoc {
  schema: 'srp.meta/1';
  method: MetaMethod;
  conf_level: number;
  k: number;
  studies: MetaStudy[];
  estimate: number;
  se: number;
  z: number;
  p: number;
  ci: [number, number];
  tau2: number;
  /** In percent, as metafor reports it. */
  i2: number;
  h2: number;
  q: { statistic: number; df: number; p: number };
  prediction_interval: [number, number];
  /** The meta-regression on one moderator (--by). */
  moderator: { name: string; terms: MetaTerm[]; qm: { statistic: number; df: number; p: number }; tau2: number; i2: number; r2: number; q: MetaFit['q'] } | null;
  apa: string;
  summary: string;
  warnings: string[];
}

/** One study's effect, or why it has none. */
type Effect = Omit<MetaStudy, 'weight'>;

export async function metaAnalysis(files: string[], inputs: Input[], read: ReadOptions, model: Model, options: MetaOptions = {}): Promise<MetaDoc> {
  const conf = options.confLevel ?? 0.95;
  const method = options.method ?? 'REML';
  const warnings: string[] = [];
  const names = studyNames(files);
  // The same file twice would count its study twice, narrowing the pooled interval for nothing.
  const twice = files.find((f, i) => f !== '-' && files.findIndex((g) => resolve(g) === resolve(f)) !== i);
  if (twice !== undefined) throw usageError('bad_option', `srp meta: ${twice} is named twice; each study counts once`);
  const effects: Effect[] = [];
  for (let i = 0; i < inputs.length; i++) {
    const name = names[i];
    if (files[i] !== '-' && isTestDocument(files[i])) {
      const e = fromTestDocument(files[i], name, warnings);
      if (e) effects.push(e);
      continue;
    }
    effects.push(...(await fromCases(inputs[i], name, read, model, options, warnings)));
  }
  if (effects.length < 2)
    throw inputError('too_few_cases', `srp meta: ${effects.length} stud${effects.length === 1 ? 'y has' : 'ies have'} an effect size; at least 2 are needed to pool`);
  const designs = new Set(effects.map((e) => e.effect));
  if (designs.size > 1)
    warnings.push("the studies mix within (Cohen's d_z) and between (Hedges' g) effects, which are standardised differently; --by design tests whether they differ");
  const yi = effects.map((e) => e.yi);
  const vi = effects.map((e) => e.vi);
  const fit = pool(() => rma(yi, vi, yi.map(() => [1]), ['intercept'], method, conf));
  warnings.push(...fit.warnings);
  const [pooled] = fit.terms;
  const doc: MetaDoc = {
    schema: 'srp.meta/1',
    method,
    conf_level: conf,
    k: fit.k,
    studies: effects.map((e, i) => ({ ...e, weight: fit.weights[i] })),
    estimate: pooled.estimate,
    se: pooled.se,
    z: pooled.z,
    p: pooled.p,
    ci: pooled.ci,
    tau2: fit.tau2,
    i2: fit.i2,
    h2: fit.h2,
    q: fit.q,
    prediction_interval: predictionInterval(fit, conf),
    moderator: options.by ? metaRegression(effects, options, fit.tau2, method, conf, warnings) : null,
    apa: '',
    summary: '',
    warnings,
  };
  doc.apa = apaLine(doc);
  doc.summary = reading(doc);
  return doc;
}

/** Study names: each file's name, or its path where two files share a name. */
function studyNames(files: string[]): string[] {
  const base = files.map((f) => (f === '-' ? '<stdin>' : basename(f)));
  return base.map((b, i) => (base.indexOf(b) !== base.lastIndexOf(b) ? files[i] : b));
}

const isTestDocument = (file: string) => /\.json$/i.test(file);

/** A study's effect from the srp.test/1 document of an earlier `srp test`. */
function fromTestDocument(file: string, study: string, warnings: string[]): Effect | null {
  const read = readJsonFile(file);
  if ('problem' in read) throw inputError('unreadable', `${file}: ${read.problem}`);
  const doc = read.json as { schema?: string; design?: Design; n?: number | { failure: number; control: number }; effect_size?: EffectSize };
  if (doc.schema !== 'srp.test/1') throw inputError('unreadable', `${file}: not an srp.test/1 document (schema ${JSON.stringify(doc.schema ?? null)})`);
  if (!doc.effect_size || doc.n === undefined || !doc.design) {
    warnings.push(`${study}: no effect size in the document (binary satisfaction has none), left out`);
    return null;
  }
  const v = doc.effect_size.value;
  if (doc.effect_size.name === 'hedges_g' && typeof doc.n === 'object') {
    const { failure: n1, control: n2 } = doc.n;
    return { study, design: doc.design, effect: 'hedges_g', n: n1 + n2, yi: v, vi: (n1 + n2) / (n1 * n2) + (v * v) / (2 * (n1 + n2)) };
  }
  const n = doc.n as number;
  return { study, design: doc.design, effect: 'cohens_dz', n, yi: v, vi: 1 / n + (v * v) / (2 * n) };
}

/** The effects of one CSV input: one study, or one per value of its study column. */
async function fromCases(input: Input, name: string, read: ReadOptions, model: Model, options: MetaOptions, warnings: string[]): Promise<Effect[]> {
  // A long file names each row's study (--study, or a `study` column where the header has one); otherwise the file is one study.
  const column = options.study ?? 'study';
  const { cases, binary, context, summary } = await readResearchCases([input], { ...read, by: column, byName: '--study', byOptional: options.study === undefined }, model, options);
  for (const w of summary.warnings) warnings.push(`${name}: ${w}`);
  if (binary) {
    warnings.push(`${name}: satisfaction is binary, which has no standardised mean difference; left out`);
    return [];
  }
  const groups = new Map<string, ResearchCase[]>();
  for (const c of cases) {
    const key = c.segment ?? name;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(c);
  }
  const out: Effect[] = [];
  for (const [study, cs] of groups) {
    const e = effectOf(study, cs, context);
    if ('why' in e) warnings.push(`${study}: ${e.why}; left out`);
    else out.push(e);
  }
  return out;
}

/** The effect `srp test` reports for these cases, by design. */
function effectOf(study: string, cases: ResearchCase[], context: InputContext): Effect | { why: string } {
  const { design } = context;
  if (design === 'between') {
    const post = (g: string) => cases.filter((c) => c.group === g && c.post !== null).map((c) => c.post!);
    const [f, c] = [post('failure'), post('control')];
    if (f.length < 2 || c.length < 2) return { why: `${f.length} failure and ${c.length} control cases with post satisfaction (at least 2 of each are needed)` };
    const g = hedgesG(f, c).value;
    const [n1, n2] = [f.length, c.length];
    if (!Number.isFinite(g)) return { why: 'satisfaction is constant in both groups' };
    return { study, design, effect: 'hedges_g', n: n1 + n2, yi: g, vi: (n1 + n2) / (n1 * n2) + (g * g) / (2 * (n1 + n2)) };
  }
  if (design === 'post-only') return { why: 'no baseline (design post-only)' };
  // The cases srp test compares, each with its baseline (its own pre, or the stated level for failure cases).
  const against = baselineOf(context);
  const pairs = cases.filter((c) => c.post !== null && against(c) !== null);
  if (pairs.length < 2) return { why: `${pairs.length} case${pairs.length === 1 ? '' : 's'} with pre and post satisfaction (at least 2 are needed)` };
  const d = cohensDz(
    pairs.map((c) => c.post!),
    pairs.map((c) => against(c)!),
  ).value;
  if (!Number.isFinite(d)) return { why: 'every change is the same, so d_z is undefined' };
  const n = pairs.length;
  return { study, design, effect: 'cohens_dz', n, yi: d, vi: 1 / n + (d * d) / (2 * n) };
}

/** metafor stops where srp refuses: the same words, as an input error. */
function pool(fit: () => MetaFit): MetaFit {
  try {
    return fit();
  } catch (e) {
    if (e instanceof MetaRefusal) throw inputError('too_few_cases', `srp meta: ${e.message}`);
    throw e;
  }
}

/** rma(yi, vi, mods = ~ moderator): a number, or a category (dummies against its first level). */
function metaRegression(effects: Effect[], options: MetaOptions, tau2All: number, method: MetaMethod, conf: number, warnings: string[]): MetaDoc['moderator'] {
  const name = options.by!;
  const values = moderatorValues(effects, name, options.studies);
  const numeric = values.every((v) => v.trim() !== '' && Number.isFinite(Number(v)));
  let X: number[][];
  let terms: string[];
  if (numeric) {
    X = values.map((v) => [1, Number(v)]);
    terms = ['intercept', name];
  } else {
    const levels = [...new Set(values)].sort();
    if (levels.length < 2) throw inputError('too_few_cases', `srp meta --by ${name}: every study has the same value ('${levels[0]}'), so there is nothing to compare`);
    X = values.map((v) => [1, ...levels.slice(1).map((l) => (v === l ? 1 : 0))]);
    terms = ['intercept', ...levels.slice(1).map((l) => `${name}: ${l} (vs ${levels[0]})`)];
  }
  const fit = pool(() =>
    rma(
      effects.map((e) => e.yi),
      effects.map((e) => e.vi),
      X,
      terms,
      method,
      conf,
    ),
  );
  warnings.push(...fit.warnings);
  return {
    name,
    terms: fit.terms,
    qm: fit.qm!,
    tau2: fit.tau2,
    i2: fit.i2,
    // metafor's R²: the share of the between-study variance the moderator accounts for.
    r2: tau2All === 0 ? 0 : Math.max(0, (100 * (tau2All - fit.tau2)) / tau2All),
    q: fit.q,
  };
}

/** Each study's moderator value: its design, or its row in the studies table (matched by name, path or name without extension). */
function moderatorValues(effects: Effect[], name: string, table?: string): string[] {
  if (name === 'design' && !table) return effects.map((e) => e.design);
  if (!table) throw inputError('missing_column', `srp meta --by ${name}: give the studies table with --studies FILE (a CSV with a study column and a ${name} column), or --by design`);
  const { header, rows: body } = readTable(table);
  const [s, m] = [header.indexOf('study'), header.indexOf(name)];
  if (s < 0 || m < 0) throw inputError('missing_column', `${table}: needs a 'study' column and a '${name}' column (found ${header.join(', ')})`);
  const strip = (x: string) => basename(x).replace(/\.[^.]*$/, '');
  return effects.map((e) => {
    const row = body.find((r) => r[s] === e.study || strip(r[s]) === strip(e.study));
    if (!row || row[m] === undefined || row[m] === '') throw inputError('missing_column', `${table}: no ${name} for study '${e.study}'`);
    return row[m];
  });
}

const f2 = (x: number) => fixed(x, 2);
const f3 = (x: number) => x.toFixed(3);
const signed = (x: number) => (x < 0 ? `−${f2(-x)}` : f2(x));

/** The APA-style line a researcher pastes. */
function apaLine(d: MetaDoc): string {
  const n = d.studies.reduce((s, x) => s + x.n, 0);
  const level = `${Math.round(d.conf_level * 100)}%`;
  const effect = new Set(d.studies.map((s) => s.effect)).size > 1 ? 'standardised mean difference' : d.studies[0].effect === 'hedges_g' ? 'g' : 'd_z';
  return `Random-effects meta-analysis (${d.method}), k = ${d.k} studies, N = ${n}: pooled ${effect} = ${signed(d.estimate)}, ${level} CI [${signed(d.ci[0])}, ${signed(d.ci[1])}], z = ${signed(d.z)}, p ${formatP(d.p)}; τ² = ${f3(d.tau2)}, I² = ${d.i2.toFixed(1)}%, H² = ${f2(d.h2)}; Q(${d.q.df}) = ${f2(d.q.statistic)}, p ${formatP(d.q.p)}; ${level} prediction interval [${signed(d.prediction_interval[0])}, ${signed(d.prediction_interval[1])}].`;
}

/** The plain-language reading: does the paradox hold on average, and would it in a new setting. */
function reading(d: MetaDoc): string {
  const alpha = 1 - d.conf_level;
  const out: string[] = [];
  if (d.p < alpha && d.estimate > 0)
    out.push(`Pooled across ${d.k} studies, satisfaction after a failure and its recovery is higher than its baseline: the paradox holds on average (p ${formatP(d.p)}).`);
  else if (d.p < alpha)
    out.push(`Pooled across ${d.k} studies, satisfaction after a failure and its recovery is lower than its baseline: no paradox on average (p ${formatP(d.p)}).`);
  else out.push(`Pooled across ${d.k} studies, the paradox is not shown on average (p ${formatP(d.p)}).`);
  const [lo, hi] = d.prediction_interval;
  if (d.q.p < alpha) out.push(`The studies differ more than chance allows (Q p ${formatP(d.q.p)}, I² ${d.i2.toFixed(1)}%).`);
  if (lo < 0 && hi > 0) out.push(`A new study's effect could fall on either side of zero (prediction interval [${signed(lo)}, ${signed(hi)}]).`);
  if (d.moderator) {
    const m = d.moderator;
    out.push(
      m.qm.p < alpha
        ? `The effect depends on ${m.name} (QM(${m.qm.df}) = ${f2(m.qm.statistic)}, p ${formatP(m.qm.p)}), which accounts for ${m.r2.toFixed(1)}% of the between-study variance.`
        : `These studies do not show that the effect depends on ${m.name} (QM(${m.qm.df}) = ${f2(m.qm.statistic)}, p ${formatP(m.qm.p)}).`,
    );
  }
  return out.join(' ');
}
