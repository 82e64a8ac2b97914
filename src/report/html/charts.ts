/**
 * The charts of the HTML report, as data: a Vega-Lite spec, a title, a one-sentence reading and
 * the numbers as a table (for screen readers and copy-paste). A chart whose data is absent is
 * left out with the reason.
 */
import type { ReportDoc } from '../../commands/report/index.js';
import { interval, num, pct } from '../format.js';

export interface Chart {
  id: string;
  title: string;
  reading: string;
  spec: Record<string, unknown> | null;
  table: { header: string[]; rows: string[][] };
}

const WIDTH = 560;
const COLORS = {
  paradox: '#1b7837',
  restored: '#7f7f7f',
  'not restored': '#b2182b',
  'paradox likely': '#2166ac',
  'paradox unlikely': '#d6604d',
  observed: '#1b7837',
  predicted: '#2166ac',
};
/** Observed against predicted rates: one colour each, the legend on top. */
const BY_MEASURE = {
  field: 'measure',
  type: 'nominal',
  title: null,
  scale: { domain: ['observed', 'predicted'], range: [COLORS.observed, COLORS.predicted] },
  legend: { orient: 'top' },
};
const base = (extra: Record<string, unknown>) => ({
  $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
  width: WIDTH,
  height: 260,
  config: { font: 'sans-serif', view: { stroke: null } },
  ...extra,
});

export function charts(r: ReportDoc): Chart[] {
  return [trajectory(r), comparison(r), distribution(r), conditions(r), calibration(r), trend(r), oddsRatios(r), segments(r), segmentTrajectories(r)].filter(
    (c): c is Chart => c !== null,
  );
}

/** No reading rests on fewer cases than this (a group with fewer is named with its n, never ranked). */
export const MIN_READING = 30;

/** The groups with the highest and lowest observed rate, among those with enough observed cases for a reading. */
function extremes<T extends { observed_rate: number | null; observed_n: number }>(rows: T[]): { hi: T; lo: T } | null {
  const enough = rows.filter((x) => x.observed_rate !== null && x.observed_n >= MIN_READING);
  if (enough.length < 2) return null;
  const hi = enough.reduce((a, b) => (b.observed_rate! > a.observed_rate! ? b : a));
  const lo = enough.reduce((a, b) => (b.observed_rate! < a.observed_rate! ? b : a));
  return { hi, lo };
}

/** What "before" means in this report's design. */
const BEFORE: Record<ReportDoc['design'], string> = {
  within: 'before the failure',
  history: "at the customer's previous case",
  baseline: 'the stated baseline',
  between: 'the control group (no failure)',
  'post-only': 'before the failure',
};

/** (1) The picture the literature explains itself with: before the failure, after the recovery. */
function trajectory(r: ReportDoc): Chart {
  const rows = r.trajectory.filter((t) => t.n > 0);
  const byGroup = Object.fromEntries(rows.map((t) => [t.group, t]));
  const f = (x: number | null) => num(x, 2);
  const p = byGroup['paradox'];
  const reading = rows.length
    ? `Cases that ended in the paradox (n = ${p?.n ?? 0}) went from ${f(p?.pre_mean ?? null)} (${BEFORE[r.design]}) to ${f(p?.post_mean ?? null)} after the recovery; restored cases (n = ${byGroup['restored']?.n ?? 0}) stayed at ${f(byGroup['restored']?.pre_mean ?? null)}; the others (n = ${byGroup['not restored']?.n ?? 0}) fell from ${f(byGroup['not restored']?.pre_mean ?? null)} to ${f(byGroup['not restored']?.post_mean ?? null)}.`
    : `No case has both a baseline and post-recovery satisfaction, so no trajectory can be drawn${r.observed.why_none ? `: ${r.observed.why_none}` : ''}.`;
  const values = rows.flatMap((t) => [
    { group: `${t.group} (${t.kind}, n = ${t.n})`, key: t.group, moment: `1 ${BEFORE[r.design]}`, satisfaction: t.pre_mean },
    { group: `${t.group} (${t.kind}, n = ${t.n})`, key: t.group, moment: '2 after the recovery', satisfaction: t.post_mean },
  ]);
  return {
    id: 'trajectory',
    title: 'Recovery trajectory: satisfaction before the failure and after the recovery',
    reading,
    spec: rows.length
      ? base({
          data: { values },
          width: WIDTH - 260,
          mark: { type: 'line', point: { size: 70 }, strokeWidth: 2.5 },
          encoding: {
            x: { field: 'moment', type: 'ordinal', title: null, axis: { labelExpr: 'slice(datum.label, 2)', labelAngle: 0 } },
            y: { field: 'satisfaction', type: 'quantitative', title: 'mean satisfaction', scale: { zero: false } },
            color: {
              field: 'group',
              type: 'nominal',
              title: 'cases',
              scale: { domain: rows.map((t) => `${t.group} (${t.kind}, n = ${t.n})`), range: rows.map((t) => COLORS[t.group]) },
              legend: { orient: 'right', labelLimit: 320 },
            },
            strokeDash: {
              field: 'key',
              type: 'nominal',
              legend: null,
              scale: { domain: rows.map((t) => t.group), range: rows.map((t) => (t.kind === 'predicted' ? [6, 4] : [1, 0])) },
            },
          },
        })
      : null,
    table: {
      header: ['cases', 'kind', 'n', 'before the failure', 'after the recovery'],
      rows: rows.map((t) => [t.group, t.kind, String(t.n), f(t.pre_mean), f(t.post_mean)]),
    },
  };
}

