/**
 * `--engine duckdb` for a clean file (SPEC §8, §9): where every record is plain — each number a plain
 * number in its range, the id plain, as the own engine's fast path reads them (io/plain-record.ts) —
 * DuckDB reads the numbers as doubles into a temporary table with every core, and srp takes them as
 * typed arrays into column batches, with no object per case and no reader expression per cell.
 * A file with any other record (a word, a marker, an empty cell, a blank or refused line) is read
 * by the general SQL reader instead (engine/duckdb.ts), which accounts for every row as srp does.
 */
import type { DuckDBConnection, DuckDBDoubleVector, DuckDBVarCharVector } from '@duckdb/node-api';
import { CaseColumns, COLUMNS } from '../io/case-columns.js';
import { plainFields, type NumberField } from '../io/plain-record.js';
import type { FilePlan } from '../io/plan.js';
import { FieldsRow, isRejection, segmentOf, toCase } from '../io/record.js';
import { SCALES, type ScaleTally } from '../io/scale.js';
import { dialects, duckdbCastsOtherwise, literal, numberLiteral } from '../sql/dialect.js';
import { scaleTallySql } from '../sql/score.js';

const d = dialects.duckdb;

/** A clean file's numbers in a temporary table, in input order: `n{k}` per number field, then the id and the segment as written. */
export interface PlainTable {
  name: string;
  rows: number;
  numbers: NumberField[];
  id: boolean;
  segment: boolean;
  /** The missing markers, for the segment (a marker is the '(missing)' segment). */
  missing: ReadonlySet<string>;
}

/**
 * Reads `source` (a query of text columns c0, c1, …) into a temporary table of plain numbers, as
 * `plan` reads them; null (and no table) where some record is not plain, or one of the `sample`
 * records (the first, as the plan was made from) is not a case with every number.
 */
