/** The outlines of srp.test/1 and srp.fit/1 for a person: APA-style lines a researcher can paste, and tables. */
import type { FitDoc } from '../../commands/fit.js';
import type { DesignTests, MaybeT, TestDoc } from '../../commands/test/index.js';
import type { LogisticTerm } from '../../stats/logistic.js';
import { formatP } from '../../wording.js';
import { interval, num, pct, rowsSentence } from '../format.js';
import type { Section } from '../sections.js';

const f2 = (x: number) => num(x, 2);
const ci = (c: [number, number] | null | undefined) => interval(c, f2);
const df = (d: number) => (Number.isInteger(d) ? String(d) : num(d, 2));

/** `baseline`: the stated level of a baseline design (its tests are of post against it). */
function testLines(t: DesignTests, conf: string, baseline?: number): string[] {
  const lines: string[] = [];
  const against = baseline === undefined ? null : `the stated baseline ${baseline}`;
  const refused = (name: string, x: MaybeT) => `${name}: not computed (${x.refused}; R's t.test refuses such data)`;
  if (t.paired_t)
    lines.push(
      t.paired_t.refused
        ? refused(against ? 't-test' : 'Paired t-test', t.paired_t)
        : `${against ? `t-test of post against ${against} (R t.test(post, mu = ${baseline}))` : 'Paired t-test'}: t(${df(t.paired_t.df)}) = ${f2(t.paired_t.statistic)}, p ${formatP(t.paired_t.p)}, mean difference (post − ${against ? 'baseline' : 'pre'}) = ${f2(t.paired_t.estimate)}, ${conf} CI ${ci(t.paired_t.ci)}`,
    );
  if (t.welch_t)
    lines.push(
      t.welch_t.refused
        ? refused('Welch t-test', t.welch_t)
        : `Welch t-test: t(${df(t.welch_t.df)}) = ${f2(t.welch_t.statistic)}, p ${formatP(t.welch_t.p)}, difference (failure − control) = ${f2(t.welch_t.estimate)}, ${conf} CI ${ci(t.welch_t.ci)}`,
    );
  if (t.wilcoxon) {
    const w = t.wilcoxon;
    const level = w.conf_level === undefined ? conf : `${num(w.conf_level * 100, 1)}% (the level asked for is not achievable)`;
    lines.push(
      `${t.paired_t ? 'Wilcoxon signed-rank: V' : 'Mann-Whitney: W'} = ${w.statistic}, p ${formatP(w.p)} (${w.method === 'exact' ? 'exact' : 'normal approximation with continuity correction'}); Hodges–Lehmann ${t.paired_t ? '(pseudo)median of the differences' : 'difference in location'} = ${f2(w.estimate)}, ${level} CI ${ci(w.ci)}`,
    );
  }
  if (t.mcnemar) lines.push(`McNemar: χ²(${t.mcnemar.df}) = ${f2(t.mcnemar.statistic)}, p ${formatP(t.mcnemar.p)}`);
  if (t.binom_test)
    lines.push(
      `Exact binomial test on the discordant pairs: ${t.binom_test.successes} of ${t.binom_test.trials} changed from not satisfied to satisfied (${pct(t.binom_test.estimate)}), p ${formatP(t.binom_test.p)}, ${conf} CI ${interval(t.binom_test.ci)}`,
    );
  if (t.prop_test)
    lines.push(
      against
        ? `Share satisfied = ${f2(t.prop_test.estimate)} against ${against}, ${conf} CI ${ci(t.prop_test.ci)}; χ²(${t.prop_test.df}) = ${f2(t.prop_test.statistic)}, p ${formatP(t.prop_test.p)} (R prop.test(x, n, p = ${baseline}))`
        : `Difference of proportions satisfied (failure − control) = ${f2(t.prop_test.estimate)}, ${conf} CI ${ci(t.prop_test.ci)}; χ²(${t.prop_test.df}) = ${f2(t.prop_test.statistic)}, p ${formatP(t.prop_test.p)}`,
    );
  if (t.fisher_test)
    lines.push(`Fisher's exact test: odds ratio ${f2(t.fisher_test.estimate)}, ${conf} CI ${ci(t.fisher_test.ci)}, p ${formatP(t.fisher_test.p)}`);
  return lines;
}