/**
 * Between and baseline designs: the failure cases' satisfaction after the recovery against the
 * control group (or the stated level), overall, by condition level and by segment.
 */
function comparison(r: ReportDoc): Chart | null {
  const c = r.comparison;
  if (!c) return null;
  const binary = c.test === 'prop_test';
  const value = (s: { mean: number | null; satisfied_share: number | null } | null) => (s ? (binary ? s.satisfied_share : s.mean) : null);
  const against = c.control ? 'control (no failure)' : 'stated baseline';
  const rows = [
    { label: 'all cases', comparison: c },
    ...r.conditions.filter((x) => x.comparison).map((x) => ({ label: `${x.factor} ${x.level}`, comparison: x.comparison! })),
    ...r.segments.filter((x) => x.comparison).map((x) => ({ label: `${r.by}: ${x.segment}`, comparison: x.comparison! })),
  ];
  const values = rows.flatMap(({ label, comparison: k }) => [
    { label, side: 'failure and recovery', value: value(k.failure) },
    { label, side: against, value: k.control ? value(k.control) : k.baseline },
  ]);
  const show = (x: number | null) => (binary ? pct(x) : num(x, 2));
  const enough = rows.slice(1).filter((x) => x.comparison.failure.n >= MIN_READING && x.comparison.difference !== null);
  const widest = enough.length ? enough.reduce((a, b) => (Math.abs(b.comparison.difference!) > Math.abs(a.comparison.difference!) ? b : a)) : null;
  return {
    id: 'comparison',
    title: `Satisfaction after the recovery: failure cases against the ${against}`,
    reading:
      `${c.failure.n} failure cases ${binary ? 'were satisfied in' : 'averaged'} ${show(value(c.failure))} against ${show(c.control ? value(c.control) : c.baseline)} for the ${against}` +
      (c.refused ? ` (the test is not computed: ${c.refused}).` : ` (difference ${show(c.difference)}, 95% CI ${interval(c.ci, show)}).`) +
      (widest ? ` The widest gap is at ${widest.label} (${show(widest.comparison.difference)}, n = ${widest.comparison.failure.n}).` : ''),
    spec: base({
      data: { values: values.filter((v) => v.value !== null) },
      mark: 'bar',
      encoding: {
        y: { field: 'label', type: 'nominal', title: null, sort: null },
        yOffset: { field: 'side' },
        x: { field: 'value', type: 'quantitative', title: binary ? 'share satisfied' : 'mean satisfaction', ...(binary ? { axis: { format: '%' } } : {}) },
        color: {
          field: 'side',
          type: 'nominal',
          title: null,
          scale: { domain: ['failure and recovery', against], range: [COLORS['paradox likely'], '#7f7f7f'] },
          legend: { orient: 'top' },
        },
      },
      width: WIDTH - 200,
      height: { step: 14 },
    }),
    table: {
      header: ['', 'failure n', 'failure', `${against} n`, against, 'difference', '95% CI', 'p'],
      rows: rows.map(({ label, comparison: k }) => [
        label,
        String(k.failure.n),
        show(value(k.failure)),
        k.control ? String(k.control.n) : '–',
        show(k.control ? value(k.control) : k.baseline),
        show(k.difference),
        interval(k.ci, show),
        k.refused ? 'not computed' : k.p === null ? '–' : k.p < 0.001 ? '< .001' : num(k.p, 3),
      ]),
    },
  };
}

