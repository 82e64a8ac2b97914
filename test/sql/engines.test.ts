/**
 * The scoring query (srp sql) against the own engine, case by case: on embedded DuckDB, and on a
 * real PostgreSQL server this file starts itself (Debian's postgresql, a private socket and data
 * directory in a temporary folder, stopped afterwards; skipped, saying so, where it cannot run).
 * Probabilities and ranges agree to 1e-9, verdicts exactly, every scored case in both.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture, root, shared, srp, tempDir } from '../helpers.js';
import { baselineGroups, edgeExport, HELP_DESK_MAPPING, helpDeskExport } from './help-desk.js';
import { testPostgres } from './postgres.js';

interface Scored {
  case_id: string;
  probability: number;
  range_low: number;
  range_high: number;
  verdict: string;
}

/** The own engine's scored cases (a control case is the baseline, not scored): id → probability, range and verdict. */
function ownScores(file: string, args: string[] = []): Map<string, Scored> {
  const r = srp(['score', file, '--format', 'json', '--quiet', ...args]);
  expect(r.code).toBe(0);
  const doc = JSON.parse(r.stdout);
  return new Map(
    doc.cases
      .filter((c: any) => c.range)
      .map((c: any) => [c.case_id, { case_id: c.case_id, probability: c.probability, range_low: c.range[0], range_high: c.range[1], verdict: c.verdict }]),
  );
}

function expectSame(own: Map<string, Scored>, sql: Scored[]) {
  expect(sql.length).toBe(own.size);
  let largest = 0;
  for (const r of sql) {
    const o = own.get(r.case_id)!;
    expect(o, r.case_id).toBeDefined();
    expect(r.verdict, r.case_id).toBe(o.verdict);
    largest = Math.max(largest, Math.abs(r.probability - o.probability), Math.abs(r.range_low - o.range_low), Math.abs(r.range_high - o.range_high));
  }
  expect(largest).toBeLessThan(1e-9);
}

/** The query for a file (its header) and mapping, over a table. */
function query(dialect: string, table: string, file: string, args: string[] = []): string {
  const r = srp(['sql', '--dialect', dialect, '--table', table, ...args, file]);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}

const cases: { name: string; file: () => string; args: string[] }[] = [];
let dir = '';
beforeAll(() => {
  dir = tempDir();
  writeFileSync(join(dir, 'help-desk.csv'), helpDeskExport(4000, 7));
  writeFileSync(join(dir, 'help-desk.json'), JSON.stringify(HELP_DESK_MAPPING));
  writeFileSync(join(dir, 'baseline-groups.csv'), baselineGroups(600));
  writeFileSync(join(dir, 'edges.csv'), edgeExport(1500, 5));
  // A text column compared with numbers: as numbers where it reads as one; `few` equals none and orders not at all.
  // A flag compared with a truth value: 'true' equals (1 < 2) as written, '1' as a number, 'TRUE' and 'yes' not at all.
  const repeats = ['0', '1', '2', '3', 'few', '', '2.0', ' 3', '1e0', '?', 'N/A', '-1', '+-0'];
  const flags = ['true', 'false', '1', '0', 'TRUE', 'yes', ''];
  writeFileSync(
    join(dir, 'compare.csv'),
    ['id,repeats,flag,csat', ...Array.from({ length: 273 }, (_, i) => `K${i},${repeats[i % repeats.length]},${flags[i % flags.length]},${1 + (i % 5)}`)].join('\n') + '\n',
  );
  writeFileSync(
    join(dir, 'compare.json'),
    JSON.stringify({
      columns: {
        case_id: 'id',
        severity: { expr: 'if(repeats >= 2, 0.9, 0.1)' },
        stability: { expr: 'if(repeats == 1, 1, 0)' },
        controllability: { expr: 'if(2 != repeats, 0.8, 0.3)' },
        recovery_quality: { expr: 'if(flag == (1 < 2), 0.9, 0.2)' },
        post_satisfaction: { column: 'csat', scale: [1, 5] },
      },
    }),
  );
});
cases.push({ name: 'the bundled sample', file: () => `${root}data/sample-incidents.csv`, args: [] });
cases.push({
  name: 'a help-desk export with a values table, scales, an expression, missing markers and per-customer history',
  file: () => join(dir, 'help-desk.csv'),
  args: ['--map', 'HELP_DESK'],
});
cases.push({
  name: 'the help-desk export with cells padded by tabs and no-break spaces, and ISO dates of every form beside impossible ones',
  file: () => join(dir, 'edges.csv'),
  args: ['--map', 'HELP_DESK'],
});
cases.push({ name: 'a text column compared with numbers in expressions', file: () => join(dir, 'compare.csv'), args: ['--map', 'COMPARE'] });
cases.push({ name: 'a between design (fixture)', file: () => fixture('r/between-levels.csv'), args: [] });
cases.push({ name: 'a stated baseline beside groups (controls and cases of unknown group not compared), percentages', file: () => join(dir, 'baseline-groups.csv'), args: ['--baseline', '60'] });
for (const f of ['within-500.csv', 'between-400.csv'])
  if (existsSync(shared(`fixtures/${f}`))) cases.push({ name: `shared fixture ${f}`, file: () => shared(`fixtures/${f}`), args: [] });
const argsOf = (args: string[]) => args.map((a) => (a === 'HELP_DESK' ? join(dir, 'help-desk.json') : a === 'COMPARE' ? join(dir, 'compare.json') : a));

