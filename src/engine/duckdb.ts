/**
 * `--engine duckdb` (SPEC §9): embedded DuckDB reads the file (a CSV with every core, Parquet, a
 * DuckDB database's table) and runs srp's reader written in SQL (sql/score.ts `readerSql`) over it;
 * srp makes the cases from its rows, and everything after (history, the design, the predictions, the
 * statistics) is srp's own, so the documents are the own engine's. A row the SQL finds a problem in,
 * or that DuckDB's CSV reader refuses, is read by srp's own record reader (io/record.ts): rejections
 * say exactly what srp says, at the line srp names. `@duckdb/node-api` is an optional dependency,
 * loaded only here.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import type { Rejection } from '../case.js';
import { inputError, SrpError, usageError } from '../errors.js';
import { CANONICAL, type Canonical, type Kind } from '../io/columns.js';
import { CsvReader, type ParseSink } from '../io/csv.js';
import { delimiterName } from '../io/delimiter.js';
import type { Encoding } from '../io/encoding.js';
import type { FilePlan } from '../io/plan.js';
import {
  addUnread,
  emptySummary,
  holdColumns,
  readPlan,
  startFile,
  type FileBatch,
  type FileReader,
  type FileStart,
  type ReadOptions,
  type ReadSummary,
} from '../io/read.js';
import { FieldsRow, isRejection, newCase, setField, toCase, segmentOf } from '../io/record.js';
import { countPolarity } from '../io/convert.js';
import { addTally, emptyTally, inferScale, sameScale, type Satisfaction, type ScaleTally } from '../io/scale.js';
import { openText, type Input } from '../io/source.js';
import { MISSING_MARKERS } from '../io/values.js';
import { dialects, literal } from '../sql/dialect.js';
import { RefusedError } from '../sql/refuse.js';
import { readerSql, type QueryInput } from '../sql/score.js';
import type { Model } from '../model/model.js';
import { dropTable, linesAfterHeader, plainBatches, plainTable, plainTally, scaleTally, settlePlain, type PlainTable } from './duckdb-plain.js';

type Connection = import('@duckdb/node-api').DuckDBConnection;

export interface DuckdbEngine {
  fileReader: FileReader;
  close(): void;
}

/** Opens embedded DuckDB (every core); a usage error where the optional dependency is not installed. */
export async function openDuckdb(model: Model): Promise<DuckdbEngine> {
  let api: typeof import('@duckdb/node-api');
  try {
    api = await import('@duckdb/node-api');
  } catch {
    throw usageError('bad_option', '--engine duckdb needs the optional package @duckdb/node-api: npm install @duckdb/node-api (or use the own engine)');
  }
  const instance = await api.DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  const prepared = new Map<string, Promise<Prepared>>();
  let made = 0;
  return {
    fileReader: (input, options, summary) => read(conn, model, prepared, () => made++, input, options, summary),
    close: () => {
      conn.closeSync();
      instance.closeSync();
    },
  };
}

/** What one file's first reading leaves for the next (a command reads its input up to three times). */
interface Prepared {
  start: FileStart;
  satisfaction: Satisfaction;
  tally: ScaleTally;
  query: string;
  columns: Canonical[];
  carry: number[];
  /** Per DuckDB row (srp_row − 1): the line its record starts on. */
  lines: Int32Array;
  /** Records DuckDB's CSV reader refused, as srp's reader reads them. */
  refused: { line: number; fields: string[] | null; broken: Rejection | null }[];
  blankLines: number;
  /** A clean file's numbers, read without the general reader (engine/duckdb-plain.ts); the query is then unused. */
  plain: PlainTable | null;
  /** The satisfaction scale was inferred from this file's values (not declared, nor settled over every input). */
  inferred: boolean;
}

