/**
 * Files → canonical cases and rejections, streamed in batches (one per chunk read).
 * Every record ends in exactly one place: a case, or a rejection with file, line, column, code and
 * reason (SPEC §4). `summary` is complete once the batches are consumed.
 */
import type { Accounting, Case, Rejection, RejectionCode } from '../case.js';
import { describeRejection } from '../case.js';
import { inputError, usageError } from '../errors.js';
import { CsvReader, type ParseSink, type RawRecord } from './csv.js';
import { delimiterName, sniffDelimiter } from './delimiter.js';
import type { Encoding } from './encoding.js';
import { collapseEvents } from './collapse.js';
import { knownExport } from './known-exports.js';
import type { Collapse } from './mapping.js';
import { makePlan, type FilePlan, type Pinned, type PlanOptions, type Unread } from './plan.js';
import { deriveHistory, type Derivations } from './history.js';
import { FieldsRow, LineRow, isRejection, toCase, type Row } from './record.js';
import { CaseColumns } from './case-columns.js';
import { PlainRecords } from './plain-record.js';
import { addPolarity, emptyPolarity, type Polarity } from './convert.js';
import { addTally, emptyTally, inferScale, sameScale, scaleNote, type Satisfaction, type ScaleTally } from './scale.js';
import { SeenIds } from './seen-ids.js';
import { openText, type Input, type TextSource } from './source.js';
import { spoolStreams } from './spool.js';
import { MISSING_MARKERS } from './values.js';

export interface ReadOptions extends Omit<PlanOptions, 'decimalComma' | 'tally' | 'missing'> {
  delimiter?: string;
  encoding?: Encoding;
  decimal?: '.' | ',';
  /** Any rejection stops the run with an input error. */
  strict?: boolean;
  /** The texts that mean "no value" besides the empty cell (default: MISSING_MARKERS). */
  missing?: readonly string[];
  /** Event logs: one case per case id (SPEC §3.6). */
  collapse?: Collapse;
  /** Called as reading goes on: how far (bytes, of the total when known) and how many rows. */
  progress?: (done: number, total: number | undefined, rows: number) => void;
  /** Called with each batch's rejections (for --rejects). */
  onRejections?: (rejections: Rejection[]) => void;
  /** Called when a first reading is thrown away and the input is read again (see readSettled). */
  onRestart?: () => void;
  /** Called once per file with what was sniffed and inferred from its start. */
  onPlan?: (file: FilePlanInfo) => void;
  /** The repeated-id table to use (parallel reading shares one across parts). */
  ids?: SeenIds;
  /** false: leave the end-of-input warnings and checks to the caller (see finishSummary). */
  finish?: boolean;
  /** An input with no accepted row is reported in `summary.nothingAccepted` instead of thrown (validate). */
  acceptNone?: boolean;
  /** Only settle the satisfaction scale: a file whose scale needs no settling is not read past its header. */
  scaleOnly?: boolean;
  /** Reads one file instead of srp's own CSV reader (`--engine duckdb`); the rest of the reading is the same. */
  fileReader?: FileReader;
}

/** One file → its batches, filling the summary's per-file parts (files, rows, scales, columns, tally, polarity, unread). */
export type FileReader = (input: Input, options: ReadOptions, summary: ReadSummary) => AsyncGenerator<FileBatch>;