describe('the scoring query on embedded DuckDB equals srp score', () => {
  for (const c of cases)
    it(c.name, async () => {
      const { DuckDBInstance } = await import('@duckdb/node-api');
      const file = c.file();
      const sql = query('duckdb', `read_csv('${file.replace(/'/g, "''")}', all_varchar = true, header = true)`, file, argsOf(c.args));
      const db = await (await DuckDBInstance.create(':memory:')).connect();
      const rows = (await db.runAndReadAll(sql.replace(/;\s*$/, ''))).getRowObjectsJS() as unknown as Scored[];
      expectSame(ownScores(file, argsOf(c.args)), rows);
    });
});

const server = testPostgres('test/sql/engines', 0);

describe.runIf(typeof server !== 'string')('the scoring query on a real PostgreSQL server equals srp score', () => {
  const pg = server as Exclude<typeof server, string>;
  for (const c of cases)
    it(c.name, () => {
      const file = c.file();
      pg.load(file);
      const out = pg.csv(query('postgres', 'export', file, argsOf(c.args)));
      const [head, ...lines] = out.trim().split('\n');
      const names = head.split(',');
      const rows = lines.map((l) => {
        const cells = l.split(',');
        const r = Object.fromEntries(names.map((n, i) => [n, cells[i]]));
        return { case_id: r.case_id, probability: Number(r.probability), range_low: Number(r.range_low), range_high: Number(r.range_high), verdict: r.verdict };
      });
      expectSame(ownScores(file, argsOf(c.args)), rows);
    });
});

describe('srp sql', () => {
  it('writes Spark SQL with its own quoting and functions, and nothing of the other dialects', () => {
    const sql = query('spark', 'tickets', `${root}data/sample-incidents.csv`);
    expect(sql).toContain('`priority`');
    expect(sql).toContain('RLIKE');
    expect(sql).toContain('explode(sequence(0, 99))');
    expect(sql).not.toMatch(/regexp_full_match|MATERIALIZED| ~ '/);
  });
  it("writes the report query in each dialect's own date functions", () => {
    const report = (dialect: string) =>
      JSON.parse(srp(['sql', '--format', 'json', '--dialect', dialect, '--by', 'team', '--period', 'week', `${root}data/sample-incidents.csv`]).stdout)
        .report as string;
    expect(report('spark')).toMatch(/weekofyear\(timestamp_millis/);
    expect(report('postgres')).toContain(`'IYYY-"W"IW'`);
    expect(report('duckdb')).toContain(`'%G-W%V'`);
    const text = srp(['sql', '--query', 'report', '--by', 'team', `${root}data/sample-incidents.csv`]);
    expect(text.stdout).toMatch(/^-- srp duckdb: the report's aggregates as sums over export\n/);
    expect(srp(['sql', '--query', 'report', '--by', 'nosuch', `${root}data/sample-incidents.csv`])).toMatchObject({
      code: 3,
      stderr: expect.stringMatching(/--by column 'nosuch' is not in the header/),
    });
  });
  it('refuses dates srp reads and the query would not, also where only an expression reads them; not cells that are no date at all (exit 2)', () => {
    const d = tempDir();
    const file = (name: string, text: string) => (writeFileSync(join(d, name), text), join(d, name));
    const junk = file('junk.csv', 'case_id,severity,date,post_satisfaction\nA,0.5,2024-01-05,3\nB,0.2,soon,4\nC,0.3,2024-02-30 10:00,5\n');
    expect(srp(['sql', junk]).code).toBe(0);
    const dayFirst = file('day-first.csv', 'id,t_start,t_end,csat\nA,2024-01-05 10:00,2024-01-05 12:00,3\nB,2024-01-05 10:00,05/01/2024 22:00,4\n');
    const mapping = file('m.json', JSON.stringify({ columns: { case_id: 'id', response_hours: { expr: 'hours(t_start, t_end)' }, post_satisfaction: { column: 'csat', scale: [1, 5] } } }));
    const r = srp(['sql', '--map', mapping, dayFirst]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not ISO 8601 \('05\/01\/2024 22:00' in t_end\)/);
    // A column an expression reads only as text (is_missing) may hold dates in any layout.
    const note = file('note.csv', 'id,note,post\nA,3 May 2024,3\nB,,4\nC,ok,2\n');
    const noteMap = file('note.json', JSON.stringify({ columns: { case_id: 'id', post_satisfaction: { column: 'post', scale: [1, 5] }, stability: { expr: 'if(is_missing(note), 0, 1)' } } }));
    expect(srp(['sql', '--map', noteMap, note]).code).toBe(0);
  });
  it('sets PostgreSQL\'s JIT compiler off before the query, and nothing before it for the other dialects', () => {
    const first = (dialect: string) => query(dialect, 'export', `${root}data/sample-incidents.csv`).split('\n').find((l) => !l.startsWith('--'));
    expect(first('postgres')).toMatch(/^SET jit = off;/);
    expect(first('duckdb')).toMatch(/^WITH /);
    expect(first('spark')).toMatch(/^WITH /);
  });
  it('refuses an unknown dialect (exit 2)', () => {
    expect(srp(['sql', '--dialect', 'oracle']).code).toBe(2);
  });
  it('refuses, naming the expression, what SQL cannot type as srp reads it (exit 2)', () => {
    const d = tempDir();
    writeFileSync(join(d, 'm.json'), JSON.stringify({ columns: { severity: { expr: "if(a == 'x', 1, 'high')" } } }));
    const r = srp(['sql', '--map', join(d, 'm.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/if\(a == 'x', 1, 'high'\) mixes number and text/);
  });
});
