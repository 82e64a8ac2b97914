/**
 * Polars' own query as a peer of `srp report` (SPEC §8): `readCSV` plus the aggregate pandas
 * computes (bench/pandas_report.py), node start included. Polars is not a dependency of srp:
 * `npm install --no-save nodejs-polars` before `npm run bench` to include it.
 * Usage: node bench/polars_report.mjs FILE
 */
import pl from 'nodejs-polars';

const d = pl.readCSV(process.argv[2]);
const delta = d.getColumn('post_satisfaction').cast(pl.Float64).sub(d.getColumn('pre_satisfaction').cast(pl.Float64));
console.log(d.height, delta.mean(), delta.gt(0).cast(pl.Float64).mean());
