/**
 * `--engine duckdb` on a clean file (src/engine/duckdb-plain.ts) against srp's general reading: on
 * random records of numbers spelled every way DuckDB's cast reads (spaces, signs, exponents, a point
 * at either end) and some it reads and srp does not, a table of plain numbers is made only where
 * every record is one srp reads as plain numbers, and then each of its cases is the case srp's
 * general reading makes of that record. And end to end, such a file gives the own engine's documents.
 */
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { Canonical } from '../../src/io/columns.js';
import { emptyPolarity } from '../../src/io/convert.js';
import { makePlan } from '../../src/io/plan.js';
import { FieldsRow, isRejection, toCase } from '../../src/io/record.js';
import { emptyTally } from '../../src/io/scale.js';
import { MISSING_MARKERS } from '../../src/io/values.js';
import { plainBatches, plainTable, settlePlain } from '../../src/engine/duckdb-plain.js';
import { literal } from '../../src/sql/dialect.js';
import { srp, tempDir } from '../helpers.js';

const NAMES: Canonical[] = ['case_id', 'severity', 'prior_failures', 'controllability', 'stability', 'recovery_quality', 'pre_satisfaction', 'post_satisfaction'] as Canonical[];

/** Spellings DuckDB's cast reads, of numbers srp reads plainly; and cells DuckDB reads and srp does not, or neither does. */
const spelled = (n: number) => fc.constantFrom(String(n), ` ${n}`, `${n} `, `\t${n}`, `+${n}`, `${n}e0`, `${n * 10}E-1`, String(n).replace(/^0\./, '.'), Number.isInteger(n) ? `${n}.` : `${n}0`);
const unclean = fc.constantFrom('inf', 'NaN', '1_0', '+-0', '-+0', '+-1', '1e999', '-0.1', '1.5', '11', '2.5', '?', '', 'high', '0x1', '50%', '-0', '0.1234567890123456');
const cell = (value: fc.Arbitrary<number>) => fc.oneof({ weight: 40, arbitrary: value.chain(spelled) }, { weight: 1, arbitrary: unclean });
const factor = cell(fc.integer({ min: 0, max: 100 }).map((n) => n / 100));
const count = cell(fc.integer({ min: 0, max: 9 }));
const satisfaction = cell(fc.integer({ min: 0, max: 10 }));
const idCell = fc.oneof({ weight: 40, arbitrary: fc.integer({ min: 1, max: 40 }).map((n) => `C${n}`) }, { weight: 1, arbitrary: fc.constantFrom(' C1', 'C2 ', '?', '', 'NA') });
const record = fc.tuple(idCell, factor, count, factor, factor, factor, satisfaction, satisfaction);

let instance: DuckDBInstance;
let conn: DuckDBConnection;
beforeAll(async () => {
  const api = await import('@duckdb/node-api');
  instance = await api.DuckDBInstance.create(':memory:');
  conn = await instance.connect();
});
afterAll(() => {
  conn?.closeSync();
  instance?.closeSync();
});

const planFor = () =>
  makePlan('f.csv', NAMES, [], { decimalComma: false, satisfactionScale: [0, 10], tally: emptyTally(), polarity: emptyPolarity(), missing: new Set(MISSING_MARKERS) });

describe('a clean file read by DuckDB into columns', () => {
  it('is read so only where every record is plain, and then case by case as srp reads it', async () => {
    let plainFiles = 0;
    let other = 0;
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(record, { minLength: 1, maxLength: 8 }), async (records) => {
        const plan = planFor();
        const rows = records.map((cells) => `(${cells.map(literal).join(', ')})`).join(', ');
        const source = `(SELECT * FROM (VALUES ${rows}) v(${NAMES.map((_, i) => `c${i}`).join(', ')}))`;
        const made = await plainTable(conn, `srp_t${n++}`, source, plan, ',', '.', records.slice(0, 3));
        const table = made && (await settlePlain(conn, made, plan, ','));
        const general = records.map((cells, r) => toCase(new FieldsRow().set(cells), r + 2, 'f.csv', plan));
        if (!table) {
          other++;
          return;
        }
        plainFiles++;
        // Each record a case (no rejection), which the columns hold as the general reading has it.
        const lines = Int32Array.from(records, (_, r) => r + 2);
        const cases = [];
        for await (const columns of plainBatches(conn, table, 'f.csv', plan.satisfactionTop, lines, 4)) cases.push(...columns.toCases());
        expect(general.some(isRejection)).toBe(false);
        expect(cases).toEqual(general);
      }),
      { numRuns: 300 },
    );
    // Both kinds of file were tried.
    expect(plainFiles).toBeGreaterThan(20);
    expect(other).toBeGreaterThan(20);
  });
});

