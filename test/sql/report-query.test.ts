/**
 * The report query (srp sql --query report) against srp report: the sums it returns, finished as a
 * reader would (means are sums over counts, rates paradox over observed, variances from the sums of
 * squares, Welch's t from both sides), give the report's numbers to 1e-9 — on embedded DuckDB and on
 * a real PostgreSQL server (skipped, saying so, where it cannot run).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture, root, srp, tempDir } from '../helpers.js';
import { baselineGroups, HELP_DESK_MAPPING, helpDeskExport } from './help-desk.js';
import { testPostgres } from './postgres.js';

type Row = Record<string, number | string | null>;

const close = (a: number | null, b: number | null, what: string) => {
  if (a === null || b === null) return void expect(b, what).toBe(a);
  expect(Math.abs(a - b), `${what}: ${a} vs ${b}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(a)));
};

/** A group's numbers as srp report shows them, from the query's sums. */
function finishGroup(r: Row) {
  const n = (k: string) => Number(r[k] ?? 0);
  return {
    n: n('n'),
    mean_probability: n('n') ? n('probability') / n('n') : null,
    likely: n('likely'),
    undetermined: n('undetermined'),
    observed_n: n('observed'),
    observed_rate: n('observed') ? n('paradox') / n('observed') : null,
    mean_satisfaction: n('post_n') ? n('post_sum') / n('post_n') : null,
  };
}

function expectGroup(own: any, r: Row, what: string) {
  const g = finishGroup(r);
  for (const k of ['n', 'likely', 'undetermined', 'observed_n'] as const) expect(g[k], `${what} ${k}`).toBe(own[k]);
  for (const k of ['mean_probability', 'observed_rate', 'mean_satisfaction'] as const) close(own[k], g[k], `${what} ${k}`);
}

/** Welch's t of the failure side against the control side, from n, sum and sum of squares. */
function welch(r: Row, control: Row) {
  const side = (x: Row, p: string) => {
    const n = Number(x[`${p}_n`]);
    const mean = Number(x[`${p}_sum`]) / n;
    return { n, mean, v: (Number(x[`${p}_sumsq`]) - n * mean * mean) / (n - 1) };
  };
  const f = side(r, 'failure');
  const c = side(control, 'control');
  const se2 = f.v / f.n + c.v / c.n;
  return {
    difference: f.mean - c.mean,
    statistic: (f.mean - c.mean) / Math.sqrt(se2),
    df: se2 ** 2 / ((f.v / f.n) ** 2 / (f.n - 1) + (c.v / c.n) ** 2 / (c.n - 1)),
  };
}

/** `auc`: where the engine's own scores give another AUC than srp's (near-ties 1e-16 apart ordered the other way), the AUC of its scores. */
function expectReport(rows: Row[], own: any, auc = own.calibration.auc) {
  const find = (section: string, key: string | null) => rows.find((r) => r.section === section && (r.key ?? null) === key)!;
  const all = find('all', null);
  const n = own.distribution.reduce((s: number, b: any) => s + b.n, 0);
  expectGroup(
    { ...own.predicted, n, observed_n: own.observed.n, observed_rate: own.observed.rate, mean_satisfaction: finishGroup(all).mean_satisfaction },
    all,
    'all',
  );
  expect(Number(all.paradox)).toBe(own.observed.paradox);
  expect(Number(all.restored)).toBe(own.observed.restored);
  for (const c of own.conditions) expectGroup(c, find('condition', `${c.factor}:${c.level}`), `${c.factor} ${c.level}`);
  expect(rows.filter((r) => r.section === 'condition')).toHaveLength(own.conditions.length);
  for (const s of own.segments) expectGroup(s, find('segment', s.segment), `segment ${s.segment}`);
  expect(rows.filter((r) => r.section === 'segment')).toHaveLength(own.segments.length);
  for (const p of own.periods) expectGroup(p, find('period', p.period), `period ${p.period}`);
  expect(rows.filter((r) => r.section === 'period')).toHaveLength(own.periods.length);
  // Calibration: the bins, Brier and the AUC.
  own.calibration.table.forEach((b: any, i: number) => {
    const r = find('calibration', String(i));
    expect(r ? Number(r.n) : 0, `bin ${i}`).toBe(b.n);
    if (r) {
      close(b.predicted, Number(r.probability) / Number(r.n), `bin ${i} predicted`);
      close(b.observed, Number(r.paradox) / Number(r.n), `bin ${i} observed`);
    }
  });
  close(own.calibration.brier, all.observed ? Number(all.brier) / Number(all.observed) : null, 'brier');
  const u = find('auc', null);
  close(auc, Number(u.auc_pos) && Number(u.auc_neg) ? Number(u.auc_u) / (Number(u.auc_pos) * Number(u.auc_neg)) : null, 'auc');
  expect(Math.abs(auc - own.calibration.auc)).toBeLessThan(2 / (Number(u.auc_pos) * Number(u.auc_neg)));
  if (own.design === 'between') {
    const w = welch(all, all);
    close(own.comparison.failure.mean, Number(all.failure_sum) / Number(all.failure_n), 'failure mean');
    close(own.comparison.control.mean, Number(all.control_sum) / Number(all.control_n), 'control mean');
    for (const k of ['difference', 'statistic', 'df'] as const) close(own.comparison[k], w[k], `comparison ${k}`);
  }
}