/** (2) How the predicted probabilities spread, and where the threshold cuts. */
function distribution(r: ReportDoc): Chart {
  const values = r.distribution.map((b) => ({ from: b.from, to: b.to, n: b.n }));
  return {
    id: 'distribution',
    title: 'Distribution of predicted probabilities of the paradox',
    reading: `${r.predicted.likely} cases reach the threshold of ${r.threshold} ("paradox likely")${r.predicted.undetermined ? `, ${r.predicted.undetermined} are undetermined (their range straddles it)` : ''}; the mean probability is ${pct(r.predicted.mean_probability)}.`,
    spec: base({
      layer: [
        {
          data: { values },
          mark: { type: 'bar', color: '#4393c3' },
          encoding: {
            x: { field: 'from', type: 'quantitative', bin: { binned: true, step: 0.05 }, title: 'predicted probability', scale: { domain: [0, 1] } },
            x2: { field: 'to' },
            y: { field: 'n', type: 'quantitative', title: 'cases' },
          },
        },
        {
          data: { values: [{ t: r.threshold }] },
          mark: { type: 'rule', color: '#b2182b', strokeWidth: 2, strokeDash: [4, 3] },
          encoding: { x: { field: 't', type: 'quantitative' } },
        },
      ],
    }),
    table: { header: ['probability', 'cases'], rows: values.filter((b) => b.n).map((b) => [`${b.from.toFixed(2)}–${b.to.toFixed(2)}`, String(b.n)]) },
  };
}

/** Observed and predicted rate side by side, for rows with a label. */
function ratesSpec(values: { label: string; measure: string; rate: number | null }[], title: string) {
  return base({
    data: { values: values.filter((v) => v.rate !== null) },
    mark: 'bar',
    encoding: {
      y: { field: 'label', type: 'nominal', title, sort: null },
      yOffset: { field: 'measure' },
      x: { field: 'rate', type: 'quantitative', title: 'paradox rate', axis: { format: '%' } },
      color: BY_MEASURE,
    },
    width: WIDTH - 160,
    height: { step: 14 },
  });
}

/** (3) Magnini's conditions: observed and predicted rate by level of each factor. */
function conditions(r: ReportDoc): Chart | null {
  if (!r.conditions.length) return null;
  const label = (c: ReportDoc['conditions'][number]) => `${c.factor} ${c.level}`;
  const x = extremes(r.conditions);
  return {
    id: 'conditions',
    title: "Paradox rate by Magnini's conditions",
    reading: x
      ? `The observed paradox rate is highest with ${label(x.hi)} (${pct(x.hi.observed_rate)}, n = ${x.hi.observed_n}) and lowest with ${label(x.lo)} (${pct(x.lo.observed_rate)}, n = ${x.lo.observed_n}).`
      : r.observed.n
        ? `Too few cases with an observed outcome in each level (${MIN_READING} needed) to compare the levels.`
        : `Predicted rates only: no outcome is observed. Highest predicted: ${label(r.conditions.reduce((a, b) => ((b.mean_probability ?? 0) > (a.mean_probability ?? 0) ? b : a)))}.`,
    spec: ratesSpec(
      r.conditions.flatMap((c) => [
        { label: label(c), measure: 'observed', rate: c.observed_rate },
        { label: label(c), measure: 'predicted', rate: c.mean_probability },
      ]),
      'factor and level',
    ),
    table: {
      header: ['factor', 'level', 'cases', 'predicted', 'observed', 'observed rate', '95% CI'],
      rows: r.conditions.map((c) => [
        c.factor,
        c.level,
        String(c.n),
        pct(c.mean_probability),
        String(c.observed_n),
        pct(c.observed_rate),
        interval(c.wilson95),
      ]),
    },
  };
}

