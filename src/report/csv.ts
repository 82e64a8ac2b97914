/** The CSV renderer (`srp score` only): one row per case, cells safe to open in a spreadsheet (safe.ts). */
import { FACTORS } from '../case.js';
import { assumed, verdictText } from '../model/predict.js';
import type { Renderer } from './renderer.js';
import { csvCell } from './safe.js';
import { driversText, type ScoreSetup, type ScoreWriter } from './score/record.js';

/** Numbers in CSV: six decimals, enough for any decision and short enough to read. */
const round = (x: number, d = 6) => Math.round(x * 10 ** d) / 10 ** d;

/** One row per case; what an analyst joins back to the export: the ids, pre, post, group, outcome and the --keep columns. */
export const csv: Renderer = {
  scoreWriter: ({ model, keep }: ScoreSetup): ScoreWriter => ({
    begin: () =>
      ['case_id', 'file', 'line', ...FACTORS, 'assumed', 'probability', 'potential', 'verdict', 'drivers', 'observed', 'range_low', 'range_high', 'group', 'pre', 'post', ...keep]
        .map(csvCell)
        .join(',') + '\n',
    write: (c, p) =>
      [
        csvCell(c.id),
        csvCell(c.file),
        c.line,
        ...FACTORS.map((_, i) => (p ? round(p.values[i]) : '')),
        csvCell(p ? assumed(p).join(' ') : ''),
        p ? round(p.probability) : '',
        p ? round(p.potential) : '',
        csvCell(p ? verdictText(p) : 'control'),
        csvCell(p ? driversText(p, model) : ''),
        csvCell(p?.observed ?? ''),
        p ? round(p.low) : '',
        p ? round(p.high) : '',
        csvCell(c.group ?? ''),
        csvCell(c.pre),
        csvCell(c.post),
        ...(c.kept ?? []).map(csvCell),
      ].join(',') + '\n',
    end: () => '',
  }),
};
