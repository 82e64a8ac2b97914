import { describe, expect, it } from 'vitest';
import { writeFileSync, statSync } from 'node:fs';
import { tempDir } from '../helpers.js';
// The built modules (npm test builds first): the worker thread runs compiled JavaScript.
import type { Rejection } from '../../dist/case.js';
import { report } from '../../dist/commands/report/index.js';
import { PARALLEL_MIN_BYTES, reportInParallel } from '../../dist/commands/report/parallel.js';
import { contextOf, emptyContextTally } from '../../dist/commands/context.js';
import { loadModel } from '../../dist/model/model.js';
import { seededRandom } from '../../dist/stats/random.js';

/** Files of this size are read by two threads in these tests (by default only from PARALLEL_MIN_BYTES, too big to write here). */
const FROM = 8 << 20;

/** The two-thread reading alone (null where it declines), with the context the first chunk gives. */
function twoThreads(file: string, read: object, options: object, minBytes = FROM) {
  const model = loadModel();
  const context = contextOf(emptyContextTally(), model, { design: 'within' }, false, false);
  return reportInParallel([file], read, model, { model: model.name, threshold: 0.5, ...options }, () => context, emptyContextTally(), minBytes);
}

/** A file big enough to be read by two threads, with every kind of trouble spread through it. */
function bigFile(brokenQuoteAt = -1, lineEnd = '\n'): string {
  const random = seededRandom(7);
  const lines = ['case_id,created,team,severity,prior_failures,controllability,stability,recovery_quality,pre_satisfaction,post_satisfaction,note'];
  for (let i = 0; i < 170_000; i++) {
    const pre = 1 + Math.floor(random() * 9);
    const post = Math.max(0, Math.min(10, pre + Math.floor(random() * 5) - 2));
    const note = i % 501 === 0 ? '"called back,\nsolved"' : i % 7 === 0 ? '"quoted, with comma"' : 'ok';
    const severity = i % 40_000 === 123 ? '1.7' : (Math.round(random() * 1000) / 1000).toString();
    const id = i === 150_000 ? 'C10' : `C${i}`; // repeats an id from the first part
    if (i === brokenQuoteAt) lines.push(`"C-broken,2026-01-01,T1,0.5,0,0.5,0.5,0.5,5,6,ok`);
    lines.push(`${id},2026-0${1 + (i % 6)}-1${i % 9},T${i % 5},${severity},${i % 4},${random().toFixed(3)},${random().toFixed(3)},${random().toFixed(3)},${pre},${post},${note}`);
    if (i % 30_000 === 77) lines.push('');
    if (i % 50_000 === 99) lines.push('C-ragged,1,2');
  }
  const dir = tempDir();
  writeFileSync(`${dir}/big.csv`, lines.join(lineEnd) + lineEnd);
  return `${dir}/big.csv`;
}

describe('report over a large file read by two threads', () => {
  it('gives the same report as one thread: every row, line, rejection and warning', async () => {
    const file = bigFile();
    expect(statSync(file).size).toBeGreaterThan(FROM);
    const model = loadModel();
    const rejected = { two: [] as Rejection[], one: [] as Rejection[] };
    const options = { by: 'team', period: 'month' as const };
    const two = await report([file], { onRejections: (rs) => rejected.two.push(...rs) }, model, { ...options, parallel: FROM });
    const one = await report([file], { onRejections: (rs) => rejected.one.push(...rs) }, model, { ...options, parallel: false });
    // The two-thread reading did run (and a worker that never answers would fail it, not hang it).
    const parts = await twoThreads(file, { by: 'team' }, { by: 'team', period: 'month' });
    expect(parts?.result?.input).toEqual(one.input);
    expect(two.input).toEqual(one.input);
    expect(two.input.rows).toBe(170_000 + 4);
    expect(rejected.two).toEqual(rejected.one);
    expect(rejected.one.filter((r) => r.reason.startsWith('severity: 1.7 is outside'))).toHaveLength(5);
    expect(rejected.one.filter((r) => r.reason === '3 fields, expected 11 as in the header')).toHaveLength(4);
    expect(rejected.one).toHaveLength(9);
    expect(two.warnings).toEqual(one.warnings);
    expect(one.warnings.join('\n')).toMatch(/1 repeated case_id value .*the first at .*big.csv:150310 \(seen before at .*big.csv:13\)/);
    expect(one.warnings.join('\n')).toMatch(/6 blank lines skipped/);
    // Counts are equal; sums of probabilities may differ in the last digits (addition order).
    const close = (a: unknown, b: unknown): void => {
      if (typeof a === 'number' && typeof b === 'number') return void expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(b)));
      if (Array.isArray(a)) return a.forEach((x, i) => close(x, (b as unknown[])[i]));
      if (a && typeof a === 'object') return Object.keys(b as object).forEach((k) => close((a as never)[k], (b as never)[k]));
      expect(a).toEqual(b);
    };
    close(two, one);
  }, 60_000);

  it('a stated baseline beside groups: the two threads count every control case and case of unknown group', async () => {
    const groups = ['failure', 'failure', 'control', '', '?'];
    const lines = ['case_id,group,severity,post_satisfaction'];
    for (let i = 0; i < 500_000; i++) lines.push(`B${i},${groups[i % 5]},${(i % 10) / 10},${1 + (i % 5)}`);
    const dir = tempDir();
    writeFileSync(`${dir}/groups.csv`, lines.join('\n') + '\n');
    expect(statSync(`${dir}/groups.csv`).size).toBeGreaterThan(FROM);
    const model = loadModel();
    const two = await report([`${dir}/groups.csv`], {}, model, { baseline: 3, parallel: FROM });
    const one = await report([`${dir}/groups.csv`], {}, model, { baseline: 3, parallel: false });
    expect(two.warnings).toEqual(one.warnings);
    expect(one.warnings.join('\n')).toMatch(/100000 control cases \(group control\) not scored; 200000 cases of unknown group scored but not compared/);
    expect(two.comparison).toEqual(one.comparison);
  }, 60_000);

  it('reads in one pass, with the same result, when a broken quote makes the cut untrustworthy', async () => {
    const file = bigFile(1000);
    const model = loadModel();
    const rejected = { two: [] as Rejection[], one: [] as Rejection[] };
    const two = await report([file], { onRejections: (rs) => rejected.two.push(...rs) }, model, { parallel: FROM });
    const one = await report([file], { onRejections: (rs) => rejected.one.push(...rs) }, model, { parallel: false });
    expect(two).toEqual(one);
    expect(rejected.two).toEqual(rejected.one);
    expect(rejected.one.filter((r) => r.code === 'stray_quote').map((r) => r.line)).toEqual([1006]);
    expect(await twoThreads(file, {}, {})).toBeNull();
    expect(two.input.rows).toBe(170_000 + 4 + 1);
  }, 60_000);

  it('reads an old-Mac file (lone CR line ends) in one pass: lines are not counted by LF', async () => {
    const file = bigFile(-1, '\r');
    const model = loadModel();
    expect(await twoThreads(file, {}, {})).toBeNull();
    const doc = await report([file], {}, model, { parallel: FROM });
    expect(doc.input.rows).toBe(170_000 + 4);
  }, 60_000);

  it('reads a file below PARALLEL_MIN_BYTES with one thread by default (a second costs more CPU time than it saves at that size)', async () => {
    const file = bigFile();
    expect(statSync(file).size).toBeLessThan(PARALLEL_MIN_BYTES);
    expect(await twoThreads(file, {}, {}, PARALLEL_MIN_BYTES)).toBeNull();
    expect(await twoThreads(file, {}, {})).not.toBeNull();
  }, 60_000);
});
