/**
 * What any report through DuckDB must at least do, as a floor beside DuckDB's own query
 * (duckdb_report.mjs, which reads two columns): `read_csv` of the file with the column types given
 * (no sniffing), every column the report needs cast to a number, and the default model's
 * probability per case, averaged. No checks, no accounting, no report: a bound, not a peer.
 * Usage: node bench/duckdb_columns.mjs FILE (a canonical file, as bench/make-data.js writes it)
 */
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const file = process.argv[2].replace(/'/g, "''");
const model = JSON.parse(readFileSync(new URL('../data/models/default.json', import.meta.url), 'utf8'));
const b = Object.fromEntries(Object.entries(model.coefficients).map(([k, v]) => [k, v.value]));
const header = readFileSync(process.argv[2], 'latin1').slice(0, 4096).split(/\r?\n/)[0].split(',');
const types = header.map((h) => `'${h}': '${['case_id', 'team'].includes(h) ? 'VARCHAR' : 'DOUBLE'}'`).join(', ');
const eta = `${model.intercept.value} + ${b.severity} * severity + ${b.prior_failures} * least(prior_failures, 2) / 2 + ${b.controllability} * controllability + ${b.stability} * stability + ${b.recovery_quality} * recovery_quality`;
const db = await (await DuckDBInstance.create(':memory:')).connect();
const r = await db.runAndReadAll(
  `SELECT count(*), avg(1 / (1 + exp(-(${eta})))), avg(post_satisfaction - pre_satisfaction) FROM read_csv('${file}', header = true, auto_detect = false, columns = {${types}})`,
);
console.log(r.getRowsJS()[0].join(' '));
