/**
 * `srp score` output, written as cases stream by (SPEC §7 srp.score/1): one writer per format,
 * each a header, a piece per case and a closing piece.
 */
import type { Case, Rejection } from '../case.js';
import { describeRejection } from '../case.js';
import { FACTORS, type Factor } from '../io/columns.js';
import type { Model } from '../model/model.js';
import { assumed, drivers as driversOf, verdict, type Prediction } from '../model/predict.js';
import { csvCell, markdownCell, visible } from './safe.js';
import { toJsonLine } from './json.js';
import type { Style } from './style.js';
import { MARKDOWN_LIMIT } from './sections.js';

export interface ScoreEnd {
  input: { rows: number; accepted: number; rejected: number };
  assumed: Record<Factor, number>;
  rejected: Rejection[];
  warnings: string[];
}

export interface ScoreWriter {
  begin(): string;
  write(c: Case, p: Prediction): string;
  end(e: ScoreEnd): string;
}

const round = (x: number, d = 6) => Math.round(x * 10 ** d) / 10 ** d;

export function caseRecord(c: Case, p: Prediction, model: Model) {
  const v = p.values;
  return {
    case_id: c.id,
    file: c.file,
    line: c.line,
    factors: { severity: v[0], prior_failures: v[1], controllability: v[2], stability: v[3], recovery_quality: v[4] },
    assumed: assumed(p),
    probability: p.probability,
    potential: p.potential,
    verdict: verdict(p),
    drivers: driversOf(p, model),
    observed: p.observed,
    pre_satisfaction: c.pre,
    post_satisfaction: c.post,
    ...(c.segment !== null ? { segment: c.segment } : {}),
  };
}

export function scoreWriter(format: string, model: Model, threshold: number, style: Style): ScoreWriter {
  const header = { model: model.name, threshold };
  switch (format) {
    case 'ndjson':
      return { begin: () => '', write: (c, p) => toJsonLine(caseRecord(c, p, model)), end: () => '' };
    case 'json': {
      let first = true;
      return {
        begin: () => `{\n  "schema": "srp.score/1",\n  "model": ${JSON.stringify(header.model)},\n  "threshold": ${header.threshold},\n  "cases": [`,
        write: (c, p) => {
          const s = (first ? '\n    ' : ',\n    ') + toJsonLine(caseRecord(c, p, model)).trimEnd();
          first = false;
          return s;
        },
        end: (e) => {
          const field = (key: string, value: unknown) => `  ${JSON.stringify(key)}: ${JSON.stringify(value, null, 2).replace(/\n/g, '\n  ')}`;
          const tail = [field('rejected', e.rejected), field('input', e.input), field('assumed', e.assumed), field('warnings', e.warnings)];
          return `${first ? '' : '\n  '}],\n${tail.join(',\n')}\n}\n`;
        },
      };
    }
    case 'csv':
      return {
        begin: () => ['case_id', 'file', 'line', ...FACTORS, 'assumed', 'probability', 'potential', 'verdict', 'drivers', 'observed'].join(',') + '\n',
        write: (c, p) =>
          [
            csvCell(c.id),
            csvCell(c.file),
            c.line,
            ...FACTORS.map((_, i) => round(p.values[i])),
            csvCell(assumed(p).join(' ')),
            round(p.probability),
            round(p.potential),
            csvCell(verdict(p)),
            csvCell(drivers(p, model)),
            csvCell(p.observed ?? ''),
          ].join(',') + '\n',
        end: () => '',
      };
    case 'markdown': {
      let size = 0;
      let left = 0;
      return {
        begin: () => `| case | line | ${FACTORS.join(' | ')} | probability | potential | verdict | drivers | observed |\n|---|---:|${FACTORS.map(() => '---:').join('|')}|---:|---:|---|---|---|\n`,
        write: (c, p) => {
          const line = `| ${markdownCell(c.id)} | ${c.line} | ${FACTORS.map((f) => factorCell(p, f)).join(' | ')} | ${p.probability.toFixed(3)} | ${p.potential.toFixed(3)} | ${verdict(p)} | ${drivers(p, model)} | ${p.observed ?? ''} |\n`;
          size += line.length;
          if (size > MARKDOWN_LIMIT - 4096) {
            left++;
            return '';
          }
          return line;
        },
        end: (e) => `${left ? `\n… ${left} more cases (truncated to fit a job summary; use --format csv or ndjson for all)\n` : ''}\n${summaryLine(e)}\n${e.rejected.slice(0, 50).map((r) => `- ${markdownCell(describeRejection(r), 1000)}`).join('\n')}\n`,
      };
    }
    default: {
      const widths = [12, 6, ...FACTORS.map(() => 6), 6, 6, 16];
      const cells = (xs: string[]) => xs.map((x, i) => (i < 1 || i === xs.length - 2 ? x.padEnd(widths[i] ?? 0) : i < widths.length ? x.padStart(widths[i]) : x)).join(' ');
      return {
        begin: () => style.bold(cells(['case', 'line', 'sever', 'prior', 'ctrl', 'stab', 'recov', 'prob', 'poten', 'verdict', 'drivers / observed'])) + '\n',
        write: (c, p) => {
          const verdict = p.ceiling ? 'at ceiling' : p.likely ? 'likely' : 'unlikely';
          const v = p.likely ? style.good(verdict.padEnd(16)) : p.ceiling ? style.warn(verdict.padEnd(16)) : verdict.padEnd(16);
          const row = cells([visible(c.id, 24), String(c.line), ...FACTORS.map((f) => factorCell(p, f)), p.probability.toFixed(3), p.potential.toFixed(3), '']);
          return `${row.slice(0, -16)}${v} ${drivers(p, model, 2)}${p.observed ? ` / ${p.observed}` : ''}\n`;
        },
        end: (e) => `\n${summaryLine(e)}\n${e.rejected.length ? style.bold(`Rejected (${e.rejected.length})`) + '\n' : ''}${e.rejected.map((r) => `  ${style.bad(visible(describeRejection(r), 1000))}`).join('\n')}${e.rejected.length ? '\n' : ''}`,
      };
    }
  }
}

/** A factor value; an assumed one is marked with `*`. */
const factorCell = (p: Prediction, f: Factor) => {
  const i = FACTORS.indexOf(f);
  return `${p.values[i].toFixed(2)}${p.assumedMask & (1 << i) ? '*' : ''}`;
};

const drivers = (p: Prediction, model: Model, n = 5) =>
  driversOf(p, model)
    .slice(0, n).map((d) => `${d.factor} ${d.contribution >= 0 ? '+' : ''}${d.contribution.toFixed(2)}`).join('; ');

function summaryLine(e: ScoreEnd): string {
  const assumed = Object.entries(e.assumed).filter(([, s]) => s > 0).map(([f, s]) => `${f} ${(s * 100).toFixed(1)}%`);
  return `${e.input.rows} rows read = ${e.input.accepted} scored + ${e.input.rejected} rejected${assumed.length ? `; assumed neutral (*): ${assumed.join(', ')}` : ''}`;
}