export interface FilePlanInfo {
  file: string;
  header: string[];
  delimiter: string;
  decimal: '.' | ',';
  encoding: Encoding;
  pinned: Pinned;
  derives: Derivations | null;
  /** Where each canonical column comes from (for the SQL of the same reading). */
  specs: FilePlan['specs'];
  /** The records the plan was made from (the first chunk's). */
  sample: string[][];
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
  /** With --collapse: the events folded into their cases, and which row of a case was kept. */
  collapsed: number;
  collapse?: 'first' | 'last';
  columns: Record<string, string>;
  warnings: string[];
  /** Every satisfaction value read, to settle the scale at the end. */
  tally: ScaleTally;
  /** The scale each file was read with, and whether it came from the file's first rows only. */
  scales: { satisfaction: Satisfaction; provisional: boolean }[];
  /** Rejections by code. */
  reasons: Partial<Record<RejectionCode, number>>;
  /** Columns the mapping set to one value for every row (set, not observed). */
  set: string[];
  /** Binary satisfaction: the values read as satisfied and as dissatisfied. */
  polarity: Polarity;
  /** Set when the scale every value implies differs from the one read with: read again with it. */
  rescale?: Satisfaction;
  /** Under --strict, the first rejection that waited for the scale to settle. */
  strictPending?: Rejection;
  /** With `acceptNone`: why the input is unusable, when no row was accepted. */
  nothingAccepted?: string;
  /** Optional columns' cells that did not read, taken as missing: canonical column → count and first. */
  unread: Record<string, Unread & { name: string; column: string; file: string }>;
}

export interface Batch {
  cases: Case[];
  /** The same cases column by column, where the reader read them so (`cases` is then made when first asked for). */
  columns?: CaseColumns;
  rejections: Rejection[];
  /** Satisfaction in this batch's file is read as satisfied or not. */
  binary?: boolean;
}

export interface Reading {
  batches: AsyncGenerator<Batch>;
  summary: ReadSummary;
}

const NEEDED = [
  'severity',
  'prior_failures',
  'controllability',
  'stability',
  'recovery_quality',
  'pre_satisfaction',
  'post_satisfaction',
  'group',
  'compensation',
  'apology',
  'explanation',
  'prevention',
  'responsibility',
  'response_hours',
];

/** The accounting of a reading: rows read = accepted + rejected, and accepted = cases + collapsed events. */
export const accounting = (s: ReadSummary): Accounting => ({
  rows: s.rows,
  accepted: s.accepted,
  rejected: s.rejected,
  cases: s.accepted - s.collapsed,
  ...(s.collapse ? { collapsed: s.collapsed, collapse: s.collapse } : {}),
});

export const emptySummary = (): ReadSummary => ({
  files: [],
  rows: 0,
  accepted: 0,
  rejected: 0,
  collapsed: 0,
  unread: {},
  columns: {},
  warnings: [],
  tally: emptyTally(),
  scales: [],
  reasons: {},
  set: [],
  polarity: emptyPolarity(),
});

/** One reading of the inputs, batch by batch. Most callers want `readSettled`, which also settles the scale. */
export function readCases(inputs: Input[], options: ReadOptions = {}): Reading {
  const summary = emptySummary();
  return { summary, batches: generate(inputs, options, summary) };
}

export interface Consumer<T> {
  batch(b: Batch): void | Promise<void>;
  end(summary: ReadSummary): T | Promise<T>;
}

/**
 * Reads the inputs to the end, batch by batch, into the consumer `start` makes. Where the scale the
 * first rows suggested does not hold every value (SPEC §3.2: a file sorted by score), the input is
 * read once more with the scale all values imply, into a fresh consumer. Standard input is kept in a
 * temporary file meanwhile, so that it can be read twice.
 */
export async function readSettled<T>(inputs: Input[], options: ReadOptions, start: () => Consumer<T>): Promise<{ result: T; summary: ReadSummary }> {
  return withSettledScale(inputs, options, async (ins, opts) => {
    const consumer = start();
    const reading = readCases(ins, opts);
    for await (const b of reading.batches) await consumer.batch(b);
    if (reading.summary.rescale) return { summary: reading.summary, result: undefined as T };
    return { summary: reading.summary, result: await consumer.end(reading.summary) };
  });
}

/** Runs one reading `pass`; runs it again, with the settled scale, when the first one asks for it. */
export async function withSettledScale<T extends { summary: ReadSummary }>(
  inputs: Input[],
  options: ReadOptions,
  pass: (inputs: Input[], options: ReadOptions) => Promise<T>,
): Promise<T> {
  const spooled = await spoolStreams(inputs);
  try {
    const first = await pass(spooled.inputs, options);
    if (!first.summary.rescale) return first;
    options.onRestart?.();
    return await pass(spooled.inputs, { ...options, pinned: { ...options.pinned, satisfaction: first.summary.rescale } });
  } finally {
    spooled.remove();
  }
}