function moderatorCells(t: DesignTests): string[] {
  const main = t.paired_t ?? t.welch_t;
  if (main?.refused) return [f2(main.estimate), '–', 'not computed', '–'];
  if (main) return [f2(main.estimate), ci(main.ci), `${f2(main.statistic)} (${df(main.df)})`, formatP(main.p)];
  if (t.prop_test) return [f2(t.prop_test.estimate), ci(t.prop_test.ci), `χ² ${f2(t.prop_test.statistic)}`, formatP(t.prop_test.p)];
  if (t.binom_test)
    return [pct(t.binom_test.estimate), interval(t.binom_test.ci), `exact ${t.binom_test.successes}/${t.binom_test.trials}`, formatP(t.binom_test.p)];
  return ['–', '–', `χ² ${f2(t.mcnemar!.statistic)}`, formatP(t.mcnemar!.p)];
}

/** Each factor's levels, then its interaction row. */
function moderatorRows(d: TestDoc): string[][] {
  const rows: string[][] = [];
  for (const factor of new Set([...d.moderators.map((m) => m.factor), ...d.interactions.map((i) => i.factor)])) {
    for (const m of d.moderators.filter((x) => x.factor === factor)) rows.push([m.factor, m.level, String(m.n), ...moderatorCells(m), '']);
    const i = d.interactions.find((x) => x.factor === factor);
    if (!i) continue;
    const n = String(i.n.low + i.n.high);
    if (i.refused) rows.push([factor, 'high − low', n, '–', '–', 'not computed', '–', '–']);
    else
      rows.push([
        factor,
        'high − low',
        n,
        f2(i.estimate),
        ci(i.ci),
        `${i.test === 'prop_test' ? 'χ² ' : i.df === null ? 'z ' : ''}${f2(i.statistic)}${i.df === null ? '' : ` (${df(i.df)})`}`,
        formatP(i.p),
        formatP(i.p_holm),
      ]);
  }
  return rows;
}

const termRows = (terms: LogisticTerm[]) =>
  terms.map((t) => [t.term, num(t.estimate), num(t.se), f2(t.z), formatP(t.p), interval(t.ci, (x) => num(x)), num(t.odds_ratio)]);
const TERM_HEADER = (conf: string) => ['term', 'estimate', 'SE', 'z', 'p', `${conf} CI`, 'odds ratio'];