async function* read(
  conn: Connection,
  model: Model,
  prepared: Map<string, Promise<Prepared>>,
  /** A number for the next file's tables. */
  next: () => number,
  input: Input,
  options: ReadOptions,
  summary: ReadSummary,
): AsyncGenerator<FileBatch> {
  const path = typeof input === 'string' ? input : 'path' in input ? input.path : null;
  if (path === null) throw usageError('bad_option', '--engine duckdb reads files, not standard input: give the file, or use the own engine');
  // DuckDB opens the file again after srp has looked at its start: a pipe would hang, a directory not read.
  const kind = statSync(path, { throwIfNoEntry: false });
  if (!kind) throw inputError('not_found', `${path}: cannot open (no such file)`);
  if (!kind.isFile() && !kind.isDirectory())
    throw inputError(
      'unreadable',
      `${path}: not a regular file (a pipe or device); --engine duckdb reads files, the own engine reads streams (leave out --engine)`,
    );
  // A reading with the scale settled over every input (read.ts: another file's values changed it) prepares the file again.
  const pinned = options.pinned?.satisfaction;
  const cached = prepared.get(path);
  const p = cached && (!pinned || sameScale(pinned, (await cached).satisfaction)) ? cached : prepare(conn, model, next(), path, options).catch(refused(path));
  prepared.set(path, p);
  const file = await p;
  const { start } = file;
  const info = {
    file: start.file,
    delimiter: start.delimiter.length === 1 ? delimiterName(start.delimiter) : start.delimiter,
    encoding: start.encoding,
    decimal: start.decimal,
    rows: 0,
    blank_lines: file.blankLines,
  };
  summary.files.push(info);
  const plan = startFile(start, { ...options, pinned: { ...options.pinned, satisfaction: file.satisfaction } }, summary, true);
  // An inferred scale is this file's: the reading settles it over every input, as the own engine does.
  summary.scales[summary.scales.length - 1].provisional = file.inferred;
  addTally(summary.tally, file.tally);
  // The scale is settled from every value already: nothing to read for it.
  if (options.scaleOnly) return;
  const hasId = plan.fields.some((f) => f.name === 'case_id');
  const batch = (): FileBatch => ({
    cases: [],
    rejections: [],
    derives: plan.derives,
    binary: file.satisfaction.binary,
    file: start.file,
    idsFromData: hasId,
    provisional: false,
  });

  if (file.plain) {
    for await (const columns of plainBatches(conn, file.plain, start.file, file.satisfaction.scale[1], file.lines, PLAIN_BATCH)) {
      info.rows += columns.length;
      summary.rows += columns.length;
      yield holdColumns(batch(), columns);
    }
    return addUnread(summary, plan, start.file);
  }

  // Records DuckDB refused: srp's own reading of each.
  let out = batch();
  let rows = 0;
  for (const r of file.refused) {
    if (r.broken) {
      rows++;
      out.rejections.push(r.broken);
      continue;
    }
    const row = new FieldsRow().set(r.fields!);
    if (row.blank()) continue;
    rows++;
    readByRecord(row, r.line);
  }

  const result = await conn.stream(file.query).catch(refused(path));
  const top = file.satisfaction.scale[1];
  const binaryFields = file.satisfaction.binary ? polarityFields(plan) : [];
  const width = start.header.length;
  for (;;) {
    const chunk = await result.fetchChunk();
    const count = chunk?.rowCount ?? 0;
    if (!chunk || count === 0) break;
    const col = (j: number) => chunk.getColumnVector(j);
    const srpRow = col(0);
    const problem = col(1);
    const repeatsHeader = col(2);
    const values = file.columns.map((_, j) => col(3 + j));
    const raws = file.carry.map((_, j) => col(3 + file.columns.length + j));
    for (let i = 0; i < count; i++) {
      const index = Number(srpRow.getItem(i)) - 1;
      const line = file.lines[index];
      rows++;
      if (problem.getItem(i) && repeatsHeader.getItem(i)) {
        out.rejections.push({
          file: start.file,
          line,
          column: '',
          value: '',
          code: 'repeated_header',
          reason: 'the header line again (files joined together?)',
        });
        continue;
      }
      if (problem.getItem(i)) {
        // srp's own reader says what the problem is (or that the cell is only missing).
        const fields = new Array<string>(width).fill('');
        file.carry.forEach((k, j) => (fields[k] = (raws[j].getItem(i) as string | null) ?? ''));
        readByRecord(new FieldsRow().set(fields), line);
        continue;
      }
      /** The cell of header column `k` as written (carried by the query). */
      const rawAt = (k: number) => (raws[file.carry.indexOf(k)].getItem(i) as string | null) ?? '';
      const c = newCase(start.file, line, plan.segment >= 0 ? segmentOf(rawAt(plan.segment), plan.missing) : null, plan.keep.length ? plan.keep.map(rawAt) : null);
      file.columns.forEach((name, j) => {
        const v = values[j].getItem(i) as number | string | null;
        if (v !== null) setField(c, name, v);
      });
      if (plan.order) c.order = plan.order.read(rawAt(plan.order.index)) as number | null;
      if (c.pre !== null || c.post !== null) c.top = top;
      // Binary satisfaction: the values read as satisfied and as not, as written (io/convert.ts).
      for (const f of binaryFields) {
        const v = f.name === 'pre_satisfaction' ? c.pre : c.post;
        if (v === 0 || v === 1) countPolarity(summary.polarity, rawAt(f.index).trim(), v);
      }
      out.cases.push(c);
    }
    if (out.cases.length + out.rejections.length >= 4096) {
      yield flush();
    }
  }
  yield flush();
  addUnread(summary, plan, start.file);

  /** A record read by srp's own record reader: a case, or its rejection. */
  function readByRecord(row: FieldsRow, line: number): void {
    const c = toCase(row, line, start.file, plan);
    if (isRejection(c)) out.rejections.push(c);
    else out.cases.push(c);
  }

  function flush(): FileBatch {
    const done = out;
    done.rejections.sort((a, b) => a.line - b.line);
    info.rows += rows;
    summary.rows += rows;
    rows = 0;
    out = batch();
    return done;
  }
}