/** (4) Calibration: predicted against observed, by tenth of probability. */
function calibration(r: ReportDoc): Chart | null {
  const bins = r.calibration.table.filter((b) => b.n);
  if (!r.calibration.n) return null;
  const gap = bins.reduce((s, b) => s + b.n * Math.abs(b.predicted! - b.observed!), 0) / r.calibration.n;
  return {
    id: 'calibration',
    title: 'Calibration: predicted against observed paradox rate',
    reading: `Over ${r.calibration.n} cases with an observed outcome, predictions are off by ${(gap * 100).toFixed(1)} percentage points on average (Brier ${num(r.calibration.brier)}, AUC ${num(r.calibration.auc)}).`,
    spec: base({
      width: 320,
      height: 320,
      layer: [
        {
          data: {
            values: [
              { x: 0, y: 0 },
              { x: 1, y: 1 },
            ],
          },
          mark: { type: 'line', color: '#999', strokeDash: [4, 3] },
          encoding: {
            x: { field: 'x', type: 'quantitative', title: 'predicted', scale: { domain: [0, 1] } },
            y: { field: 'y', type: 'quantitative', title: 'observed', scale: { domain: [0, 1] } },
          },
        },
        {
          data: { values: bins },
          mark: { type: 'line', color: COLORS.predicted, clip: true },
          encoding: { x: { field: 'predicted', type: 'quantitative' }, y: { field: 'observed', type: 'quantitative' } },
        },
        {
          data: { values: bins },
          mark: { type: 'circle', color: COLORS.predicted, opacity: 0.8, clip: true },
          encoding: {
            x: { field: 'predicted', type: 'quantitative' },
            y: { field: 'observed', type: 'quantitative' },
            size: { field: 'n', type: 'quantitative', title: 'cases' },
          },
        },
      ],
    }),
    table: {
      header: ['probability', 'cases', 'predicted', 'observed'],
      rows: bins.map((b) => [`${b.from.toFixed(1)}–${b.to.toFixed(1)}`, String(b.n), pct(b.predicted), pct(b.observed)]),
    },
  };
}

/** (5) The trend over --period. */
function trend(r: ReportDoc): Chart | null {
  if (!r.periods.length) return null;
  const first = r.periods[0];
  const last = r.periods[r.periods.length - 1];
  const values = r.periods
    .flatMap((p) => [
      { period: p.period, measure: 'observed', rate: p.observed_rate },
      { period: p.period, measure: 'predicted', rate: p.mean_probability },
    ])
    .filter((v) => v.rate !== null);
  return {
    id: 'trend',
    title: `Paradox rate by ${r.period}`,
    reading:
      first.n < MIN_READING || last.n < MIN_READING
        ? `Too few cases for a trend sentence: ${first.period} has ${first.n} and ${last.period} ${last.n} (${MIN_READING} needed in each); the numbers are in the table.`
        : first.observed_rate !== null && last.observed_rate !== null && first.observed_n >= MIN_READING && last.observed_n >= MIN_READING
          ? `The observed paradox rate went from ${pct(first.observed_rate)} in ${first.period} (n = ${first.observed_n}) to ${pct(last.observed_rate)} in ${last.period} (n = ${last.observed_n}).`
          : `The predicted rate went from ${pct(first.mean_probability)} in ${first.period} (n = ${first.n}) to ${pct(last.mean_probability)} in ${last.period} (n = ${last.n}).`,
    spec: base({
      data: { values },
      mark: { type: 'line', point: true },
      encoding: {
        x: { field: 'period', type: 'ordinal', title: r.period },
        y: { field: 'rate', type: 'quantitative', title: 'paradox rate', axis: { format: '%' } },
        color: BY_MEASURE,
      },
    }),
    table: {
      header: [r.period ?? 'period', 'cases', 'predicted', 'observed', 'observed rate', '95% CI'],
      rows: r.periods.map((p) => [p.period, String(p.n), pct(p.mean_probability), String(p.observed_n), pct(p.observed_rate), interval(p.wilson95)]),
    },
  };
}

/** (6) Odds ratios with intervals, when the report uses a fitted model. */
function oddsRatios(r: ReportDoc): Chart | null {
  const terms = r.model_terms?.filter((t) => t.term !== 'intercept');
  if (!terms?.length) return null;
  const strongest = terms.reduce((a, b) => (Math.abs(Math.log(b.odds_ratio)) > Math.abs(Math.log(a.odds_ratio)) ? b : a));
  return {
    id: 'odds',
    title: 'Odds ratios of the fitted model (95% Wald intervals)',
    reading: `${strongest.term} has the largest effect: odds ratio ${num(strongest.odds_ratio, 2)} (95% CI ${interval(strongest.odds_ratio_ci, (x) => num(x, 2))}) from 0 to 1 on its scale.`,
    spec: base({
      height: { step: 30 },
      data: { values: terms.map((t) => ({ term: t.term, or: t.odds_ratio, lo: t.odds_ratio_ci[0], hi: t.odds_ratio_ci[1] })) },
      layer: [
        {
          mark: { type: 'rule', strokeWidth: 2 },
          encoding: {
            y: { field: 'term', type: 'nominal', title: null, sort: null },
            x: { field: 'lo', type: 'quantitative', scale: { type: 'log' }, title: 'odds ratio (log scale)' },
            x2: { field: 'hi' },
          },
        },
        {
          mark: { type: 'point', filled: true, size: 80, color: '#2166ac' },
          encoding: { y: { field: 'term', type: 'nominal', sort: null }, x: { field: 'or', type: 'quantitative' } },
        },
        { data: { values: [{ one: 1 }] }, mark: { type: 'rule', strokeDash: [4, 3], color: '#999' }, encoding: { x: { field: 'one', type: 'quantitative' } } },
      ],
    }),
    table: {
      header: ['term', 'odds ratio', '95% CI', 'p'],
      rows: terms.map((t) => [t.term, num(t.odds_ratio, 3), interval(t.odds_ratio_ci, (x) => num(x, 3)), t.p < 0.001 ? '< .001' : num(t.p, 3)]),
    },
  };
}

