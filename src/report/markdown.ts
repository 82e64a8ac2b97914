/**
 * The Markdown renderer: GitHub-flavoured, for a CI job summary (cut to fit its 1 MiB limit with
 * a "… N more" line); data in cells escaped so that it shows as text (safe.ts).
 */
import { describeRejection, FACTORS } from '../case.js';
import type { Doc, Renderer } from './renderer.js';
import { reportSections } from './outline/report.js';
import { fitSections, testSections } from './outline/test.js';
import { metaSections } from './outline/meta.js';
import { markdownCell } from './safe.js';
import { driversText, factorCell, summaryLine, type ScoreSetup, type ScoreWriter } from './score/record.js';
import { MARKDOWN_LIMIT, sectionsMarkdown } from './sections.js';
import { verdictText } from '../model/predict.js';

export const markdown: Renderer = {
  render(doc: Doc) {
    switch (doc.schema) {
      case 'srp.report/1':
        return sectionsMarkdown(reportSections(doc, markdownCell));
      case 'srp.test/1':
        return sectionsMarkdown(testSections(doc));
      case 'srp.fit/1':
        return sectionsMarkdown(fitSections(doc));
      case 'srp.validate/1':
      case 'srp.sql/1':
        throw new Error(`${doc.schema} has no Markdown output`);
      case 'srp.meta/1':
        return sectionsMarkdown(metaSections(doc, markdownCell));
    }
  },
  scoreWriter,
};

function scoreWriter({ model }: ScoreSetup): ScoreWriter {
  let size = 0;
  let left = 0;
  return {
    begin: () =>
      `| case | line | ${FACTORS.join(' | ')} | probability | potential | verdict | drivers | observed |\n|---|---:|${FACTORS.map(() => '---:').join('|')}|---:|---:|---|---|---|\n`,
    write: (c, p) => {
      const line = p
        ? `| ${markdownCell(c.id)} | ${c.line} | ${FACTORS.map((f) => factorCell(p, f)).join(' | ')} | ${p.probability.toFixed(3)} | ${p.potential.toFixed(3)} | ${verdictText(p)} | ${driversText(p, model)} | ${p.observed ?? ''} |\n`
        : `| ${markdownCell(c.id)} | ${c.line} | ${FACTORS.map(() => '').join(' | ')} | | | control | | |\n`;
      size += line.length;
      if (size > MARKDOWN_LIMIT - 4096) {
        left++;
        return '';
      }
      return line;
    },
    end: (e) =>
      `${left ? `\n… ${left} more cases (truncated to fit a job summary; use --format csv or ndjson for all)\n` : ''}\n${summaryLine(e)}\n${e.rejected
        .slice(0, 50)
        .map((r) => `- ${markdownCell(describeRejection(r), 1000)}`)
        .join('\n')}\n`,
  };
}
