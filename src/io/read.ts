/**
 * Files → canonical cases and rejections, streamed in batches (one per chunk read).
 * Every record ends in exactly one place: a case, or a rejection with file, line, column
 * and reason (SPEC §4). `summary` is complete once the batches are consumed.
 */
import type { Case, Rejection } from '../case.js';
import { describeRejection } from '../case.js';
import { inputError } from '../errors.js';
import { CsvReader, type ParseSink, type RawRecord } from './csv.js';
import { delimiterFromOption, delimiterName, sniffDelimiter } from './delimiter.js';
import { encodingFromOption, type Encoding } from './encoding.js';
import { makePlan, type FilePlan, type Pinned, type PlanOptions } from './plan.js';
import { countPreviousCases } from './previous-cases.js';
import { FieldsRow, LineRow, isRejection, toCase, type Row } from './record.js';
import { SeenIds } from './seen-ids.js';
import { openText, type Input } from './source.js';
import { dateOrderFromOption } from './values.js';

export interface ReadOptions extends Omit<PlanOptions, 'decimalComma'> {
  delimiter?: string;
  encoding?: Encoding;
  decimal?: '.' | ',';
  /** Any rejection stops the run with an input error. */
  strict?: boolean;
  /** Called as reading goes on: how far (bytes, of the total when known) and how many rows. */
  progress?: (done: number, total: number | undefined, rows: number) => void;
  /** Called with each batch's rejections (for --rejects). */
  onRejections?: (rejections: Rejection[]) => void;
  /** Called once per file with what was sniffed and inferred from its start. */
  onPlan?: (file: FilePlanInfo) => void;
  /** The repeated-id table to use (parallel reading shares one across parts). */
  ids?: SeenIds;
  /** false: leave the end-of-input warnings and checks to the caller (see finishSummary). */
  finish?: boolean;
}

export interface FilePlanInfo {
  file: string;
  header: string[];
  delimiter: string;
  decimal: '.' | ',';
  encoding: Encoding;
  pinned: Pinned;
  derivePrior: boolean;
}

export interface FileInfo {
  file: string;
  delimiter: string;
  encoding: Encoding;
  decimal: '.' | ',';
  rows: number;
  blank_lines: number;
}

export interface ReadSummary {
  files: FileInfo[];
  rows: number;
  accepted: number;
  rejected: number;
  columns: Record<string, string>;
  warnings: string[];
}

export interface Batch {
  cases: Case[];
  rejections: Rejection[];
}

export interface Reading {
  batches: AsyncGenerator<Batch>;
  summary: ReadSummary;
}

const NEEDED = ['severity', 'prior_failures', 'controllability', 'stability', 'recovery_quality', 'pre_satisfaction', 'post_satisfaction', 'group', 'compensation', 'apology', 'explanation', 'prevention', 'responsibility', 'response_hours'];

export function readCases(inputs: Input[], options: ReadOptions = {}): Reading {
  const summary: ReadSummary = { files: [], rows: 0, accepted: 0, rejected: 0, columns: {}, warnings: [] };
  return { summary, batches: generate(inputs, withMappingDefaults(options), summary) };
}

function withMappingDefaults(options: ReadOptions): ReadOptions {
  const m = options.mapping;
  if (!m) return options;
  return {
    ...options,
    delimiter: options.delimiter ?? (m.delimiter ? delimiterFromOption(m.delimiter) : undefined),
    encoding: options.encoding ?? (m.encoding ? encodingFromOption(m.encoding) : undefined),
    decimal: options.decimal ?? (m.decimal === ',' || m.decimal === '.' ? m.decimal : undefined),
    dateOrder: options.dateOrder ?? (m.date_format ? dateOrderFromOption(m.date_format) ?? undefined : undefined),
  };
}

async function* generate(inputs: Input[], options: ReadOptions, summary: ReadSummary): AsyncGenerator<Batch> {
  const ids = options.ids ?? new SeenIds();
  const held: Case[] = [];
  let holdAll = false;
  for (const input of inputs) {
    for await (const batch of readFile(input, options, summary)) {
      if (batch.rejections.length) options.onRejections?.(batch.rejections);
      if (options.strict && batch.rejections.length) throw inputError(`--strict: ${describeRejection(batch.rejections[0])}`);
      if (batch.idsFromData) {
        if (batch.expectedRows) ids.reserve(batch.expectedRows);
        for (const c of batch.cases) ids.see(c.id, c.file, c.line);
      }
      summary.accepted += batch.cases.length;
      summary.rejected += batch.rejections.length;
      if (batch.derivePrior) holdAll = true;
      if (holdAll) {
        held.push(...batch.cases);
        if (batch.rejections.length) yield { cases: [], rejections: batch.rejections };
      } else yield batch;
    }
  }
  if (holdAll) {
    countPreviousCases(held);
    yield { cases: held, rejections: [] };
  }
  if (options.finish !== false) finishSummary(summary, ids);
}

/** The end of reading: warnings about the whole input, and the check that it had rows at all. */
export function finishSummary(summary: ReadSummary, ids: SeenIds): void {
  const repeated = ids.warning();
  if (repeated) summary.warnings.push(repeated);
  for (const f of summary.files) if (f.blank_lines) summary.warnings.push(`${f.file}: ${f.blank_lines} blank line${f.blank_lines > 1 ? 's' : ''} skipped (not counted as rows)`);
  if (summary.rows === 0) throw inputError(`${summary.files.map((f) => f.file).join(', ')}: no data rows (only a header)`);
}

/** A batch from one file, with what `generate` needs to know about it. */
type FileBatch = Batch & { derivePrior: boolean; file: string; idsFromData: boolean; expectedRows?: number };

