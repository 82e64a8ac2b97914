/**
 * `--engine duckdb` against the own engine: the same documents (counts exactly, numbers to 1e-9) for
 * `report` and `score` on the bundled sample, the fixtures and a generated help-desk export with a
 * mapping; the same numbers from Parquet and from a DuckDB database file as from the CSV; and a
 * clear refusal where DuckDB's CSV reader would not see the records srp sees.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture, root, shared, srp, tempDir } from '../helpers.js';
import { HELP_DESK_MAPPING, helpDeskExport } from '../sql/help-desk.js';

/** Equal documents: every count, text and key the same, every number within 1e-9 (sums add up in another order). */
function expectSameDoc(a: unknown, b: unknown, path = '$'): void {
  if (typeof a === 'number' && typeof b === 'number') {
    expect(Math.abs(a - b), `${path}: ${a} vs ${b}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(a)));
    return;
  }
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return void expect(b, path).toEqual(a);
  expect(Object.keys(b as object), path).toEqual(Object.keys(a as object));
  for (const k of Object.keys(a as object)) expectSameDoc((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
}

function both(args: string[]) {
  const own = srp([...args, '--format', 'json']);
  const duck = srp([...args, '--format', 'json', '--engine', 'duckdb']);
  expect(own.code, own.stderr).toBe(0);
  expect(duck.code, duck.stderr).toBe(0);
  expect(duck.stderr).toBe(own.stderr);
  return { own: JSON.parse(own.stdout), duck: JSON.parse(duck.stdout) };
}

let dir = '';
beforeAll(() => {
  dir = tempDir();
  writeFileSync(join(dir, 'help-desk.csv'), helpDeskExport(3000, 11));
  writeFileSync(join(dir, 'help-desk.json'), JSON.stringify(HELP_DESK_MAPPING));
  // Two exports joined: the header again at line 32; and a decoy the pattern `joined [1].csv` would match.
  const sample = readFileSync(`${root}data/sample-incidents.csv`, 'utf8').split('\n');
  writeFileSync(join(dir, 'joined [1].csv'), [...sample.slice(0, 31), sample[0], ...sample.slice(31, 300)].join('\n') + '\n');
  writeFileSync(join(dir, 'joined 1.csv'), sample.slice(0, 50).join('\n') + '\n');
  // Line layouts: CRLF with a line of empty cells, an empty line, no newline at the end.
  const head = sample.slice(0, 120);
  writeFileSync(join(dir, 'crlf-blank.csv'), [...head.slice(0, 40), ',,,,,,,', ...head.slice(40)].join('\r\n'));
  writeFileSync(join(dir, 'empty-line.csv'), [...head.slice(0, 60), '', ...head.slice(60)].join('\n') + '\n');
  // Numbers DuckDB's cast reads and srp's reader reads otherwise or not at all, beside those both read, and missing markers.
  const cells = ['inf', 'NaN', 'Infinity', '-inf', '1_0', '0_5', '1e999', '+0.5', '5.', '.5', '1e-1', '50%', ' 0.3 ', '0x1', '?', 'N/A', '-', 'null', ''];
  const rows = cells.flatMap((cell, i) => [`N${i},${cell},1,0.2,0.4,0.9,6,8`, `P${i},0.4,${cell},0.2,0.4,0.9,${cell},7`]);
  writeFileSync(
    join(dir, 'numbers.csv'),
    ['case_id,severity,prior_failures,controllability,stability,recovery_quality,pre_satisfaction,post_satisfaction', ...rows, 'Z,0.5,0,0.5,0.5,0.5,10,9'].join(
      '\n',
    ) + '\n',
  );
  writeFileSync(join(dir, 'scale-a.csv'), 'case_id,severity,pre_satisfaction,post_satisfaction\nA1,0.5,4,5\nA2,0.2,2,3\nA3,0.9,5,1\n');
  writeFileSync(join(dir, 'scale-b.csv'), 'case_id,severity,pre_satisfaction,post_satisfaction\nB1,0.5,8,10\nB2,0.2,0,7\nB3,0.9,9,6\n');
  // Percentages on a 0–1 factor, a 0–100 factor (mapping scale) and a 0–100 satisfaction; one off its scale.
  writeFileSync(
    join(dir, 'percent.csv'),
    'case_id,severity,recovery_quality,pre_satisfaction,post_satisfaction\na,20%,0.4,70,80%\nb,35.5 %,7%,60,90\nc,40,50%,75,120%\nd,0,1,55%,100\n',
  );
  // Segments written as missing markers: one '(missing)' segment with the blank ones.
  writeFileSync(
    join(dir, 'teams.csv'),
    ['case_id,team,severity,pre_satisfaction,post_satisfaction', ...Array.from({ length: 60 }, (_, i) => `t${i},${['A', '?', 'N/A', '', ' B ', '-'][i % 6]},${(i % 10) / 10},${1 + (i % 5)},${1 + ((i * 3) % 5)}`)].join('\n') + '\n',
  );
  writeFileSync(join(dir, 'percent.json'), JSON.stringify({ columns: { severity: { column: 'severity', scale: [0, 100] } } }));
});

const inputs: { name: string; args: () => string[]; report?: string[] }[] = [
  { name: 'segments written as missing markers', args: () => [join(dir, 'teams.csv')], report: ['--by', 'team'] },
  { name: 'percentages on 0–1 and 0–100 scales, one off its scale', args: () => ['--map', join(dir, 'percent.json'), join(dir, 'percent.csv')] },
  {
    name: 'the bundled sample (the report by channel and week)',
    args: () => [`${root}data/sample-incidents.csv`],
    report: ['--by', 'channel', '--period', 'week'],
  },
  {
    name: 'a help-desk export with a mapping (values, scales, an expression, markers, history)',
    args: () => ['--map', join(dir, 'help-desk.json'), join(dir, 'help-desk.csv')],
  },
  { name: 'a Dutch Excel export (;, decimal comma, Windows-1252)', args: () => [fixture('dutch-excel.csv')] },
  { name: 'a Swedish Latin-1 export', args: () => [fixture('swedish-latin1.csv')] },
  { name: 'UTF-16 with a byte-order mark', args: () => [fixture('utf16le-bom.csv')] },
  { name: 'escapes and quoted multi-line cells', args: () => [fixture('escapes.csv')] },
  { name: 'a between design', args: () => [fixture('r/between-levels.csv')] },
  { name: 'binary satisfaction in words (the values read as satisfied, listed)', args: () => [fixture('r/within-binary.csv')] },
  { name: 'a binary between design', args: () => [fixture('r/between-binary.csv')] },
  { name: 'the header line again inside the data, in a file named like a pattern', args: () => [join(dir, 'joined [1].csv')] },
  { name: 'CRLF line ends with a row of empty cells and no newline at the end', args: () => [join(dir, 'crlf-blank.csv')] },
  // The satisfaction scale of two files settled over both, as the own engine settles it (1–5 and 0–10 apart: 0–10).
  { name: 'two files whose scales differ apart', args: () => [join(dir, 'scale-a.csv'), join(dir, 'scale-b.csv')] },
  { name: 'an empty line inside the data', args: () => [join(dir, 'empty-line.csv')] },
  { name: 'numbers that DuckDB reads and srp does not (inf, nan, 1_0, 1e999), and missing markers', args: () => [join(dir, 'numbers.csv')] },
];
for (const f of ['within-500.csv', 'between-400.csv'])
  if (existsSync(shared(`fixtures/${f}`))) inputs.push({ name: `shared fixture ${f}`, args: () => [shared(`fixtures/${f}`)] });

describe('srp report and srp score with --engine duckdb equal the own engine', () => {
  for (const input of inputs) {
    it(`report: ${input.name}`, () => {
      const { own, duck } = both(['report', ...(input.report ?? []), ...input.args()]);
      expectSameDoc(own, duck);
    });
    it(`score: ${input.name}`, () => {
      const { own, duck } = both(['score', ...input.args()]);
      expectSameDoc(own, duck);
    });
  }
});

describe('Parquet and DuckDB files', () => {
  it('read the same cases as the CSV they were made from', async () => {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const csv = `${root}data/sample-incidents.csv`;
    const parquet = join(dir, 'sample.parquet');
    const database = join(dir, 'sample.duckdb');
    const instance = await DuckDBInstance.create(database);
    const db = await instance.connect();
    // Typed as DuckDB guesses (numbers as doubles, dates as timestamps): what a warehouse export holds.
    await db.run(`COPY (SELECT * FROM read_csv('${csv}')) TO '${parquet}' (FORMAT parquet)`);
    await db.run(`CREATE TABLE tickets AS SELECT * FROM read_csv('${csv}')`);
    db.closeSync();
    instance.closeSync();
    const own = JSON.parse(srp(['report', '--format', 'json', csv]).stdout);
    for (const file of [parquet, database]) {
      const r = srp(['report', '--format', 'json', '--engine', 'duckdb', file]);
      expect(r.code, r.stderr).toBe(0);
      const doc = JSON.parse(r.stdout);
      expect(doc.input).toEqual(own.input);
      expectSameDoc(own.predicted, doc.predicted);
      expectSameDoc(own.observed, doc.observed);
      expectSameDoc(own.calibration, doc.calibration);
      expectSameDoc(own.conditions, doc.conditions);
    }
  });

  it('knows Parquet by its bytes, not its name', () => {
    const renamed = join(dir, 'sample.pq');
    writeFileSync(renamed, readFileSync(join(dir, 'sample.parquet')));
    const r = srp(['report', '--format', 'json', '--engine', 'duckdb', renamed]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).input.rows).toBe(2000);
  });

  it('refuses a pipe, which DuckDB would open again and wait on', () => {
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const r = srp(['report', '--engine', 'duckdb', fifo]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/not a regular file .*the own engine reads streams/);
  });

  it('the own engine names the engine that reads Parquet', () => {
    const r = srp(['report', join(dir, 'sample.parquet')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/Parquet.*--engine duckdb/);
  });
});

describe('what --engine duckdb refuses', () => {
  it.each([
    [['report', '--engine', 'duckdb', '-'], 2, /--engine: duckdb reads files, not standard input/],
    [['report', '--engine', 'spark', 'data/sample-incidents.csv'], 2, /--engine/],
    [['report', '--engine', 'duckdb', 'test/fixtures/broken-rows.csv'], 3, /do not see the same records.*use the own engine/],
    [['report', '--engine', 'duckdb', 'nosuch.parquet'], 3, /^srp: nosuch.parquet: cannot open \(no such file\)$/],
    // Lines ended by LF and one by a lone CR, which srp reads as a line end and DuckDB's CSV reader does not.
    [['report', '--engine', 'duckdb', 'test/fixtures/line-ends-mixed.csv'], 3, /DuckDB could not read it.*the own engine may/],
    // What SQL cannot express (one expression's values both numbers and text): refused, not a file DuckDB could not read.
    [['report', '--engine', 'duckdb', '--map', 'MIXED', 'data/sample-incidents.csv'], 2, /^srp: --engine duckdb: the expression .* mixes number and text.*the own engine reads it/],
  ])('srp %j exits %i, saying why first', (args, code, message) => {
    const mixed = join(dir, 'mixed.json');
    writeFileSync(mixed, JSON.stringify({ columns: { severity: { expr: "if(team == 'T1', 1, 'high')" } } }));
    const r = srp((args as string[]).map((a) => (a === 'MIXED' ? mixed : a)), { input: 'case_id,severity\n1,0.5\n' });
    expect(r.code).toBe(code);
    expect(r.stderr.split('\n')[0]).toMatch(message as RegExp);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
