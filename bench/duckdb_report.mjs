/**
 * DuckDB's own query as a peer of `srp report` (SPEC §8): `read_csv` plus the aggregate pandas
 * computes (bench/pandas_report.py), in embedded DuckDB with every core, node start included.
 * Usage: node bench/duckdb_report.mjs FILE
 */
import { DuckDBInstance } from '@duckdb/node-api';

const file = process.argv[2].replace(/'/g, "''");
const db = await (await DuckDBInstance.create(':memory:')).connect();
const delta = 'TRY_CAST(post_satisfaction AS DOUBLE) - TRY_CAST(pre_satisfaction AS DOUBLE)';
const r = await db.runAndReadAll(
  `SELECT count(*), avg(${delta}), avg(CASE WHEN ${delta} > 0 THEN 1.0 WHEN ${delta} IS NOT NULL THEN 0.0 END) FROM read_csv('${file}')`,
);
console.log(r.getRowsJS()[0].join(' '));
