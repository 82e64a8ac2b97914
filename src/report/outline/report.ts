/** The outline of srp.report/1 for a person: the same sections in text (a terminal) and Markdown (a CI job summary). */
import { describeRejection } from '../../case.js';
import type { Comparison } from '../../commands/report/comparison.js';
import type { GroupRow, ReportDoc } from '../../commands/report/aggregate.js';
import { formatP, interval, num, pct, rowsSentence } from '../format.js';
import { count } from '../../wording.js';
import type { Section } from '../sections.js';

const GROUP_HEADER = ['cases', 'predicted', 'likely', 'undetermined', 'observed', 'paradox rate', '95% CI (Wilson)'];
const groupCells = (g: GroupRow) => [String(g.n), pct(g.mean_probability), String(g.likely), String(g.undetermined), String(g.observed_n), pct(g.observed_rate), interval(g.wilson95)];
const COMPARISON_HEADER = ['failure n', 'failure', 'baseline n', 'baseline', 'difference', '95% CI', 'p'];
const CONDITION_NAMES: Record<string, [string, string, string]> = {
  severity: ['minor failure', 'moderate failure', 'severe failure'],
  prior_failures: ['first failure', 'one earlier failure', 'repeat failure'],
  controllability: ['outside firm control', 'shared control', 'in firm control'],
  stability: ['one-off cause', 'occasional cause', 'recurring cause'],
  recovery_quality: ['weak recovery', 'fair recovery', 'strong recovery'],
};
const LEVEL_INDEX = { low: 0, middle: 1, high: 2 } as const;

/** A side of a comparison: the mean, or the share satisfied where satisfaction is binary. */
const sideValue = (binary: boolean, mean: number | null, share: number | null) => (binary ? pct(share) : num(mean, 2));

function comparisonCells(c: Comparison | undefined, binary: boolean): string[] {
  if (!c) return COMPARISON_HEADER.map(() => '–');
  const baseline = c.control ? [String(c.control.n), sideValue(binary, c.control.mean, c.control.satisfied_share)] : ['–', binary ? pct(c.baseline) : num(c.baseline, 2)];
  const diff = binary ? pct(c.difference) : num(c.difference, 2);
  return [String(c.failure.n), sideValue(binary, c.failure.mean, c.failure.satisfied_share), ...baseline, diff, interval(c.ci, binary ? (x) => pct(x) : (x) => num(x, 2)), c.refused ? `not computed (${c.refused})` : `${formatP(c.p ?? NaN)}${c.approximate ? ' (approximate)' : ''}`];
}

/**
 * The comparison in one line (between and baseline designs), each part cleaned for the format on its
 * own: a cap on the whole line would cut srp's own words.
 */
function comparisonLine(r: ReportDoc, clean: (s: string) => string): string | null {
  const c = r.comparison;
  if (!c) return null;
  const binary = c.test === 'prop_test';
  const failure = binary ? `${pct(c.failure.satisfied_share)} satisfied` : `mean ${num(c.failure.mean, 2)}`;
  const against = c.control ? `the control group without a failure (${count(c.control.n, 'case')}, ${binary ? `${pct(c.control.satisfied_share)} satisfied` : `mean ${num(c.control.mean, 2)}`})` : `the stated baseline ${binary ? pct(c.baseline) : num(c.baseline, 2)}`;
  const test = { welch_t: "Welch's t-test", t_test: 'one-sample t-test', prop_test: 'prop.test' }[c.test];
  const result = c.refused
    ? `the test is not computed: ${c.refused}`
    : `difference ${binary ? pct(c.difference) : num(c.difference, 2)}, 95% CI ${interval(c.ci, binary ? (x) => pct(x) : (x) => num(x, 2))}, ${test} p ${formatP(c.p ?? NaN)}${c.approximate ? ' (approximate: an expected count is below 5)' : ''}`;
  return `comparison: ${count(c.failure.n, 'failure case')} ${clean(`(${failure}) against ${against}`)}: ${clean(result)}`;
}