/**
 * Reads the inputs into `consume` for a command whose output streams as it reads (`score`): where
 * the satisfaction scale must be inferred, a first reading settles it, so that no case is handed on
 * with a provisional one.
 */
export async function readStreaming(inputs: Input[], options: ReadOptions, consume: (batch: Batch) => void | Promise<void>): Promise<ReadSummary> {
  const spooled = await spoolStreams(inputs);
  try {
    const satisfaction = await settledScale(spooled.inputs, options);
    const reading = readCases(spooled.inputs, satisfaction ? { ...options, pinned: { ...options.pinned, satisfaction } } : options);
    for await (const b of reading.batches) await consume(b);
    return reading.summary;
  } finally {
    spooled.remove();
  }
}

/** The scale every value of the input implies, read without keeping anything. */
async function settledScale(inputs: Input[], options: ReadOptions): Promise<Satisfaction | undefined> {
  if (options.satisfactionScale || options.pinned?.satisfaction) return options.pinned?.satisfaction;
  const reading = readCases(inputs, { ...options, strict: false, scaleOnly: true, onRejections: undefined, progress: undefined });
  for await (const _ of reading.batches);
  const { summary } = reading;
  return summary.rescale ?? summary.scales.find((s) => s.provisional)?.satisfaction;
}

async function* generate(inputs: Input[], options: ReadOptions, summary: ReadSummary): AsyncGenerator<Batch> {
  const ids = options.ids ?? new SeenIds();
  const held: Case[] = [];
  let derives: Derivations | null = null;
  // Collapsing and history need every case first; rejections go on as they come.
  const hold = () => derives !== null || options.collapse !== undefined;
  const readOne = options.fileReader ?? readFile;
  for (const input of inputs) {
    for await (const batch of readOne(input, options, summary)) {
      if (batch.rejections.length) {
        options.onRejections?.(batch.rejections);
        if (options.strict) strictCheck(batch, summary);
      }
      const { columns } = batch;
      if (batch.idsFromData) {
        if (batch.expectedRows) ids.reserve(batch.expectedRows);
        if (columns) ids.seeAll(columns.ids!, columns.file, columns.line, columns.length);
        else for (const c of batch.cases) ids.see(c.id, c.file, c.line);
      }
      summary.accepted += columns ? columns.length : batch.cases.length;
      summary.rejected += batch.rejections.length;
      for (const r of batch.rejections) summary.reasons[r.code] = (summary.reasons[r.code] ?? 0) + 1;
      if (batch.derives) derives = batch.derives;
      if (hold()) {
        for (const c of batch.cases) held.push(c);
        if (batch.rejections.length) yield { cases: [], rejections: batch.rejections, binary: batch.binary };
      } else yield batch;
    }
  }
  if (hold()) {
    let cases = held;
    if (options.collapse) {
      const collapsed = collapseEvents(held, options.collapse.keep);
      cases = collapsed.cases;
      summary.collapsed = collapsed.folded;
      summary.collapse = options.collapse.keep;
    }
    if (derives) deriveHistory(cases, derives);
    yield { cases, rejections: [], binary: summary.scales[0]?.satisfaction.binary };
  }
  if (options.finish !== false) finishSummary(summary, ids, options);
}

/**
 * --strict: the first rejection stops the run, except a value outside a satisfaction scale that is
 * still provisional (from the first rows): it waits until every value is in.
 */
function strictCheck(batch: FileBatch, summary: ReadSummary) {
  for (const r of batch.rejections) {
    if (r.code === 'out_of_scale' && batch.provisional) summary.strictPending ??= r;
    else throw inputError('strict_rejection', `--strict: ${describeRejection(r)}`);
  }
}

/**
 * The end of reading: the satisfaction scale settled against every value, warnings about the whole
 * input, and the checks that it had rows, and accepted rows, at all.
 */
