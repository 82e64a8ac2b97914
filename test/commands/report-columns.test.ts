/**
 * The report predicts a batch read into columns straight from its arrays (commands/report/aggregate.ts,
 * `reportFeeder`), and any other batch case by case. On random canonical files (factors, satisfaction
 * and teams missing here and there, at the ceiling; within, baseline and post-only designs: between
 * and history need a group or a date, which columns do not hold) both give the same document: a
 * `--keep` column makes the reader hand over cases instead of columns. The random rows come after
 * 9,000 plain ones, in batches the reader fills again once the report has released them.
 */
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { report } from '../../src/commands/report/index.js';
import { loadModel } from '../../src/model/model.js';
import { tempDir } from '../helpers.js';

const factor = fc.oneof(fc.integer({ min: 0, max: 1000 }).map((n) => String(n / 1000)), fc.constantFrom('0.5', '', '?'));
const satisfaction = fc.oneof(fc.integer({ min: 1, max: 7 }).map(String), fc.constant(''));
const line = fc.tuple(factor, fc.constantFrom('0', '1', '2', '3', ''), factor, factor, factor, satisfaction, satisfaction, fc.constantFrom('T1', 'T2', '', 'N/A'));
/** Mostly numbered ids, some repeated, some quoted (a line read by the general reading). */
const id = fc.oneof({ weight: 8, arbitrary: fc.constant(null) }, fc.integer({ min: 0, max: 20 }).map((n) => `C${n}`), fc.constantFrom('"C3"', 'x', 'D1'));

const settings = fc.record({
  design: fc.constantFrom('within', 'baseline', 'post-only'),
  // A stated baseline at the top of the scale puts every compared case at the ceiling.
  level: fc.constantFrom(4, 7),
  pre: fc.boolean(),
  threshold: fc.constantFrom(0.3, 0.5, 0.7),
  by: fc.boolean(),
  // Columns hold no date: each case counts as undated.
  period: fc.constantFrom(undefined, 'month' as const),
});

/** Plain rows: numbered ids, every factor known, satisfaction 1–7. */
const filler = Array.from({ length: 9000 }, (_, i) => `F${i},0.${i % 10},${i % 3},0.${(i * 3) % 10},0.${(i * 7) % 10},0.${(i * 9) % 10},${1 + (i % 7)},${1 + ((i * 5) % 7)},T${1 + (i % 2)}`);

describe('report over columns', () => {
  it('gives the document the case-by-case reading gives', async () => {
    const dir = tempDir();
    const model = loadModel();
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(id, line), { minLength: 1, maxLength: 300 }), settings, async (lines, s) => {
        const header = 'case_id,severity,prior_failures,controllability,stability,recovery_quality,pre_satisfaction,post_satisfaction,team';
        const random = lines.map(([name, cells], i) => [name ?? `C${i}`, ...cells.slice(0, 5), s.pre ? cells[5] : '', ...cells.slice(6)].join(','));
        const rows = [...filler.map((l) => (s.pre ? l : l.replace(/,(\d),(\d),T/, ',,$2,T'))), ...random];
        const file = `${dir}/f.csv`;
        writeFileSync(file, [header, ...rows].join('\n') + '\n');
        const options = {
          threshold: s.threshold,
          by: s.by ? 'team' : undefined,
          period: s.period,
          ...(s.design === 'baseline' ? { baseline: s.level } : s.design === 'post-only' ? { design: 'post-only' as const } : {}),
          parallel: false,
        };
        const read = { satisfactionScale: [1, 7] as [number, number], acceptNone: true };
        const settle = (p: Promise<unknown>) => p.then((doc) => ({ doc }), (e: Error) => ({ error: e.message }));
        const columns = await settle(report([file], read, model, options));
        const cases = await settle(report([file], { ...read, keep: ['team'] }, model, options));
        expect(columns).toEqual(cases);
      }),
      { numRuns: 40 },
    );
  });
});