/** `warnings`: in a document (Markdown, HTML); text leaves them to standard error. */
export function reportSections(r: ReportDoc, clean: (s: string) => string, warnings = true): Section[] {
  const sections: Section[] = [];
  const o = r.observed;
  const compared = r.comparison !== null;
  const binary = r.comparison?.test === 'prop_test';
  const lines = [rowsSentence(r.input), `design ${r.design}: ${clean(r.design_reason)}`, `model ${clean(r.model)}, threshold ${r.threshold}`];
  lines.push(
    `predicted: mean probability ${pct(r.predicted.mean_probability)}, ${r.predicted.likely} of ${scoredCount(r)} cases "paradox likely"${r.predicted.undetermined ? `, ${r.predicted.undetermined} undetermined` : ''}`,
  );
  const unknown = Object.entries(r.assumed).filter(([, share]) => share > 0);
  if (unknown.length) lines.push(`unknown factors (averaged over their distribution): ${unknown.map(([f, share]) => `${f} for ${pct(share)} of cases`).join(', ')}`);
  if (r.predicted.undetermined)
    lines.push(
      r.predicted.decisive_factor
        ? `record ${r.predicted.decisive_factor} to decide ${r.predicted.decisive_cases} of ${count(r.predicted.undetermined, 'undetermined verdict')}`
        : `no single unknown factor, recorded, would decide the ${count(r.predicted.undetermined, 'undetermined verdict')}: record ${listed(unknown.map(([f]) => f))}`,
    );
  if (r.set.length) lines.push(`set by the mapping, not observed: ${r.set.join(', ')}`);
  const comparison = comparisonLine(r, clean);
  if (comparison) lines.push(comparison);
  // Binary between and baseline: a case's outcome is whether it was satisfied; whether that beats the
  // control group or the stated share satisfied is the comparison (a case is not above a share).
  if (o.n && r.comparison?.test === 'prop_test')
    lines.push(
      r.design === 'between'
        ? `observed: ${o.paradox} of ${o.n} failure cases satisfied (${pct(o.rate)}, 95% CI ${interval(o.wilson95)}), ${o.not_restored} dissatisfied; against the control group: the comparison above`
        : `observed: ${o.paradox} of ${o.n} cases satisfied (${pct(o.rate)}, 95% CI ${interval(o.wilson95)}), ${o.not_restored} dissatisfied; against the stated share satisfied: the comparison above`,
    );
  else if (o.n)
    lines.push(
      `observed: ${o.paradox} of ${o.n} cases ended above their baseline (${pct(o.rate)}, 95% CI ${interval(o.wilson95)}); ${o.restored} restored, ${o.not_restored} not restored`,
    );
  else lines.push(`observed: none — ${o.why_none ?? 'no case has an observed outcome'}`);
  if (r.polarity)
    lines.push(
      `satisfaction read as satisfied: ${r.polarity.satisfied.map((v) => `'${clean(v.value)}' (${v.cases})`).join(', ') || '–'}; as dissatisfied: ${r.polarity.dissatisfied.map((v) => `'${clean(v.value)}' (${v.cases})`).join(', ') || '–'}`,
    );
  if (r.calibration.n) lines.push(`calibration over ${count(r.calibration.n, 'observed case')}: Brier ${num(r.calibration.brier)}, AUC ${num(r.calibration.auc)}`);
  if (r.predicted.ceiling)
    lines.push(`${count(r.predicted.ceiling, 'case was', 'cases were')} already at the top of the scale before the failure: no room for the paradox`);
  lines.push(`action: ${r.action.summary}`);
  sections.push({ title: 'Service recovery paradox', lines });
  const cells = (g: GroupRow) => (compared ? [...groupCells(g), ...comparisonCells(g.comparison, binary)] : groupCells(g));
  const header = compared ? [...GROUP_HEADER, ...COMPARISON_HEADER] : GROUP_HEADER;
  if (r.conditions.length)
    sections.push({
      title: "Magnini's conditions (observed factors only)",
      header: ['factor', 'level', ...header, 'satisfaction'],
      rows: r.conditions.map((c) => [c.factor, `${c.level} (${CONDITION_NAMES[c.factor][LEVEL_INDEX[c.level]]})`, ...cells(c), num(c.mean_satisfaction, 2)]),
    });
  if (r.segments.length)
    sections.push({ title: `By ${clean(r.by ?? '')}`, header: [clean(r.by ?? 'segment'), ...header], rows: r.segments.map((s) => [clean(s.segment), ...cells(s)]) });
  if (r.periods.length) sections.push({ title: `By ${r.period}`, header: [r.period ?? 'period', ...header], rows: r.periods.map((p) => [p.period, ...cells(p)]) });
  if (!o.n && r.satisfaction_by_probability.some((b) => b.n))
    sections.push({
      title: 'Satisfaction after the recovery by predicted probability (no baseline: the paradox itself is not observed)',
      header: ['probability', 'cases', 'mean satisfaction'],
      rows: r.satisfaction_by_probability.filter((b) => b.n).map((b) => [`${b.from.toFixed(1)}–${b.to.toFixed(1)}`, String(b.n), num(b.mean, 2)]),
    });
  if (r.calibration.n)
    sections.push({
      title: 'Calibration (predicted vs observed, by tenth of probability)',
      header: ['probability', 'cases', 'predicted', 'observed'],
      rows: r.calibration.table.filter((b) => b.n).map((b) => [`${b.from.toFixed(1)}–${b.to.toFixed(1)}`, String(b.n), pct(b.predicted), pct(b.observed)]),
    });
  if (r.rejections.total)
    sections.push({
      title: `Rejected rows (${r.rejections.total})`,
      lines: [
        ...r.rejections.shown.map((x) => clean(describeRejection(x))),
        ...(r.rejections.total > r.rejections.shown.length
          ? [`… ${r.rejections.total - r.rejections.shown.length} more (write them all with --rejects FILE)`]
          : []),
      ],
    });
  if (warnings && r.warnings.length) sections.push({ title: 'Warnings', lines: r.warnings.map((w) => clean(w)) });
  return sections;
}

/** "a", "a and b", "a, b and c". */
const listed = (xs: string[]) => (xs.length < 2 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);

/** Cases scored for the paradox (control cases are the baseline). */
const scoredCount = (r: ReportDoc) => r.action.unlikely + r.predicted.likely + r.predicted.undetermined;