async function* readFile(input: Input, options: ReadOptions, summary: ReadSummary): AsyncGenerator<FileBatch> {
  const source = await openText(input, options.encoding);
  const file = source.file;
  const continuation = typeof input === 'object' ? input.continuation : undefined;
  const first = await source.chunks.next();
  let text = first.done ? '' : first.value;
  // Excel's `sep=;` first line names the delimiter; it is neither header nor row.
  const sepLine = continuation ? null : /^sep=([^\r\n])\r?\n/i.exec(text);
  if (sepLine) text = text.slice(sepLine[0].length);
  const delimiter = options.delimiter ?? sepLine?.[1] ?? sniffDelimiter(text);
  const decimal = options.decimal ?? (delimiter === ';' ? ',' : '.');
  const info: FileInfo = { file, delimiter: delimiterName(delimiter), encoding: source.encoding, decimal, rows: 0, blank_lines: 0 };
  summary.files.push(info);

  // The header first, so that its width is known to the reader from the first record on.
  const header = continuation ? { line: 0, fields: continuation.header } : firstRecord(text, delimiter);
  if (!header) throw inputError(`${file}: the header cannot be read (unclosed quote)`);
  const reader = new CsvReader(delimiter, continuation?.line ?? (sepLine ? 2 : 1));
  reader.expectFields(header.fields.length);
  // Records wait in `records` until the plan is made from the first of them; from then on each
  // record becomes a case (or a rejection) as soon as it is read.
  let records: RawRecord[] = [];
  let cases: Case[] = [];
  let rejections: Rejection[] = [];
  let plan: FilePlan | undefined;
  let rows = 0;
  let blank = 0;
  const fieldsRow = new FieldsRow();
  const lineRow = new LineRow();
  const take = (row: Row, line: number) => {
    if (row.blank()) return void blank++;
    rows++;
    const out = toCase(row, line, file, plan!, rows);
    if (!isRejection(out)) return void cases.push(out);
    rejections.push(repeatsHeader(row, header.fields) ? { file, line, column: '', value: '', reason: 'the header line again (files joined together?)' } : out);
  };
  const sink: ParseSink = {
    record: (r) => (plan ? take(fieldsRow.set(r.fields), r.line) : records.push(r)),
    broken: (b) => {
      rows++;
      rejections.push({ file, line: b.line, column: '', value: '', reason: b.reason });
    },
    blank: () => blank++,
  };
  reader.push(text, sink);
  if (!continuation) records.shift();
  const headerNames = header.fields.map((h) => h.trim());
  plan = makePlan(file, headerNames, records.slice(0, 5000).map((r) => r.fields), { ...options, decimalComma: decimal === ',' });
  options.onPlan?.({ file, header: header.fields, delimiter, decimal, encoding: source.encoding, pinned: plan.pinned, derivePrior: plan.derivePrior });
  if (!Object.keys(plan.sources).some((k) => NEEDED.includes(k)))
    throw inputError(`${file}: none of the columns srp needs (severity, prior_failures, controllability, stability, recovery_quality, pre/post_satisfaction, group); found ${headerNames.map((h) => `'${h}'`).join(', ')}; map them with --map`);
  mergeColumns(summary, plan, file);
  const hasId = plan.fields.some((f) => f.name === 'case_id');
  for (const r of records) take(fieldsRow.set(r.fields), r.line);
  records = [];
  sink.line = (line, text, ends, count) => take(lineRow.set(text, ends, count), line);

  let read = text.length;
  const flush = (): FileBatch => {
    info.rows += rows;
    summary.rows += rows;
    rows = 0;
    const batch = { cases, rejections: rejections.sort((a, b) => a.line - b.line), derivePrior: plan!.derivePrior, file, idsFromData: hasId };
    cases = [];
    rejections = [];
    return batch;
  };
  // The first batch says how many rows the whole file probably holds, so tables can be sized once.
  const firstBatch = flush();
  if (source.size && text.length) firstBatch.expectedRows = Math.ceil((source.size / text.length) * (firstBatch.cases.length + firstBatch.rejections.length));
  yield firstBatch;
  for await (const chunk of source.chunks) {
    read += chunk.length; // characters: bytes for the single-byte text of big exports
    reader.push(chunk, sink);
    options.progress?.(read, source.size, summary.rows + rows);
    yield flush();
  }
  reader.end(sink);
  yield flush();
  info.blank_lines = blank;
  if (source.replaced) summary.warnings.push(`${file}: ${source.replaced} byte${source.replaced > 1 ? 's' : ''} not valid ${source.encoding} replaced by U+FFFD (shown as ?); declare --encoding if the file is in another encoding`);
}

function repeatsHeader(row: Row, header: string[]): boolean {
  if (row.count !== header.length) return false;
  for (let i = 0; i < header.length; i++) if (row.raw(i).trim() !== header[i].trim()) return false;
  return true;
}

/** The first record of a text (the header), or null when it cannot be read. */
function firstRecord(text: string, delimiter: string): RawRecord | null {
  let first: RawRecord | null = null;
  const reader = new CsvReader(delimiter);
  const sink = { record: (r: RawRecord) => (first ??= r), broken: () => {}, blank: () => {} };
  reader.push(text.slice(0, 1 << 20), sink);
  if (!first) reader.end(sink);
  return first;
}

function mergeColumns(summary: ReadSummary, plan: FilePlan, file: string) {
  for (const [name, how] of Object.entries(plan.sources)) {
    const before = summary.columns[name];
    summary.columns[name] = before === undefined || before === how ? how : `${before}; ${how} in ${file}`;
  }
  for (const note of plan.notes) summary.warnings.push(`${file}: ${note}`);
}