export async function plainTable(
  conn: DuckDBConnection,
  name: string,
  source: string,
  plan: FilePlan,
  delimiter: string,
  decimal: string,
  sample: string[][] = [],
): Promise<PlainTable | null> {
  const fields = decimal === '.' ? plainFields(plan, delimiter, false) : null;
  if (!fields) return null;
  const { numbers, id } = fields;
  // A file whose first records are not all cases with every number is not tried: its scan would be wasted.
  const row = new FieldsRow();
  for (const cells of sample) {
    const c = row.set(cells).blank() ? null : toCase(row, 0, '', plan);
    if (!c || isRejection(c) || numbers.some((f) => c[f.column] === null)) return null;
  }
  const markers = [...plan.missing].map(literal);
  // As the fast path: not empty, printable ASCII at both ends (nothing to trim), not a missing marker.
  const printable = (c: string) => `${c} BETWEEN 33 AND 126`;
  const plainId = `COALESCE(${printable('ascii(srp_id)')} AND ${printable('ascii(right(srp_id, 1))')}${markers.length ? ` AND NOT ${d.oneOf('srp_id', markers)}` : ''}, FALSE)`;
  // A number as the reader's SQL reads it (the dialect's plainNumber, cast once; DuckDB's cast allows
  // the ASCII spaces srp trims, and no other): a row is clean where each is finite.
  const clean = `COALESCE(${[...numbers.map((_, k) => `isfinite(n${k})`), ...(id >= 0 ? [plainId] : [])].join(' AND ')}, FALSE)`;
  const cells = [
    ...numbers.map((f, k) => `CASE WHEN NOT ${duckdbCastsOtherwise(`c${f.index}`)} THEN TRY_CAST(c${f.index} AS DOUBLE) END AS n${k}`),
    ...(id >= 0 ? [`c${id} AS srp_id`] : []),
    ...(plan.segment >= 0 ? [`c${plan.segment} AS srp_segment`] : []),
  ];
  // (Checked over the table once made: a scan of its typed columns costs less than the same check made while reading.)
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${name} AS SELECT ${cells.join(', ')} FROM ${source}`);
  const [rows, unclean] = (await conn.runAndReadAll(`SELECT count(*), count_if(NOT ${clean}) FROM ${name}`)).getRowsJS()[0].map(Number);
  if (rows === 0 || unclean > 0) return dropTable(conn, name);
  return { name, rows, numbers, id: id >= 0, segment: plan.segment >= 0, missing: plan.missing };
}

/** The satisfaction values' tally, where the file has satisfaction columns (every value is a number here). */
export async function plainTally(conn: DuckDBConnection, t: PlainTable): Promise<ScaleTally | null> {
  const values = t.numbers.flatMap((f, k) => (f.column === 'pre' || f.column === 'post' ? [`SELECT n${k} AS v, 0 AS w FROM ${t.name}`] : []));
  return values.length ? scaleTally(conn, scaleTallySql(values.join(' UNION ALL '))) : null;
}

/**
 * The table read with the plan settled on the whole file's satisfaction scale: null (and the table
 * dropped) where that plan is not plain (binary satisfaction) or a value is outside its range.
 */
export async function settlePlain(conn: DuckDBConnection, t: PlainTable, plan: FilePlan, delimiter: string): Promise<PlainTable | null> {
  const fields = plainFields(plan, delimiter, false);
  if (!fields || fields.numbers.length !== t.numbers.length || fields.numbers.some((f, k) => f.index !== t.numbers[k].index)) return dropTable(conn, t.name);
  const inRange = fields.numbers.map((f, k) => {
    const v = `n${k}`;
    return [`${v} >= ${numberLiteral(f.lo)}`, ...(Number.isFinite(f.hi) ? [`${v} <= ${numberLiteral(f.hi)}`] : []), ...(f.whole ? [`${v} = floor(${v})`] : [])].join(' AND ');
  });
  const [outside] = (await conn.runAndReadAll(`SELECT count_if(NOT (${inRange.join(' AND ')})) FROM ${t.name}`)).getRowsJS()[0].map(Number);
  return outside > 0 ? dropTable(conn, t.name) : { ...t, numbers: fields.numbers };
}

/**
 * The table's rows as column batches of about `size` cases (each case's value as the fast path
 * puts it: a factor onto [0,1] through its range); `lines[r]` is row r's line. The table stays for
 * the command's next reading of the file.
 */
export async function* plainBatches(conn: DuckDBConnection, t: PlainTable, file: string, top: number, lines: Int32Array, size: number): AsyncGenerator<CaseColumns> {
  const { numbers } = t;
  const selected = [...numbers.map((_, k) => `n${k}`), ...(t.id ? ['srp_id'] : []), ...(t.segment ? ['srp_segment'] : [])];
  const result = await conn.stream(`SELECT ${selected.join(', ')} FROM ${t.name} ORDER BY rowid`);
  const { missing } = t;
  const pool: CaseColumns[] = [];
  const fresh = () => pool.pop() ?? new CaseColumns(file, t.id, t.segment, top, pool, size);
  let out = fresh();
  let row = 0;
  for (;;) {
    const chunk = await result.fetchChunk();
    const count = chunk?.rowCount ?? 0;
    if (!chunk || count === 0) break;
    const ids = t.id ? (chunk.getColumnVector(numbers.length) as DuckDBVarCharVector) : null;
    const segments = t.segment ? (chunk.getColumnVector(numbers.length + (t.id ? 1 : 0)) as DuckDBVarCharVector) : null;
    const first = out.length;
    for (let i = 0; i < count; i++) out.add(lines[row + i], ids ? ids.getItem(i) : null, segments ? segmentOf(segments.getItem(i) ?? '', missing) : null);
    numbers.forEach((f, k) => {
      const into = out.values[COLUMNS.indexOf(f.column)];
      const from = doubles(chunk.getColumnVector(k) as DuckDBDoubleVector, count);
      const span = f.hi - f.lo;
      for (let i = 0; i < count; i++) into[first + i] = f.scaled ? (from[i] - f.lo) / span : from[i];
    });
    row += count;
    if (out.length >= size) {
      yield out;
      out = fresh();
    }
  }
  if (out.length) yield out;
}

/** Row r of a file read one record a line, under its header: line r + 2. */
export function linesAfterHeader(rows: number): Int32Array {
  const lines = new Int32Array(rows);
  for (let r = 0; r < rows; r++) lines[r] = r + 2;
  return lines;
}

/**
 * A DOUBLE vector's values (a clean row's numbers are never NULL): its typed array where the
 * installed @duckdb/node-api keeps one (`items`, not in its typings), else read item by item.
 */
function doubles(vector: DuckDBDoubleVector, count: number): Float64Array {
  const { items } = vector as unknown as { items?: unknown };
  return items instanceof Float64Array && items.length === count ? items : Float64Array.from({ length: count }, (_, i) => vector.getItem(i)!);
}

/** Drops a table srp made; null, for the reading that gives up on it. */
export async function dropTable(conn: DuckDBConnection, name: string): Promise<null> {
  await conn.run(`DROP TABLE IF EXISTS ${name}`);
  return null;
}

/** A tally query's one row, as io/scale.ts counts it. */
export async function scaleTally(conn: DuckDBConnection, sql: string): Promise<ScaleTally> {
  const [r] = (await conn.runAndReadAll(sql)).getRowObjectsJS();
  const num = (v: unknown) => Number(v ?? 0);
  return {
    numbers: num(r.numbers),
    words: num(r.words),
    min: r.mn === null ? Infinity : num(r.mn),
    max: r.mx === null ? -Infinity : num(r.mx),
    zeroOne: r.zero_one !== false,
    above: SCALES.map((_, k) => num(r[`a${k}`])),
    below: SCALES.map((_, k) => num(r[`b${k}`])),
  };
}
