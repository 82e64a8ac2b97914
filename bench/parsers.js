#!/usr/bin/env node
/**
 * Why srp reads CSV with its own reader: the parsers side by side on the benchmark's 1,000,000-row
 * file, parse only (rows counted, nothing mapped), in this process, best of RUNS.
 * Usage: node bench/parsers.js [RUNS]   (after bench/make-data.js)
 */
import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse';
import Papa from 'papaparse';
import { CsvReader } from '../dist/io/csv.js';

const file = fileURLToPath(new URL('./out/canonical-1m.csv', import.meta.url));
const runs = Number(process.argv[2] ?? 3);

const stream = () => createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 16 });
const viaCsvParse = (options) => () =>
  new Promise((resolve, reject) => {
    let n = 0;
    stream().pipe(parse(options)).on('data', () => n++).on('end', () => resolve(n)).on('error', reject);
  });
const parsers = {
  'csv-parse (array rows)': viaCsvParse({}),
  'csv-parse (array rows, info: line numbers)': viaCsvParse({ info: true }),
  'csv-parse (columns: true)': viaCsvParse({ columns: true }),
  'papaparse (streaming)': () =>
    new Promise((resolve) => {
      let n = 0;
      Papa.parse(stream(), { step: () => n++, complete: () => resolve(n) });
    }),
  'srp CsvReader (start line of every record)': async () => {
    let n = 0;
    const reader = new CsvReader(',');
    const sink = { record: () => n++, broken: () => {}, blank: () => {} };
    for await (const chunk of stream()) reader.push(chunk, sink);
    reader.end(sink);
    return n;
  },
};

console.log('| parser | rows | best of ' + runs + ' (s) |\n|---|---:|---:|');
for (const [name, run] of Object.entries(parsers)) {
  let best = Infinity;
  let rows = 0;
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    rows = await run();
    best = Math.min(best, Number(process.hrtime.bigint() - t) / 1e9);
  }
  console.log(`| ${name} | ${rows} | ${best.toFixed(3)} |`);
}