/** With --by: observed and predicted rate per segment, side by side. */
function segments(r: ReportDoc): Chart | null {
  if (!r.segments.length) return null;
  const x = extremes(r.segments);
  return {
    id: 'segments',
    title: `Paradox rate by ${r.by}`,
    reading: x
      ? `The observed rate is highest for ${x.hi.segment} (${pct(x.hi.observed_rate)}, n = ${x.hi.observed_n}) and lowest for ${x.lo.segment} (${pct(x.lo.observed_rate)}, n = ${x.lo.observed_n}).`
      : r.observed.n
        ? `Too few cases with an observed outcome per ${r.by} (${MIN_READING} needed) to compare them.`
        : `Predicted rates by ${r.by}; no outcome is observed.`,
    spec: ratesSpec(
      r.segments.flatMap((s) => [
        { label: s.segment, measure: 'observed', rate: s.observed_rate },
        { label: s.segment, measure: 'predicted', rate: s.mean_probability },
      ]),
      r.by ?? 'segment',
    ),
    table: {
      header: [r.by ?? 'segment', 'cases', 'predicted', 'likely', 'observed', 'observed rate', '95% CI'],
      rows: r.segments.map((s) => [
        s.segment,
        String(s.n),
        pct(s.mean_probability),
        String(s.likely),
        String(s.observed_n),
        pct(s.observed_rate),
        interval(s.wilson95),
      ]),
    },
  };
}

/** With --by: the recovery trajectory of each segment, as small multiples. */
function segmentTrajectories(r: ReportDoc): Chart | null {
  const rows = r.segments.flatMap((s) => s.trajectory.filter((t) => t.n > 0).map((t) => ({ segment: s.segment, ...t })));
  if (!rows.length) return null;
  const falling = r.segments.filter((s) => s.trajectory[2].n);
  const worst = falling.length ? falling.reduce((a, b) => (b.trajectory[2].post_mean! < a.trajectory[2].post_mean! ? b : a)) : null;
  const f = (x: number | null) => num(x, 2);
  const groups = ['paradox', 'restored', 'not restored'] as const;
  return {
    id: 'segment-trajectories',
    title: `Recovery trajectory by ${r.by}`,
    reading: worst
      ? `Cases not restored fall furthest for ${worst.segment}: from ${f(worst.trajectory[2].pre_mean)} to ${f(worst.trajectory[2].post_mean)}.`
      : `No case in any ${r.by} ended below its pre-failure satisfaction.`,
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
      config: { font: 'sans-serif', view: { stroke: '#e3e3e3' } },
      data: {
        values: rows.flatMap((t) => [
          { segment: t.segment, group: t.group, moment: '1 before', satisfaction: t.pre_mean },
          { segment: t.segment, group: t.group, moment: '2 after', satisfaction: t.post_mean },
        ]),
      },
      facet: { field: 'segment', type: 'nominal', title: null },
      columns: 4,
      spec: {
        width: 110,
        height: 120,
        mark: { type: 'line', point: true },
        encoding: {
          x: { field: 'moment', type: 'ordinal', title: null, axis: { labelExpr: 'slice(datum.label, 2)', labelAngle: 0 } },
          y: { field: 'satisfaction', type: 'quantitative', title: 'mean satisfaction', scale: { zero: false } },
          color: { field: 'group', type: 'nominal', title: 'cases', scale: { domain: [...groups], range: groups.map((g) => COLORS[g]) } },
        },
      },
    },
    table: {
      header: [r.by ?? 'segment', 'cases', 'n', 'before the failure', 'after the recovery'],
      rows: rows.map((t) => [t.segment, t.group, String(t.n), f(t.pre_mean), f(t.post_mean)]),
    },
  };
}