export function testSections(d: TestDoc, warnings = true): Section[] {
  const conf = `${Math.round(d.conf_level * 100)}%`;
  const n =
    typeof d.n === 'number'
      ? d.design === 'baseline'
        ? `${d.n} cases compared with the stated baseline (post satisfaction; no control case)`
        : `${d.n} cases with pre and post satisfaction`
      : `${d.n.failure} failure and ${d.n.control} control cases`;
  const lines = [
    `Design ${d.design} (${d.design_reason}), ${d.binary ? 'binary' : 'numeric'} satisfaction: ${n} (${d.alternative}, ${conf} confidence)`,
  ];
  lines.push(...testLines(d, conf, d.baseline));
  if (d.control)
    lines.push(
      `Control group (no failure), ${d.control.n} cases: mean change ${f2(d.control.mean_change)}; ${d.control.welch_t.refused ? `the difference of changes is not computed (${d.control.welch_t.refused})` : `difference of changes (failure − control) = ${f2(d.control.welch_t.estimate)}, ${conf} CI ${ci(d.control.welch_t.ci)}, t(${df(d.control.welch_t.df)}) = ${f2(d.control.welch_t.statistic)}, p ${formatP(d.control.welch_t.p)}`}`,
    );
  if (d.equivalence) {
    const e = d.equivalence;
    lines.push(
      `Equivalence (two one-sided tests, ±${e.delta}): lower t(${df(e.df)}) = ${f2(e.lower.statistic)}, p ${formatP(e.lower.p)}; upper t(${df(e.df)}) = ${f2(e.upper.statistic)}, p ${formatP(e.upper.p)}; TOST p ${formatP(e.p)}, ${Math.round(e.conf_level * 100)}% CI ${ci(e.ci)}`,
    );
  }
  if (d.effect_size)
    lines.push(`${d.effect_size.name === 'cohens_dz' ? "Cohen's d_z" : "Hedges' g"} = ${f2(d.effect_size.value)}, ${conf} CI ${ci(d.effect_size.ci)}`);
  if (d.paradox_rate)
    lines.push(
      `Paradox rate (post > ${d.design === 'baseline' ? 'baseline' : 'pre'}): ${pct(d.paradox_rate.rate)} (${d.paradox_rate.k} of ${d.paradox_rate.n}), ${conf} CI ${interval(d.paradox_rate.wilson95)}`,
    );
  const sections: Section[] = [
    { title: 'Service recovery paradox: research statistics', lines },
    { title: 'In plain words', lines: [d.summary] },
  ];
  if (d.moderators.length)
    sections.push({
      title: `Moderators: the test within each level of Magnini's factors${d.design === 'between' ? ' (failure cases of that level vs all controls)' : ''}, and the interaction (high − low) that tests moderation, Holm-adjusted across the factors`,
      header: ['factor', 'level', 'n', 'estimate', `${conf} CI`, 'statistic (df)', 'p', 'p (Holm)'],
      rows: moderatorRows(d),
      lines: [
        'Moderation is read from the interaction rows only: one level being significant and the other not is no evidence of a difference between them.',
        ...[...new Set(d.interactions.filter((i) => i.r).map((i) => i.r))].map(
          (r) => `interaction (${d.interactions.filter((i) => i.r === r).map((i) => i.factor).join(', ')}): R ${r}`,
        ),
      ],
    });
  if (d.logistic && 'terms' in d.logistic)
    sections.push({
      title: `Logistic regression of the paradox (${paradoxOutcome(d)}) on the factors, n = ${d.logistic.n}`,
      header: TERM_HEADER(conf),
      rows: termRows(d.logistic.terms),
      lines: [`deviance ${f2(d.logistic.deviance)}, AIC ${f2(d.logistic.aic)}`],
    });
  sections.push({ title: 'Input', lines: [rowsSentence(d.input), ...(warnings ? d.warnings : [])] });
  return sections;
}

export function fitSections(d: FitDoc, warnings = true): Section[] {
  const sections: Section[] = [
    {
      title: `Logistic model of the paradox, fitted on ${d.n} cases (${d.events} with the paradox)`,
      header: TERM_HEADER('95%'),
      rows: termRows(d.terms),
      lines: [`deviance ${f2(d.deviance)}, AIC ${f2(d.aic)}`],
    },
  ];
  if (d.cv) {
    sections.push({
      title: `${d.cv.folds}-fold cross-validation (seed ${d.cv.seed})`,
      lines: [`AUC ${num(d.cv.auc)}, Brier ${num(d.cv.brier)}, log loss ${num(d.cv.log_loss)}`],
      header: ['probability', 'cases', 'predicted', 'observed'],
      rows: d.calibration.filter((b) => b.n).map((b) => [`${b.from.toFixed(1)}–${b.to.toFixed(1)}`, String(b.n), pct(b.predicted), pct(b.observed)]),
    });
  }
  sections.push({
    title: 'Input',
    lines: [rowsSentence(d.input), 'srp fit -o model.json writes this fit as a model file for --model', ...(warnings ? d.warnings : [])],
  });
  return sections;
}

/** What counts as the paradox for one case, by design (SPEC §3.5). */
function paradoxOutcome(d: TestDoc): string {
  if (d.design === 'between') return d.binary ? 'a failure case satisfied' : 'a failure case above the control mean';
  if (d.design === 'baseline') return d.binary ? 'a case satisfied' : `post > the stated baseline ${d.baseline}`;
  return 'post > pre';
}