export function finishSummary(summary: ReadSummary, ids: SeenIds, options: Pick<ReadOptions, 'binary' | 'acceptNone' | 'scaleOnly' | 'collapse'> = {}): void {
  if (summary.rows === 0 && !options.scaleOnly) throw inputError('no_rows', `${summary.files.map((f) => f.file).join(', ')}: no data rows (only a header)`);
  const t = summary.tally;
  if (options.binary && t.numbers > 0 && !t.zeroOne)
    throw usageError(
      'bad_option',
      `--binary reads satisfaction 1 as satisfied and 0 as not, and ${summary.files.map((f) => f.file).join(', ')} holds satisfaction numbers from ${t.min} to ${t.max}: leave out --binary to read them as scores, or map them to satisfied and dissatisfied with a mapping's "values"`,
    );
  const provisional = summary.scales.filter((s) => s.provisional);
  if (provisional.length) {
    const settled = inferScale(summary.tally, options.binary);
    if (provisional.some((s) => !sameScale(s.satisfaction, settled))) {
      summary.rescale = settled;
      return;
    }
  }
  if (options.scaleOnly) return;
  const used = summary.scales[0]?.satisfaction;
  const note = used && summary.tally.numbers + summary.tally.words > 0 ? scaleNote(summary.tally, used) : null;
  if (note) summary.warnings.push(note);
  const repeated = options.collapse ? null : ids.warning();
  // An event log read as cases: each event would be scored, and its earlier events taken for earlier failures.
  if (repeated)
    summary.warnings.push(
      ids.repeated > summary.accepted * EVENT_LOG_SHARE
        ? `${repeated}; ${ids.repeated} of ${summary.accepted} rows repeat a case id, as an event log does: each row is scored as a case; --collapse last keeps one row per case`
        : repeated,
    );
  for (const u of Object.values(summary.unread))
    summary.warnings.push(
      `${u.file}: ${u.rows} ${u.name} value${u.rows > 1 ? 's' : ''} in '${u.column}' did not read and ${u.rows > 1 ? 'were' : 'was'} taken as missing, the first at line ${u.first!.line}: ${u.first!.problem}`,
    );
  for (const f of summary.files)
    if (f.blank_lines) summary.warnings.push(`${f.file}: ${f.blank_lines} blank line${f.blank_lines > 1 ? 's' : ''} skipped (not counted as rows)`);
  if (summary.strictPending) throw inputError('strict_rejection', `--strict: ${describeRejection(summary.strictPending)}`);
  if (summary.accepted === 0) {
    if (!options.acceptNone) throw inputError('nothing_accepted', nothingAccepted(summary));
    summary.nothingAccepted = nothingAccepted(summary);
  }
}

/** Case ids repeated in more than this share of the rows make the input look like an event log (SPEC §3.6). */
const EVENT_LOG_SHARE = 1 / 5;

/** The three most common rejection codes with their counts: "out_of_scale 12, unknown_word 3". */
const commonReasons = (summary: ReadSummary) =>
  Object.entries(summary.reasons)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([code, n]) => `${code} ${n}`)
    .join(', ');

/** "No row accepted", with the most common reasons. */
function nothingAccepted(summary: ReadSummary): string {
  return `${summary.files.map((f) => f.file).join(', ')}: no row accepted (${summary.rejected} of ${summary.rows} rejected; most common: ${commonReasons(summary)}); srp validate lists every problem`;
}

/** Rows rejected, for standard error where the output itself does not list them (score as CSV or NDJSON); null where none. */
export function rejectedWarning(summary: ReadSummary): string | null {
  if (!summary.rejected) return null;
  return `${summary.rejected} of ${summary.rows} rows rejected and not scored (most common: ${commonReasons(summary)}); srp validate lists every problem, --rejects FILE writes them`;
}

/** What a reader found at the start of a file: its header, how it is written, and the records to plan from. */
export interface FileStart {
  file: string;
  header: string[];
  delimiter: string;
  decimal: '.' | ',';
  encoding: Encoding;
  sample: string[][];
}

/**
 * The plan of a file from its header and first records, entered in the summary (its scale, columns,
 * notes, set values); a file with none of the columns srp needs is refused.
 */
