#!/usr/bin/env node
/**
 * The speed benchmark (SPEC §8), run on demand: `npm run bench` (or `node bench/run.js [RUNS]`).
 * Makes the seeded inputs if missing (bench/make-data.js), then times, interleaved round-robin so
 * that machine noise falls on every tool alike:
 *   srp report over 1,000,000 canonical rows, by the own engine and by --engine duckdb
 *     vs pandas read_csv + the same aggregate, Miller, DuckDB's and Polars' own queries, and
 *     DuckDB reading every column the report needs with the model's probability (a floor for
 *     any report through DuckDB: bench/duckdb_columns.mjs)
 *   srp report over a messy 100,000-row European export (pandas given sep, decimal, encoding)
 *   srp score --format ndjson over 1,000,000 rows (peak memory)
 *   srp --version vs node -e 0 (start-up)
 * and prints medians (wall and CPU seconds), the spread, ratios to each peer and peak memory (GNU
 * time, where installed). Polars is not a dependency: `npm install --no-save nodejs-polars` adds it.
 */
import { spawnSync, execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = `${here}..`;
const out = `${here}out`;
const runs = Number(process.argv[2] ?? 7);
const canonical = `${out}/canonical-1m.csv`;
const european = `${out}/european-100k.csv`;
if (!existsSync(canonical) || !existsSync(european)) execFileSync(process.execPath, [`${here}make-data.js`, out], { stdio: 'inherit' });

const has = (cmd, args) => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
const python = ['python3', '/usr/bin/python3'].find((p) => has(p, ['-c', 'import pandas']));
const mlr = has('mlr', ['--version']) ? 'mlr' : null;
const gnuTime = has('/usr/bin/time', ['-f', '%M', 'true']) ? '/usr/bin/time' : null;
const duckdb = has(process.execPath, ['-e', "import('@duckdb/node-api')"]);
const polars = has(process.execPath, ['-e', "import('nodejs-polars')"]);
const srp = [process.execPath, `${root}/bin/srp.js`];

const tasks = [
  { name: 'srp report, 1M rows', group: 'report', cmd: [...srp, 'report', '--format', 'json', canonical] },
  python && { name: 'pandas read_csv + aggregate, 1M rows', group: 'report', peer: true, cmd: [python, `${here}pandas_report.py`, canonical] },
  duckdb && { name: 'srp report --engine duckdb, 1M rows', group: 'report', cmd: [...srp, 'report', '--engine', 'duckdb', '--format', 'json', canonical] },
  duckdb && { name: 'DuckDB read_csv + aggregate, 1M rows', group: 'report', peer: true, cmd: [process.execPath, `${here}duckdb_report.mjs`, canonical] },
  // Not a peer's query but a floor for any report through DuckDB: every column the report needs, cast, and the model.
  duckdb && { name: "DuckDB read_csv of the report's columns + the model, 1M rows", short: 'the DuckDB floor', group: 'report', peer: true, cmd: [process.execPath, `${here}duckdb_columns.mjs`, canonical] },
  polars && { name: 'Polars readCSV + aggregate, 1M rows', group: 'report', peer: true, cmd: [process.execPath, `${here}polars_report.mjs`, canonical] },
  mlr && { name: 'Miller stats1, 1M rows', group: 'report', peer: true, cmd: [mlr, '--icsv', '--ojson', 'stats1', '-a', 'mean,count', '-f', 'pre_satisfaction,post_satisfaction', canonical] },
  { name: 'srp report, messy European 100k rows', group: 'european', cmd: [...srp, 'report', '--format', 'json', european] },
  python && { name: 'pandas (sep, decimal, latin1), 100k rows', group: 'european', peer: true, cmd: [python, `${here}pandas_report.py`, european, 'european'] },
  { name: 'srp score --format ndjson, 1M rows', group: 'score', cmd: [...srp, 'score', '--format', 'ndjson', canonical] },
  { name: 'srp --version', group: 'startup', cmd: [...srp, '--version'], repeat: 3 },
  { name: 'node -e 0', group: 'startup', peer: true, cmd: [process.execPath, '-e', '0'], repeat: 3 },
].filter(Boolean);

function once(cmd) {
  const full = gnuTime ? [gnuTime, '-f', '%M %U %S', ...cmd] : cmd;
  const start = process.hrtime.bigint();
  const r = spawnSync(full[0], full.slice(1), { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status !== 0) throw new Error(`${cmd.join(' ')} failed: ${r.stderr}`);
  const [kb, user, system] = gnuTime ? r.stderr.toString().trim().split('\n').pop().split(' ').map(Number) : [NaN, NaN, NaN];
  return { seconds, mb: kb / 1024, cpu: user + system };
}

const results = new Map(tasks.map((t) => [t, []]));
for (let i = 0; i < runs; i++) {
  for (const t of tasks) for (let k = 0; k < (t.repeat ?? 1); k++) results.get(t).push(once(t.cmd));
  process.stderr.write(`run ${i + 1}/${runs} done\n`);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const rows = tasks.map((t) => {
  const r = results.get(t);
  const wall = r.map((x) => x.seconds);
  return { t, median: median(wall), min: Math.min(...wall), max: Math.max(...wall), cpu: median(r.map((x) => x.cpu)), peak: Math.max(...r.map((x) => x.mb)) };
});
console.log(`Machine: ${cpus().length} × ${cpus()[0].model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; ${runs} runs each, interleaved`);
console.log('');
console.log('| task | median s | min–max s | CPU s (median) | peak MB | ratio of medians to peer (wall; CPU) |');
console.log('|---|---:|---:|---:|---:|---|');
for (const r of rows) {
  const peers = rows.filter((p) => p.t.peer && p.t.group === r.t.group && p !== r);
  const ratio = r.t.peer ? '' : peers.map((p) => `${(r.median / p.median).toFixed(2)} × ${p.t.short ?? p.t.name.split(' ')[0]} (CPU ${(r.cpu / p.cpu).toFixed(2)})`).join(', ');
  const na = (x, digits) => (Number.isNaN(x) ? 'n/a' : x.toFixed(digits));
  console.log(`| ${r.t.name} | ${r.median.toFixed(3)} | ${r.min.toFixed(2)}–${r.max.toFixed(2)} | ${na(r.cpu, 2)} | ${na(r.peak, 0)} | ${ratio} |`);
}
if (!python) console.log('\npandas not found (Debian: apt-get install python3-pandas)');
if (!mlr) console.log('Miller not found (Debian: apt-get install miller)');
if (!duckdb) console.log('@duckdb/node-api not installed (an optional dependency of srp): no DuckDB rows');
if (!polars) console.log('Polars not found (npm install --no-save nodejs-polars)');