let dir = '';
beforeAll(() => {
  dir = tempDir();
  writeFileSync(join(dir, 'help-desk.csv'), helpDeskExport(3000, 5));
  writeFileSync(join(dir, 'help-desk.json'), JSON.stringify(HELP_DESK_MAPPING));
  writeFileSync(join(dir, 'baseline-groups.csv'), baselineGroups(600));
  const teams = ['A', '?', 'N/A', '', ' B ', '-'];
  writeFileSync(join(dir, 'teams.csv'), ['case_id,team,severity,pre_satisfaction,post_satisfaction', ...Array.from({ length: 300 }, (_, i) => `t${i},${teams[i % 6]},${(i % 10) / 10},${1 + (i % 5)},${1 + ((i * 3) % 5)}`)].join('\n') + '\n');
});

const cases: { name: string; file: () => string; args: () => string[] }[] = [
  { name: 'the bundled sample, by channel and week', file: () => `${root}data/sample-incidents.csv`, args: () => ['--by', 'channel', '--period', 'week'] },
  { name: 'the bundled sample, by team and month', file: () => `${root}data/sample-incidents.csv`, args: () => ['--by', 'team', '--period', 'month'] },
  {
    name: 'a help-desk export with a mapping and history',
    file: () => join(dir, 'help-desk.csv'),
    args: () => ['--map', join(dir, 'help-desk.json'), '--period', 'week'],
  },
  { name: 'a between design: the comparison from the sums', file: () => fixture('r/between-levels.csv'), args: () => [] },
  { name: 'segments written as missing markers: one (missing) segment', file: () => join(dir, 'teams.csv'), args: () => ['--by', 'team'] },
  { name: 'a stated baseline beside groups: the failure side only', file: () => join(dir, 'baseline-groups.csv'), args: () => ['--baseline', '60'] },
];

const reportQueryFor = (dialect: string, table: string, c: (typeof cases)[number]) => {
  const r = srp(['sql', '--format', 'json', '--dialect', dialect, '--table', table, ...c.args(), c.file()]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout).report as string;
};
const ownReport = (c: (typeof cases)[number]) => JSON.parse(srp(['report', '--format', 'json', ...c.args(), c.file()]).stdout);

describe('the report query on embedded DuckDB gives srp report its numbers', () => {
  for (const c of cases)
    it(c.name, async () => {
      const { DuckDBInstance } = await import('@duckdb/node-api');
      const instance = await DuckDBInstance.create(':memory:');
      const db = await instance.connect();
      const sql = reportQueryFor('duckdb', `read_csv('${c.file()}', all_varchar = true, header = true)`, c);
      const rows = (await db.runAndReadAll(sql))
        .getRowObjectsJS()
        .map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : (v as any)])));
      db.closeSync();
      instance.closeSync();
      expectReport(rows as Row[], ownReport(c));
    });
});

/** The AUC of an engine's own per-case scores (the scoring query's probability and observed outcome). */
function aucOfScores(csv: string): number {
  const [head, ...lines] = csv.trim().split('\n');
  const names = head.split(',');
  const [p, o] = [names.indexOf('probability'), names.indexOf('observed')];
  const scored = lines.map((l) => l.split(',')).filter((c) => c[o] !== '');
  const pos = scored.filter((c) => c[o] === 'paradox').map((c) => Number(c[p]));
  const neg = scored.filter((c) => c[o] !== 'paradox').map((c) => Number(c[p]));
  let u = 0;
  for (const a of pos) for (const b of neg) u += a > b ? 1 : a === b ? 0.5 : 0;
  return u / (pos.length * neg.length);
}

const server = testPostgres('test/sql/report-query', 1);

describe.runIf(typeof server !== 'string')('the report query on a real PostgreSQL server gives srp report its numbers', () => {
  const pg = server as Exclude<typeof server, string>;
  for (const c of cases)
    it(c.name, () => {
      const file = c.file();
      pg.load(file);
      const out = pg.csv(reportQueryFor('postgres', 'export', c));
      const scores = pg.csv(JSON.parse(srp(['sql', '--format', 'json', '--dialect', 'postgres', '--table', 'export', ...c.args(), file]).stdout).score);
      const [head, ...lines] = out.trim().split('\n');
      const names = head.split(',');
      const rows = lines.map((l) => Object.fromEntries(l.split(',').map((cell, i) => [names[i], cell === '' ? null : i < 2 ? cell : Number(cell)])));
      // PostgreSQL's exp() and sums order near-ties (1e-16 apart) otherwise than srp now and then: its AUC is its scores' AUC.
      expectReport(rows as Row[], ownReport(c), aucOfScores(scores));
    });
});