export function startFile(start: FileStart, options: ReadOptions, summary: ReadSummary, scratchTally = false): FilePlan {
  const { file, header, delimiter, decimal, encoding, sample } = start;
  const headerNames = header.map((h) => h.trim());
  const plan = makePlan(file, headerNames, sample, {
    ...options,
    decimalComma: decimal === ',',
    tally: scratchTally ? emptyTally() : summary.tally,
    polarity: summary.polarity,
    missing: new Set(options.missing ?? MISSING_MARKERS),
    order: options.collapse?.order,
  });
  summary.scales.push({ satisfaction: plan.satisfaction, provisional: plan.provisional });
  options.onPlan?.({ file, header, delimiter, decimal, encoding, pinned: plan.pinned, derives: plan.derives, specs: plan.specs, sample });
  if (!Object.keys(plan.sources).some((k) => NEEDED.includes(k))) {
    const known = options.mapping ? null : knownExport(headerNames);
    throw inputError(
      'no_needed_columns',
      `${file}: none of the columns srp needs (severity, prior_failures, controllability, stability, recovery_quality, pre/post_satisfaction, group); found ${headerNames.map((h) => `'${h}'`).join(', ')}; ${known ? `it looks like ${known.description}: read it with --map ${known.mapping}` : 'map them with --map'}`,
    );
  }
  mergeColumns(summary, plan, file);
  if (options.collapse && !plan.fields.some((f) => f.name === 'case_id'))
    throw inputError(
      'missing_column',
      `${file}: --collapse keeps one row per case_id, and no column holds it (${headerNames.map((h) => `'${h}'`).join(', ')}); map one with --map`,
    );
  return plan;
}

/** The header of a file, read as srp reads it, and no further than its first batch. */
export async function readPlan(input: Input, options: ReadOptions): Promise<FilePlanInfo> {
  let plan: FilePlanInfo | null = null;
  const quiet = { ...options, fileReader: undefined, onRejections: undefined, progress: undefined, strict: false, acceptNone: true };
  const reading = readCases([input], { ...quiet, onPlan: (p) => (plan ??= p) });
  for await (const _ of reading.batches) if (plan) break;
  return plan!;
}

/** The optional cells of a file that did not read (taken as missing), into the summary for its warning. */
export function addUnread(summary: ReadSummary, plan: FilePlan, file: string): void {
  for (const f of plan.fields)
    if (f.unread?.rows) {
      const u = (summary.unread[f.name] ??= { rows: 0, first: f.unread.first, name: f.name, column: f.column, file });
      u.rows += f.unread.rows;
    }
}

/** Puts a column batch's cases in `batch`: the columns, and the cases as objects made only for a consumer that asks for them. */
export function holdColumns(batch: FileBatch, columns: CaseColumns): FileBatch {
  let made: Case[] | null = null;
  Object.defineProperty(batch, 'cases', { get: () => (made ??= columns.toCases()) });
  batch.columns = columns;
  return batch;
}

/** Records per batch from the first chunk (later batches are one 32 KiB chunk each). */
const FIRST_BATCH = 4096;

/** A batch from one file, with what `generate` needs to know about it. */
export type FileBatch = Batch & { derives: Derivations | null; file: string; idsFromData: boolean; provisional: boolean; expectedRows?: number };

async function* readFile(input: Input, options: ReadOptions, summary: ReadSummary): AsyncGenerator<FileBatch> {
  const source = await openText(input, options.encoding);
  try {
    yield* readSource(source, input, options, summary);
  } finally {
    source.close();
  }
}