describe('--engine duckdb on a clean file equals the own engine', () => {
  let file = '';
  const variants: Record<string, string> = {};
  beforeAll(() => {
    // 5000 records: numbers in every spelling both read alike, ids that repeat, a team for --by.
    const spellings = ['0.3', ' 0.3', '+0.3', '.3', '3e-1', '0.30'];
    const lines = Array.from({ length: 5000 }, (_, i) => {
      const f = (k: number) => spellings[(i * 7 + k) % spellings.length].replace('3', String((i * (k + 3)) % 10));
      return `C${i % 4999},${f(1)},${i % 4},${f(2)},${f(3)},${f(4)},${i % 11},${(i * 3) % 11},T${i % 5}`;
    });
    const dir = tempDir();
    const header = 'case_id,severity,prior_failures,controllability,stability,recovery_quality,pre_satisfaction,post_satisfaction,team';
    file = join(dir, 'clean.csv');
    writeFileSync(file, `${header}\n${lines.join('\n')}\n`);
    // Clean through the plan's sample (its first 256 KiB), then not: DuckDB's table is made, found not
    // clean, and the file read the general way after all.
    const many = [...lines, ...lines, ...lines];
    const late = (odd: string[]) => `${header}\n${[...many.slice(0, 12000), ...odd, ...many.slice(12000)].join('\n')}\n`;
    const lateOdd: Record<string, string[]> = {
      'a marker, an empty cell and an empty line after 12000 clean records': ['X1,?,1,0.2,0.3,0.4,5,6,T1', 'X2,0.2,1,0.2,0.3,0.4,5,,T2', ''],
      'a sign after a sign (+-0, which DuckDB reads as -0) after 12000 clean records': ['X3,+-0,1,0.2,0.3,0.4,5,6,T1', 'X4,0.2,+-0,0.2,0.3,0.4,+-4,6,T2'],
      'digits grouped by _ and a severity out of range after 12000 clean records': ['X5,0.2,1_0,0.2,0.3,0.4,5,6,T1', 'X6,1.2,1,0.2,0.3,0.4,5,6,T1'],
    };
    for (const [name, odd] of Object.entries(lateOdd)) {
      variants[name] = join(dir, `late-${Object.keys(variants).length}.csv`);
      writeFileSync(variants[name], late(odd));
    }
    variants['CRLF line ends, no line end at the last'] = join(dir, 'crlf.csv');
    writeFileSync(variants['CRLF line ends, no line end at the last'], `${header}\r\n${lines.join('\r\n')}`);
  });
  it('reads the variants as the own engine does', () => {
    for (const [name, path] of Object.entries(variants)) {
      const own = srp(['score', path, '--format', 'json']);
      const duck = srp(['score', path, '--format', 'json', '--engine', 'duckdb']);
      expect(own.code, own.stderr).toBe(0);
      expect(duck.stderr, name).toBe(own.stderr);
      expect(duck.stdout, name).toBe(own.stdout);
    }
  });
  for (const args of [['report'], ['report', '--by', 'team'], ['score']]) {
    it(args.join(' '), () => {
      const own = srp([...args, file, '--format', 'json']);
      const duck = srp([...args, file, '--format', 'json', '--engine', 'duckdb']);
      expect(own.code, own.stderr).toBe(0);
      expect(duck.stderr).toBe(own.stderr);
      expect(own.stderr).toMatch(/repeated case_id/);
      const [a, b] = [JSON.parse(own.stdout), JSON.parse(duck.stdout)];
      // Sums in another order may differ in the last digits; everything else is equal.
      expect(JSON.stringify(b, (_, v) => (typeof v === 'number' ? Number(v.toPrecision(10)) : v))).toBe(
        JSON.stringify(a, (_, v) => (typeof v === 'number' ? Number(v.toPrecision(10)) : v)),
      );
    });
  }
});
