/** The CSV renderer (`srp score` only): one row per case, cells safe to open in a spreadsheet (safe.ts). */
import { FACTORS } from '../case.js';
import { assumed, verdict } from '../model/predict.js';
import type { Renderer } from './renderer.js';
import { csvCell } from './safe.js';
import { driversText, type ScoreSetup, type ScoreWriter } from './score/record.js';

/** Numbers in CSV: six decimals, enough for any decision and short enough to read. */
const round = (x: number, d = 6) => Math.round(x * 10 ** d) / 10 ** d;

export const csv: Renderer = {
  scoreWriter: ({ model }: ScoreSetup): ScoreWriter => ({
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
        csvCell(driversText(p, model)),
        csvCell(p.observed ?? ''),
      ].join(',') + '\n',
    end: () => '',
  }),
};