async function* readSource(source: TextSource, input: Input, options: ReadOptions, summary: ReadSummary): AsyncGenerator<FileBatch> {
  const file = source.file;
  const continuation = typeof input === 'object' && 'continuation' in input ? input.continuation : undefined;
  const first = await source.chunks.next();
  let text = first.done ? '' : first.value;
  let bytes = source.bytes;
  // Excel's `sep=;` first line names the delimiter; it is neither header nor row.
  const sepLine = continuation ? null : /^sep=([^\r\n])(\r\n|\r|\n)/i.exec(text);
  if (sepLine) {
    text = text.slice(sepLine[0].length);
    bytes = bytes && bytes.subarray(sepLine[0].length);
  }
  const delimiter = options.delimiter ?? sepLine?.[1] ?? sniffDelimiter(text);
  const decimal = options.decimal ?? (delimiter === ';' ? ',' : '.');
  const info: FileInfo = { file, delimiter: delimiterName(delimiter), encoding: source.encoding, decimal, rows: 0, blank_lines: 0 };
  summary.files.push(info);

  const reader = new CsvReader(delimiter, continuation?.line ?? (sepLine ? 2 : 1));
  // Records wait in `records` until the header and the first chunk's records are in, to make the
  // plan from; from then on each record becomes a case (or a rejection) as soon as it is read.
  let header: string[] | null = continuation?.header ?? null;
  // (A quote-free line is kept with its text too, for the fast path to read once there is a plan.)
  let records: (RawRecord & { text?: string; start?: number; end?: number; bytes?: Uint8Array | null })[] = [];
  let cases: Case[] = [];
  let rejections: Rejection[] = [];
  let plan: FilePlan | undefined;
  // Where the plan allows (plain-record.ts), cases are read into columns, most without an object each.
  let plain: PlainRecords | null = null;
  let columns: CaseColumns | null = null;
  let rows = 0;
  let blank = 0;
  const fieldsRow = new FieldsRow();
  const lineRow = new LineRow(delimiter);
  const take = (row: Row, line: number) => {
    if (row.blank()) return void blank++;
    rows++;
    const out = toCase(row, line, file, plan!);
    if (!isRejection(out)) return void (columns ? columns.push(out) : cases.push(out));
    rejections.push(
      repeatsHeader(row, header!)
        ? { file, line, column: '', value: '', code: 'repeated_header', reason: 'the header line again (files joined together?)' }
        : out,
    );
  };
  const sink: ParseSink = {
    record: (r) => {
      if (header === null) header = r.fields;
      else if (plan) take(fieldsRow.set(r.fields), r.line);
      else records.push(r);
    },
    broken: (b) => {
      rows++;
      rejections.push({ file, line: b.line, column: '', value: '', code: b.code, reason: b.reason });
    },
    blank: () => blank++,
    line: (line, text, start, end, bytes) => {
      const fields = text.slice(start, end).split(delimiter);
      if (header === null) header = fields;
      else records.push({ line, fields, text, start, end, bytes });
    },
  };
  reader.push(text, sink, bytes);
  let read = text.length;
  // A header longer than the first chunk: read on until it is complete.
  while (header === null) {
    const next = await source.chunks.next();
    if (next.done) {
      reader.end(sink);
      break;
    }
    read += next.value.length;
    reader.push(next.value, sink, source.bytes);
  }
  if (header === null) throw inputError('no_rows', `${file}: no header line`);
  plan = startFile({ file, header, delimiter, decimal, encoding: source.encoding, sample: records.map((r) => r.fields) }, options, summary);
  const hasId = plan.fields.some((f) => f.name === 'case_id');
  plain = PlainRecords.for(plan, delimiter, decimal === ',');
  // Batches their consumer released (CaseColumns.release), to fill again.
  const pool: CaseColumns[] = [];
  const newColumns = () => (plain ? (pool.pop() ?? new CaseColumns(file, hasId, plan!.segment >= 0, plan!.satisfactionTop, pool)) : null);
  columns = newColumns();
  // The fast path's, where it takes the line.
  const fast = (line: number, text: string, start: number, end: number, bytes: Uint8Array | null) => {
    if (!plain?.take(text, start, end, line, columns!, bytes)) return false;
    rows++;
    return true;
  };
  sink.line = (line, text, start, end, bytes) => {
    if (!fast(line, text, start, end, bytes)) take(lineRow.set(text, start, end), line);
  };
  // A line whose quotes close on it, where the fast path does not take it, is read as a record.
  if (plain) sink.quotedLine = fast;

  const flush = (): FileBatch => {
    plain?.settle();
    info.rows += rows;
    summary.rows += rows;
    rows = 0;
    const batch: FileBatch = {
      cases,
      rejections: rejections.sort((a, b) => a.line - b.line),
      derives: plan!.derives,
      binary: plan!.satisfaction.binary,
      file,
      idsFromData: hasId,
      provisional: plan!.provisional,
    };
    if (columns) {
      holdColumns(batch, columns);
      columns = newColumns();
    }
    cases = [];
    rejections = [];
    return batch;
  };
  if (options.scaleOnly && !plan.provisional) return;
  // The first chunk's records, in batches of a chunk's size (a narrow file holds many in 256 KiB);
  // the first batch says how many rows the whole file probably holds, so tables can be sized once.
  const expectedRows = source.size && read ? Math.ceil((source.size / read) * (records.length + rows)) : undefined;
  for (let i = 0; i < records.length || i === 0; i += FIRST_BATCH) {
    for (const r of records.slice(i, i + FIRST_BATCH)) {
      if (r.text === undefined) take(fieldsRow.set(r.fields), r.line);
      else sink.line(r.line, r.text, r.start!, r.end!, r.bytes ?? null);
    }
    const batch = flush();
    if (i === 0) batch.expectedRows = expectedRows;
    yield batch;
  }
  records = [];
  for await (const chunk of source.chunks) {
    read += chunk.length; // characters: bytes for the single-byte text of big exports
    reader.push(chunk, sink, source.bytes);
    options.progress?.(read, source.size, summary.rows + rows);
    yield flush();
  }
  reader.end(sink);
  yield flush();
  info.blank_lines = blank;
  addUnread(summary, plan, file);
  if (source.replaced)
    summary.warnings.push(
      `${file}: ${source.replaced} byte${source.replaced > 1 ? 's' : ''} not valid ${source.encoding} replaced by U+FFFD (�); declare --encoding if the file is in another encoding`,
    );
  if (source.declared) summary.warnings.push(`${file}: read as ${source.encoding}, as its byte-order mark says, not as the declared ${source.declared}`);
}