type Settled = Pick<Prepared, 'satisfaction' | 'inferred'>;

/** Cases per column batch of a clean file. */
const PLAIN_BATCH = 8192;

/** Columns whose values are text (the rest are numbers: factors, counts, hours, satisfaction, dates in ms). */
const TEXT_KINDS = new Set<Kind>(['id', 'text', 'group']);

/** DuckDB's name for a text encoding srp read the file in; null where DuckDB would read it differently. */
const DUCKDB_ENCODING: Partial<Record<Encoding, string>> = { 'utf-8': 'utf-8', 'utf-16le': 'utf-16', 'windows-1252': 'latin-1' };

async function prepare(conn: Connection, model: Model, n: number, path: string, options: ReadOptions): Promise<Prepared> {
  const kind = formatOf(path);
  // DuckDB reads `*`, `?`, `[…]` and `{…}` in a path as a pattern: such a file is read through a link with a plain name.
  const source = /[*?[\]{}]/.test(path) ? linked(path) : path;
  let start: FileStart;
  let table: string;
  let lines: Layout | null = null;
  if (kind === 'csv') {
    const info = await readPlan(path, options);
    start = { file: info.file, header: info.header, delimiter: info.delimiter, decimal: info.decimal, encoding: info.encoding, sample: info.sample };
    const encoding = DUCKDB_ENCODING[info.encoding];
    lines = await layout(path, info.delimiter, info.encoding);
    if (!encoding || (info.encoding === 'windows-1252' && lines.c1)) throw unlike(path, `its ${info.encoding} text (bytes DuckDB reads as other characters)`);
    if (lines.sepLine) throw unlike(path, 'its `sep=` first line');
    const columns = info.header.map((_, i) => `'c${i}': 'VARCHAR'`).join(', ');
    table = `read_csv(${literal(source)}, header = true, auto_detect = false, columns = {${columns}}, delim = ${literal(info.delimiter)}, quote = '"', escape = '"', encoding = ${literal(encoding)}, store_rejects = true, rejects_table = 'srp_rejects${n}', rejects_scan = 'srp_scans${n}', max_line_size = 16777216)`;
  } else {
    const from = kind === 'parquet' ? `read_parquet(${literal(source)})` : await attachedTable(conn, source, path, n);
    const names = (await conn.runAndReadAll(`DESCRIBE SELECT * FROM ${from}`)).getRowObjectsJS().map((r) => String(r.column_name));
    const text = names.map((c, i) => `CAST(${dialects.duckdb.ident(c)} AS VARCHAR) AS c${i}`).join(', ');
    table = `(SELECT ${text} FROM ${from})`;
    const sample = (await conn.runAndReadAll(`SELECT * FROM ${table} LIMIT 4096`)).getRowsJS().map((r) => r.map((v) => (v === null ? '' : String(v))));
    // Text columns may hold decimal commas as a CSV did (--decimal , or the mapping's "decimal").
    start = { file: path, header: names, delimiter: kind, decimal: options.decimal ?? '.', encoding: 'utf-8', sample };
  }

  // The plan, for the columns (its converters count into a scratch tally: the SQL counts every value).
  const scratch = startFile(start, { ...options, onPlan: undefined }, emptySummary(), true);
  const declared = scratch.satisfaction.declared || !scratch.provisional;
  /** The scale this file is read with: declared (or settled over every input), else inferred from its values' tally. */
  const settle = (tally: ScaleTally | null): Settled =>
    declared || !tally ? { satisfaction: scratch.satisfaction, inferred: false } : { satisfaction: inferScale(tally, options.binary), inferred: true };
  const plain = await plainPrepared(conn, n, table, start, scratch, options, kind === 'csv' ? lines! : null, settle);
  if (plain) return plain;
  // The cells every case carries as written (--by, --keep, the collapse order), and those the fields read.
  const output = [scratch.segment, ...scratch.keep, scratch.order?.index ?? -1].filter((i) => i >= 0);
  const carry = [...new Set([...scratch.fields.flatMap((f) => f.inputs), ...output])];
  // The columns read, with each record's number and whether it is blank, kept in input order (every core reads; the rest reads them from memory).
  const raw = `srp_raw${n}`;
  // Each asked of the first cell first (a CASE, which DuckDB evaluates for the rows that reach it; AND is evaluated whole).
  const trim = dialects.duckdb.trim;
  const blank = `CASE WHEN ${trim(`COALESCE(c0, '')`)} = '' THEN ${start.header.map((_, i) => `${trim(`COALESCE(c${i}, '')`)} = ''`).join(' AND ')} ELSE FALSE END`;
  const header = `CASE WHEN ${trim('c0')} = ${literal(start.header[0].trim())} THEN ${start.header.map((h, i) => `COALESCE(${trim(`c${i}`)} = ${literal(h.trim())}, FALSE)`).join(' AND ')} ELSE FALSE END`;
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE ${raw} AS SELECT ${carry.map((i) => `c${i}, `).join('')}(${blank}) AS srp_blank, (${header}) AS srp_header FROM ${table}`,
  );
  const numbered = `(SELECT *, rowid + 1 AS srp_row FROM ${raw})`;
  const q = { ...queryInput(model, numbered, start, scratch, options), numbered: true };
  const reader = readerSql(q, carry);

  // The satisfaction scale from every value, as srp settles it (io/scale.ts).
  // (Over the satisfaction columns alone: the other columns' cells are not computed for it.)
  const satisfactionOnly = readerSql({ ...q, specs: new Map([...q.specs].filter(([name]) => CANONICAL[name].kind === 'satisfaction')) });
  const tally = satisfactionOnly.tally ? await scaleTally(conn, `WITH ${satisfactionOnly.rows.join(',\n')} ${satisfactionOnly.tally}`) : null;
  const { satisfaction, inferred } = settle(tally);
  const settled = { ...q, scale: satisfaction.scale, binary: satisfaction.binary };
  const columns = readerSql(settled, carry).columns;
  const problem = columns.length ? `COALESCE(${columns.map((c) => c.problem).join(', ')}) IS NOT NULL` : 'FALSE';
  const scale = `(SELECT ${satisfaction.scale[0]} AS lo, ${satisfaction.scale[1]} AS hi, ${satisfaction.binary} AS srp_binary) sc`;
  const typed = (c: (typeof columns)[number]) => `CAST(${c.value} AS ${TEXT_KINDS.has(CANONICAL[c.name].kind) ? 'VARCHAR' : 'DOUBLE'})`;
  // Each row's values, in file order; the cells as written only where srp's record reader needs them (a problem row), or the output does (--by, --keep, the collapse order).
  const polarity = satisfaction.binary ? polarityFields(scratch).map((f) => f.index) : [];
  const always = new Set([...output, ...polarity]);
  const inner = `SELECT p.srp_row, p.srp_header, ${problem} AS srp_problem${columns.map((c, j) => `, ${typed(c)} AS v${j}`).join('')}${carry.map((i) => `, p.srp_raw${i}`).join('')} FROM srp_keys p CROSS JOIN ${scale} WHERE NOT p.srp_blank`;
  const raws = carry.map((i) => (always.has(i) ? `srp_raw${i}` : `CASE WHEN srp_problem THEN srp_raw${i} END`));
  const query = `WITH ${reader.rows.join(',\n')} SELECT srp_row, srp_problem, srp_header${columns.map((_, j) => `, v${j}`).join('')}${raws.map((r) => `, ${r}`).join('')} FROM (${inner}) ORDER BY srp_row`;

  // Where each DuckDB row's record starts, and the records DuckDB refused, read as srp reads them.
  const refusedAt = kind === 'csv' ? await refusedOrdinals(conn, n) : new Set<number>();
  const [count, blanks] = (await conn.runAndReadAll(`SELECT count(*), count_if(srp_blank) FROM ${raw}`)).getRowsJS()[0].map(Number);
  // A file of one record a line (no quotes, no empty lines) that DuckDB read whole: record k is on line k + 1.
  const oneLineEach = !lines || (lines.plainLines === count + 1 && refusedAt.size === 0);
  const place = oneLineEach
    ? { lines: linesAfterHeader(count), refused: [], blankLines: blanks }
    : await placeRows(path, start, lines!, refusedAt, count);
  return { start, satisfaction, inferred, tally: tally ?? emptyTally(), query, columns: columns.map((c) => c.name), carry, ...place, plain: null };
}

/**
 * A clean file read into a table of plain numbers (engine/duckdb-plain.ts), or null where some record
 * needs the general reading: not plain, refused by DuckDB's CSV reader, or not on a line of its own.
 */
async function plainPrepared(
  conn: Connection,
  n: number,
  table: string,
  start: FileStart,
  scratch: FilePlan,
  options: ReadOptions,
  lines: Layout | null,
  settle: (tally: ScaleTally | null) => Settled,
): Promise<Prepared | null> {
  const name = `srp_plain${n}`;
  const read = await plainTable(conn, name, table, scratch, start.delimiter, start.decimal, start.sample);
  if (!read) return null;
  // Row r is on line r + 2: every line of the file is one record, and DuckDB's reader refused none.
  if (lines && (lines.plainLines !== read.rows + 1 || (await refusedOrdinals(conn, n)).size > 0)) return dropTable(conn, name);
  const tally = await plainTally(conn, read);
  const { satisfaction, inferred } = settle(tally);
  const plan = startFile(start, { ...options, onPlan: undefined, pinned: { ...options.pinned, satisfaction } }, emptySummary(), true);
  const plain = await settlePlain(conn, read, plan, start.delimiter);
  if (!plain) return null;
  return { start, satisfaction, inferred, tally: tally ?? emptyTally(), query: '', columns: [], carry: [], lines: linesAfterHeader(plain.rows), refused: [], blankLines: 0, plain };
}

/** DuckDB's own error, as an input error naming the file (its message's first line). */
const refused =
  (path: string) =>
  (e: unknown): never => {
    if (e instanceof SrpError) throw e;
    if (e instanceof RefusedError) throw usageError('not_expressible', `--engine duckdb: ${e.message}; the own engine reads it (leave out --engine)`);
    throw inputError(
      'unreadable',
      `${path}: DuckDB could not read it (${String((e as Error).message ?? e).split('\n')[0]}); the own engine may (leave out --engine)`,
    );
  };

const unlike = (path: string, what: string) =>
  inputError('unreadable', `${path}: --engine duckdb would not read ${what} as srp does; use the own engine (leave out --engine)`);

/** A file's format by its first bytes (a Parquet file or a DuckDB database need not be named so). */
function formatOf(path: string): 'parquet' | 'database' | 'csv' {
  const head = Buffer.alloc(12);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, 12, 0);
  } finally {
    closeSync(fd);
  }
  return head.subarray(0, 4).toString() === 'PAR1' ? 'parquet' : head.subarray(8, 12).toString() === 'DUCK' ? 'database' : 'csv';
}

/** A link with a plain name to a file whose path DuckDB would read as a pattern (removed when srp exits). */
function linked(path: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'srp-duckdb-'));
  const link = join(dir, `input${extname(path).replace(/[*?[\]{}]/g, '')}`);
  symlinkSync(resolve(path), link);
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return link;
}

/** The satisfaction columns read as written (not computed): those whose binary values are listed by what was written. */
const polarityFields = (plan: FilePlan) =>
  plan.fields.filter((f) => (f.name === 'pre_satisfaction' || f.name === 'post_satisfaction') && f.index >= 0 && !f.compute);

/** A DuckDB database file's one table (or view). */
async function attachedTable(conn: Connection, source: string, path: string, n: number): Promise<string> {
  await conn.run(`ATTACH ${literal(source)} AS srp_db${n} (READ_ONLY)`);
  const tables = (
    await conn.runAndReadAll(
      `SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = 'srp_db${n}' UNION ALL SELECT schema_name, view_name FROM duckdb_views() WHERE database_name = 'srp_db${n}' AND NOT internal`,
    )
  ).getRowsJS();
  if (tables.length !== 1)
    throw inputError(
      'unreadable',
      `${path}: a DuckDB database with ${tables.length} tables and views; srp reads one (${tables.map((t) => `${t[0]}.${t[1]}`).join(', ') || 'none'})`,
    );
  const id = dialects.duckdb.ident;
  return `srp_db${n}.${id(String(tables[0][0]))}.${id(String(tables[0][1]))}`;
}

function queryInput(model: Model, table: string, start: FileStart, plan: FilePlan, options: ReadOptions): QueryInput {
  return {
    dialect: dialects.duckdb,
    model,
    threshold: 0.5,
    table,
    header: start.header.map((_, i) => `c${i}`),
    specs: plan.specs,
    missing: new Set(options.missing ?? MISSING_MARKERS),
    decimalComma: start.decimal === ',',
    scale: plan.satisfaction.declared ? plan.satisfaction.scale : undefined,
    binary: !!options.binary,
    derive: { prior: false, pre: null },
  };
}

/** The records DuckDB's CSV reader refused, by its count of lines (the header 1, a record spanning lines one). */
async function refusedOrdinals(conn: Connection, n: number): Promise<Set<number>> {
  const rows = (await conn.runAndReadAll(`SELECT DISTINCT line FROM srp_rejects${n}`)).getRowsJS();
  return new Set(rows.map((r) => Number(r[0])));
}

/** What a first look at a CSV's bytes finds. */
interface Layout {
  /** No quote character anywhere: every line is one record. */
  quoteFree: boolean;
  /** Bytes 0x80–0x9F: characters Windows-1252 and Latin-1 read differently. */
  c1: boolean;
  sepLine: boolean;
  /** Quote-free, without empty lines, ending lines with LF or CRLF alone: how many lines; else null. */
  plainLines: number | null;
}

async function layout(path: string, delimiter: string, encoding: Encoding): Promise<Layout> {
  const { createReadStream } = await import('node:fs');
  let quoteFree = true;
  let c1 = false;
  let first = true;
  let sepLine = false;
  let lf = 0;
  let cr = 0;
  let emptyLine = false;
  let last = 10; // as if after a line end: an empty first line counts
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    if (first)
      sepLine = /^(\ufeff)?sep=/i.test(
        chunk
          .subarray(0, 8)
          .toString('latin1')
          .replace(/^\xef\xbb\xbf/, ''),
      );
    first = false;
    if (quoteFree && chunk.indexOf(0x22) >= 0) quoteFree = false;
    if (encoding === 'windows-1252' && !c1) for (const b of chunk) if (b >= 0x80 && b <= 0x9f) c1 = true;
    if (quoteFree && !emptyLine) {
      lf += countByte(chunk, 10);
      cr += countByte(chunk, 13);
      const next = chunk[0];
      emptyLine =
        ((last === 10 || last === 13) && (next === 10 || next === 13) && !(last === 13 && next === 10)) ||
        chunk.indexOf('\n\n') >= 0 ||
        chunk.indexOf('\r\r') >= 0 ||
        chunk.indexOf('\n\r') >= 0;
      last = chunk[chunk.length - 1];
    }
  }
  const plain = quoteFree && encoding !== 'utf-16le' && delimiter.length === 1;
  const lineEndsOnly = !emptyLine && (cr === 0 || cr === lf);
  return { quoteFree: plain, c1, sepLine, plainLines: plain && lineEndsOnly ? lf + (last === 10 ? 0 : 1) : null };
}

function countByte(chunk: Buffer, byte: number): number {
  let n = 0;
  for (let i = chunk.indexOf(byte); i >= 0; i = chunk.indexOf(byte, i + 1)) n++;
  return n;
}

/**
 * Where each DuckDB row's record starts (srp's line numbers: the physical line), which records DuckDB
 * refused (by its count of lines), and the blank lines srp skips. A quote-free file is read as lines;
 * any other by srp's own CSV reader. Where DuckDB and srp do not see the same records, the run stops.
 */
async function placeRows(path: string, start: FileStart, lay: Layout, refusedAt: Set<number>, count: number) {
  const lines: number[] = [];
  const refused: Prepared['refused'] = [];
  let blankLines = 0;
  let refusedBlank = 0;
  let ordinal = 0;
  const record = (line: number, fields: () => string[], blank: () => boolean) => {
    ordinal++;
    if (ordinal === 1) return; // the header
    if (refusedAt.has(ordinal)) {
      // A line of fewer empty cells than the header (`,,,`): refused by DuckDB, a blank line to srp.
      if (blank()) (blankLines++, refusedBlank++);
      else refused.push({ line, fields: fields(), broken: null });
    } else {
      lines.push(line);
      if (blank()) blankLines++;
    }
  };
  if (lay.quoteFree) {
    const { createReadStream } = await import('node:fs');
    const decoder = new TextDecoder(start.encoding === 'windows-1252' ? 'windows-1252' : 'utf-8');
    const d = start.delimiter.charCodeAt(0);
    let line = 1;
    let carry: Buffer | null = null;
    let pendingCR = false;
    /** Only spaces, tabs and delimiters: a blank line to srp (most lines answer at their first byte). */
    const blankBytes = (bytes: Buffer) => {
      for (const b of bytes) if (b !== 32 && b !== 9 && b !== d) return false;
      return true;
    };
    const take = (bytes: Buffer, at: number) => {
      if (bytes.length === 0) return void (ordinal++, at > 1 && blankLines++);
      record(
        at,
        () => decoder.decode(bytes).split(start.delimiter),
        () => blankBytes(bytes),
      );
    };
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      let from = 0;
      if (pendingCR && chunk[0] === 10) from = 1;
      pendingCR = false;
      const buf = chunk;
      // Lines end at LF, CRLF or a lone CR; a chunk without CR is cut at each LF found by indexOf.
      const next = buf.indexOf(13, from) < 0 ? (i: number) => buf.indexOf(10, i) : null;
      for (let i = next ? next(from) : from; i >= 0 && i < buf.length; i = next ? next(i + 1) : i + 1) {
        const b = buf[i];
        if (b !== 10 && b !== 13) continue;
        const piece = buf.subarray(from, i);
        take(carry ? Buffer.concat([carry, piece]) : piece, line++);
        carry = null;
        if (b === 13) {
          if (i + 1 < buf.length) {
            if (buf[i + 1] === 10) i++;
          } else pendingCR = true;
        }
        from = i + 1;
      }
      if (from < buf.length) carry = carry ? Buffer.concat([carry, buf.subarray(from)]) : Buffer.from(buf.subarray(from));
    }
    if (carry && carry.length) take(carry, line);
  } else {
    const source = await openText(path, start.encoding);
    try {
      const reader = new CsvReader(start.delimiter);
      const sink: ParseSink = {
        record: (r) =>
          record(
            r.line,
            () => r.fields,
            () => r.fields.every((f) => f.trim() === ''),
          ),
        broken: (b) => {
          ordinal++;
          if (!refusedAt.has(ordinal)) throw mismatch(path, b.line);
          refused.push({ line: b.line, fields: null, broken: { file: start.file, line: b.line, column: '', value: '', code: b.code, reason: b.reason } });
        },
        blank: () => {
          ordinal++;
          blankLines++;
        },
      };
      for await (const chunk of source.chunks) reader.push(chunk, sink);
      reader.end(sink);
    } finally {
      source.close();
    }
  }
  if (lines.length !== count || refused.length + refusedBlank !== refusedAt.size) throw mismatch(path, null);
  return { lines: Int32Array.from(lines), refused, blankLines };
}

const mismatch = (path: string, line: number | null) =>
  inputError(
    'unreadable',
    `${path}${line ? `:${line}` : ''}: DuckDB's CSV reader and srp's do not see the same records here; use the own engine (leave out --engine)`,
  );
