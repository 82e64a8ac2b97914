/**
 * The text renderer: every document as a person reads it on a terminal (colour only at the level
 * the CLI decided), and `srp score` as an aligned table. Warnings go to standard error, not here.
 */
import { CANONICAL_NAMES } from '../io/columns.js';
import { describeRejection, FACTORS } from '../case.js';
import type { ValidateDoc } from '../commands/validate.js';
import { percent, rowsSentence } from './format.js';
import type { Doc, Renderer } from './renderer.js';
import { reportSections } from './outline/report.js';
import { fitSections, testSections } from './outline/test.js';
import { metaSections } from './outline/meta.js';
import { clipped, visible } from './safe.js';
import { factorCell, driversText, summaryLine, type ScoreSetup, type ScoreWriter } from './score/record.js';
import { sectionsText } from './sections.js';
import type { Style } from './style.js';

export const text: Renderer = {
  render(doc: Doc, style: Style) {
    switch (doc.schema) {
      case 'srp.report/1':
        return sectionsText(reportSections(doc, visible, false), style);
      case 'srp.test/1':
        return sectionsText(testSections(doc, false), style);
      case 'srp.fit/1':
        return sectionsText(fitSections(doc, false), style);
      case 'srp.validate/1':
        return validateText(doc, style);
      case 'srp.meta/1':
        return sectionsText(metaSections(doc, visible, false), style);
      case 'srp.sql/1':
        return `-- srp ${doc.dialect}: the ${doc.query === 'report' ? "report's aggregates as sums" : 'scoring query'} over ${doc.table}\n${Object.entries(doc.columns)
          .map(([name, from]) => `-- ${name} <- ${visible(from, 200)}`)
          .join('\n')}\n${doc.settings.map((s) => `${s}; -- first, in the same session (see README: Scoring in your warehouse)\n`).join('')}${doc.query === 'report' ? doc.report : doc.score};\n`;
    }
  },
  scoreWriter,
};

function validateText(r: ValidateDoc, s: Style): string {
  const out: string[] = [];
  out.push(s.bold('Files'));
  for (const f of r.files) out.push(`  ${visible(f.file)}: delimiter '${f.delimiter}', encoding ${f.encoding}, decimal '${f.decimal}', ${f.rows} rows`);
  out.push('', s.bold('Columns'));
  const width = Math.max(...CANONICAL_NAMES.map((n) => n.length));
  for (const name of CANONICAL_NAMES) {
    const from = r.columns[name];
    const assumed = (r.assumed as Record<string, number>)[name];
    if (from) out.push(`  ${name.padEnd(width)}  ← ${visible(from, 1000)}`);
    else if (name === 'recovery_quality' && assumed === 0 && r.input.accepted)
      out.push(`  ${name.padEnd(width)}  ← derived from the recovery components below`);
    else if (assumed !== undefined) out.push(`  ${name.padEnd(width)}  ${s.warn(`unknown for ${percent(assumed)} of cases: averaged over its distribution`)}`);
  }
  out.push('', s.bold('Design'), `  ${r.design}: ${visible(r.design_reason, 1000)}`);
  if (r.polarity)
    out.push(
      '',
      s.bold('Binary satisfaction'),
      `  read as satisfied:    ${r.polarity.satisfied.map((v) => `'${visible(v.value)}' (${v.cases})`).join(', ') || '–'}`,
      `  read as dissatisfied: ${r.polarity.dissatisfied.map((v) => `'${visible(v.value)}' (${v.cases})`).join(', ') || '–'}`,
    );
  out.push('', s.bold('Rows'), `  ${rowsSentence(r.input, { read: 'read' })}`);
  if (r.problems.length) {
    out.push('', s.bold(`Problems (${r.problems.length})`));
    for (const p of r.problems) out.push(`  ${s.bad(visible(describeRejection(p), 1000))}`);
  }
  if (r.unusable) out.push('', s.bad(visible(r.unusable, 1000)));
  if (r.known_export)
    out.push(
      '',
      s.bold('Known export'),
      `  looks like ${visible(r.known_export.description, 1000)}`,
      `  read it with: --map ${visible(r.known_export.mapping)}`,
    );
  return out.join('\n') + '\n';
}

/** The case column of the score table: longer ids are cut (JSON, CSV and NDJSON carry them whole). */
const ID_WIDTH = 16;

function scoreWriter({ model, style, context }: ScoreSetup): ScoreWriter {
  const widths = [ID_WIDTH, 6, ...FACTORS.map(() => 6), 6, 6, 16];
  const cells = (xs: string[]) =>
    xs.map((x, i) => (i < 1 || i === xs.length - 2 ? x.padEnd(widths[i] ?? 0) : i < widths.length ? x.padStart(widths[i]) : x)).join(' ');
  return {
    begin: () =>
      `design ${context.design}: ${context.reason}\n` +
      style.bold(cells(['case', 'line', 'sever', 'prior', 'ctrl', 'stab', 'recov', 'prob', 'poten', 'verdict', 'drivers / observed'])) +
      '\n',
    write: (c, p) => {
      if (!p) return `${cells([clipped(c.id, ID_WIDTH), String(c.line), ...FACTORS.map(() => ''), '', '', ''])}control (the baseline)\n`;
      const verdict = p.ceiling ? 'at ceiling' : p.verdict === 'paradox likely' ? 'likely' : p.verdict === 'undetermined' ? 'undetermined' : 'unlikely';
      const v =
        p.verdict === 'paradox likely'
          ? style.good(verdict.padEnd(16))
          : p.ceiling || p.verdict === 'undetermined'
            ? style.warn(verdict.padEnd(16))
            : verdict.padEnd(16);
      const row = cells([
        clipped(c.id, ID_WIDTH),
        String(c.line),
        ...FACTORS.map((f) => factorCell(p, f)),
        p.probability.toFixed(3),
        p.potential.toFixed(3),
        '',
      ]);
      return `${row.slice(0, -16)}${v} ${driversText(p, model, 2)}${p.observed ? ` / ${p.observed}` : ''}\n`;
    },
    end: (e) =>
      `\n${summaryLine(e)}\n${e.rejected.length ? style.bold(`Rejected (${e.rejected.length})`) + '\n' : ''}${e.rejected.map((r) => `  ${style.bad(visible(describeRejection(r), 1000))}`).join('\n')}${e.rejected.length ? '\n' : ''}`,
  };
}