function repeatsHeader(row: Row, header: string[]): boolean {
  if (row.count !== header.length) return false;
  for (let i = 0; i < header.length; i++) if (row.raw(i).trim() !== header[i].trim()) return false;
  return true;
}

function mergeColumns(summary: ReadSummary, plan: FilePlan, file: string) {
  for (const [name, how] of Object.entries(plan.sources)) {
    const before = summary.columns[name];
    summary.columns[name] = before === undefined || before === how ? how : `${before}; ${how} in ${file}`;
  }
  for (const note of plan.notes) summary.warnings.push(`${file}: ${note}`);
  for (const name of plan.set) if (!summary.set.includes(name)) summary.set.push(name);
}

/** Adds the summary of a later part of the same input (read by another thread). */
export function mergeSummaries(first: ReadSummary, second: ReadSummary): ReadSummary {
  const [a] = first.files;
  const [b] = second.files;
  const tally = emptyTally();
  addTally(tally, first.tally);
  addTally(tally, second.tally);
  const reasons = { ...first.reasons };
  const polarity = emptyPolarity();
  addPolarity(polarity, first.polarity);
  addPolarity(polarity, second.polarity);
  for (const [code, n] of Object.entries(second.reasons) as [RejectionCode, number][]) reasons[code] = (reasons[code] ?? 0) + n;
  const unread = { ...first.unread };
  for (const [name, u] of Object.entries(second.unread)) unread[name] = unread[name] ? { ...unread[name], rows: unread[name].rows + u.rows } : u;
  return {
    files: [{ ...a, rows: a.rows + b.rows, blank_lines: a.blank_lines + b.blank_lines }],
    rows: first.rows + second.rows,
    accepted: first.accepted + second.accepted,
    rejected: first.rejected + second.rejected,
    collapsed: first.collapsed + second.collapsed,
    unread,
    columns: first.columns,
    warnings: [...new Set([...first.warnings, ...second.warnings])],
    tally,
    scales: first.scales,
    reasons,
    set: first.set,
    polarity,
    strictPending: first.strictPending ?? second.strictPending,
  };
}
