/** The outline of srp.report/1 for a person: the same sections in text (a terminal) and Markdown (a CI job summary). */
import { describeRejection } from '../../case.js';
import type { GroupRow, ReportDoc } from '../../commands/report/aggregate.js';
import { interval, num, pct, rowsSentence } from '../format.js';
import type { Section } from '../sections.js';

const groupCells = (g: GroupRow) => [String(g.n), pct(g.mean_probability), String(g.likely), String(g.observed_n), pct(g.observed_rate), interval(g.wilson95)];
const GROUP_HEADER = ['cases', 'predicted', 'likely', 'observed', 'paradox rate', '95% CI (Wilson)'];
const CONDITION_NAMES: Record<string, [string, string]> = {
  severity: ['minor failure', 'severe failure'],
  prior_failures: ['first failure', 'repeat failure'],
  controllability: ['outside firm control', 'in firm control'],
  stability: ['one-off cause', 'recurring cause'],
  recovery_quality: ['weak recovery', 'strong recovery'],
};

/** `warnings`: in a document (Markdown, HTML); text leaves them to standard error. */
export function reportSections(r: ReportDoc, clean: (s: string) => string, warnings = true): Section[] {
  const sections: Section[] = [];
  const o = r.observed;
  const lines = [
    rowsSentence(r.input),
    `model ${r.model}, threshold ${r.threshold}`,
    `predicted: mean probability ${pct(r.predicted.mean_probability)}, ${r.predicted.likely} of ${r.input.accepted} cases "paradox likely"`,
  ];
  if (o.n)
    lines.push(
      `observed: ${o.paradox} of ${o.n} cases ended above their pre-failure satisfaction (${pct(o.rate)}, 95% CI ${interval(o.wilson95)}); ${o.restored} restored, ${o.not_restored} not restored`,
    );
  else lines.push('observed: no case has both pre- and post-failure satisfaction');
  if (r.calibration.n) lines.push(`calibration over ${r.calibration.n} observed cases: Brier ${num(r.calibration.brier)}, AUC ${num(r.calibration.auc)}`);
  if (r.predicted.ceiling) lines.push(`${r.predicted.ceiling} cases were already at the top of the scale before the failure: no room for the paradox`);
  lines.push(`action: ${r.action.summary}`);
  const assumed = Object.entries(r.assumed).filter(([, share]) => share > 0);
  if (assumed.length) lines.push(`assumed neutral: ${assumed.map(([f, share]) => `${f} (${pct(share)} of cases)`).join(', ')}`);
  sections.push({ title: 'Service recovery paradox', lines });
  if (r.conditions.length)
    sections.push({
      title: "Magnini's conditions (observed factors only)",
      header: ['factor', 'level', ...GROUP_HEADER],
      rows: r.conditions.map((c) => [c.factor, `${c.level} (${CONDITION_NAMES[c.factor][c.level === 'low' ? 0 : 1]})`, ...groupCells(c)]),
    });
  if (r.segments.length)
    sections.push({
      title: `By ${clean(r.by ?? '')}`,
      header: [clean(r.by ?? 'segment'), ...GROUP_HEADER],
      rows: r.segments.map((s) => [clean(s.segment), ...groupCells(s)]),
    });
  if (r.periods.length)
    sections.push({ title: `By ${r.period}`, header: [r.period ?? 'period', ...GROUP_HEADER], rows: r.periods.map((p) => [p.period, ...groupCells(p)]) });
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
