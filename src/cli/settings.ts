/**
 * The one normaliser (as csv-parse's normalize_options): the command line's flags and the
 * mapping file's top-level settings become one typed, checked Settings for the command, before
 * anything is read. Every mistake is a usage error (exit 2) that names where it came from:
 * `--threshold`, or `map.json: decimal`. The command line wins over the mapping.
 */
import type { Readable } from 'node:stream';
import { DESIGNS, type Design } from '../commands/context.js';
import type { Period } from '../commands/report/index.js';
import { usageError } from '../errors.js';
import { parseDelimiter } from '../io/delimiter.js';
import { parseEncoding, type Encoding } from '../io/encoding.js';
import { loadMapping, type Collapse, type Mapping } from '../io/mapping.js';
import type { ReadOptions } from '../io/read.js';
import type { Input } from '../io/source.js';
import { parseDateOrder, type DateOrder } from '../io/dates.js';
import { loadModel, type Model } from '../model/model.js';
import { COMMAND_FORMATS, type Format } from '../report/index.js';
import type { Alternative } from '../stats/alternative.js';
import type { MetaMethod } from '../stats/meta.js';
import { DIALECTS, type DialectName } from '../sql/dialect.js';
import { parseCondition, type Condition } from './fail-if.js';

export type CommandName = keyof typeof COMMAND_FORMATS;

/** The flags commander hands over, as typed: every option of every command, each one named. */
export interface Flags {
  map?: string;
  model?: string;
  format?: string;
  output?: string;
  delimiter?: string;
  encoding?: string;
  decimal?: string;
  dateFormat?: string;
  scale?: string;
  binary?: boolean;
  strict?: boolean;
  rejects?: string;
  failIf?: string[];
  quiet?: boolean;
  color?: boolean;
  threshold?: string;
  by?: string;
  period?: string;
  design?: string;
  alternative?: string;
  confLevel?: string;
  exact?: string;
  equivalence?: string;
  method?: string;
  study?: string;
  studies?: string;
  folds?: string;
  seed?: string;
  baseline?: string;
  keep?: string;
  missing?: string;
  collapse?: string;
  collapseOrder?: string;
  dialect?: string;
  table?: string;
  engine?: string;
  query?: string;
  threads?: string;
}

interface Common {
  /** The files named on the command line ('-' for standard input). */
  files: string[];
  inputs: Input[];
  read: ReadOptions;
  model: Model;
  format: Format;
  output?: string;
  rejects?: string;
  conditions: Condition[];
  quiet: boolean;
  /** `--no-color` not given (colour may still be off: not a terminal, NO_COLOR). */
  color: boolean;
  /** --design, or none to choose from the columns (SPEC §3.5). */
  design?: Design;
  /** --baseline or the mapping's `baseline`: the pre-failure level of the baseline design. */
  baseline?: number;
}

export interface ScoreSettings extends Common {
  command: 'score';
  threshold: number;
  /** Columns passed through to every format (--keep). */
  keep: string[];
  engine: Engine;
}
export interface ReportSettings extends Common {
  command: 'report';
  threshold: number;
  by?: string;
  period?: Period;
  engine: Engine;
  /** --threads: how many threads read a single file (none: by its size). */
  threads?: 1 | 2;
}
/** Who reads the input: srp's own reader, or embedded DuckDB (SPEC §9). */
export type Engine = 'own' | 'duckdb';
export interface TestSettings extends Common {
  command: 'test';
  alternative: Alternative;
  confLevel: number;
  /** false: rank tests by the normal approximation; undefined: R's default. */
  exact?: boolean;
  /** The equivalence margin (TOST), in satisfaction-scale points. */
  equivalence?: number;
}
export interface FitSettings extends Common {
  command: 'fit';
  folds: number;
  seed: number;
}
export interface ValidateSettings extends Common {
  command: 'validate';
}
export interface MetaSettings extends Common {
  command: 'meta';
  method: MetaMethod;
  confLevel: number;
  /** The column naming each row's study in a long file. */
  study?: string;
  /** The meta-regression's moderator, and the studies table it is read from. */
  by?: string;
  studies?: string;
}
export interface SqlSettings extends Common {
  command: 'sql';
  dialect: DialectName;
  table: string;
  threshold: number;
  /** Which query the text output writes (JSON has both). */
  query: 'score' | 'report';
  by?: string;
  period?: Period;
}
export type Settings = ScoreSettings | ReportSettings | TestSettings | FitSettings | ValidateSettings | MetaSettings | SqlSettings;

const bad = (where: string, why: string): never => {
  throw usageError('bad_option', `${where}: ${why}`);
};

export function settingsFor(command: CommandName, files: string[], flags: Flags, stdin: Readable): Settings {
  const format = formatOf(command, flags.format ?? formatOfFile(command, flags.output));
  // Options first (cheap, and a mistake there should not wait for a mapping or a model to load).
  const specific = commandSettings(command, flags, files);
  const conditions = (flags.failIf ?? []).map(parseCondition);
  const fromFlags = readFlags(flags);
  const mapping = flags.map === undefined ? undefined : loadMapping(flags.map);
  const read: ReadOptions = {
    ...fromMapping(mapping),
    ...defined(fromFlags),
    mapping,
    strict: !!flags.strict,
    binary: !!flags.binary,
    by: flags.by,
    keep: 'keep' in specific ? specific.keep : undefined,
    missing: flags.missing === undefined ? mapping?.missing : commaList(flags.missing),
    collapse: collapseOf(flags, mapping),
    needsDate: 'period' in specific && specific.period !== undefined,
  };
  if (read.binary && read.satisfactionScale)
    bad('--binary', `satisfaction is read as satisfied or not, and --scale ${read.satisfactionScale.join(',')} reads it as a score: give one of them`);
  const common: Common = {
    files,
    inputs: inputsFrom(files, stdin),
    read,
    model: loadModel(flags.model),
    format,
    output: flags.output,
    rejects: flags.rejects,
    conditions,
    quiet: !!flags.quiet,
    color: flags.color !== false,
    design: designOf(flags.design),
    baseline: baselineOf(flags.baseline, mapping),
  };
  return { ...common, ...specific } as Settings;
}

/** The format an output file's extension names (`-o report.html`), where --format is not given and the command writes it. */
const BY_EXTENSION: Record<string, string> = { html: 'html', htm: 'html', json: 'json', ndjson: 'ndjson', jsonl: 'ndjson', md: 'markdown', markdown: 'markdown', csv: 'csv', txt: 'text' };

function formatOfFile(command: CommandName, output?: string): string | undefined {
  if (!output || command === 'fit') return undefined; // fit's -o is the model file
  const format = BY_EXTENSION[/\.([a-z]+)$/i.exec(output)?.[1].toLowerCase() ?? ''];
  const allowed: readonly string[] = COMMAND_FORMATS[command];
  // A name that promises a format the command does not write would hold another one: say so rather than write text into report.csv.
  if (format && !allowed.includes(format))
    bad('-o', `${output} names ${format} output, which ${command} does not write (${allowed.join(', ')}): give --format, or another name`);
  return format;
}

function formatOf(command: CommandName, value = 'text'): Format {
  const allowed: readonly string[] = COMMAND_FORMATS[command];
  const f = value.toLowerCase();
  if (!allowed.includes(f)) bad('--format', `'${value}' is not one of ${allowed.join(', ')} for this command`);
  return f as Format;
}

function commandSettings(command: CommandName, flags: Flags, files: string[]) {
  switch (command) {
    case 'score':
      return { command, threshold: threshold(flags.threshold), keep: flags.keep === undefined ? [] : commaList(flags.keep), engine: engineOf(flags, files) };
    case 'report':
      return { command, threshold: threshold(flags.threshold), by: flags.by, period: flags.period as Period | undefined, engine: engineOf(flags, files), threads: threadsOf(flags) };
    case 'test':
      return {
        command,
        alternative: (flags.alternative ?? 'two-sided') as Alternative,
        confLevel: confLevel(flags.confLevel),
        exact:
          flags.exact === undefined || flags.exact === 'auto'
            ? undefined
            : flags.exact === 'false'
              ? false
              : bad('--exact', `'${flags.exact}' is not auto or false`),
        equivalence: flags.equivalence === undefined ? undefined : margin(flags.equivalence),
      };
    case 'fit':
      return { command, folds: whole('--folds', flags.folds ?? '5', 2, 50), seed: whole('--seed', flags.seed ?? '1', -(2 ** 31), 2 ** 31 - 1) };
    case 'validate':
      return { command };
    case 'sql':
      return {
        command,
        dialect: (DIALECTS as readonly string[]).includes(flags.dialect ?? 'duckdb')
          ? ((flags.dialect ?? 'duckdb') as DialectName)
          : bad('--dialect', `'${flags.dialect}' is not one of ${DIALECTS.join(', ')}`),
        table: flags.table === undefined ? 'export' : flags.table.trim() || bad('--table', 'give the table (a name or a table expression)'),
        threshold: threshold(flags.threshold),
        query: flags.query === undefined || flags.query === 'score' || flags.query === 'report' ? ((flags.query ?? 'score') as 'score' | 'report') : bad('--query', `'${flags.query}' is not score or report`),
        by: flags.by,
        period: flags.period as Period | undefined,
      };
    case 'meta':
      return {
        command,
        method: (flags.method ?? 'reml').toUpperCase() as MetaMethod,
        confLevel: confLevel(flags.confLevel),
        study: flags.study,
        by: flags.by,
        studies: flags.studies,
      };
  }
}

/** --engine, checked against what DuckDB's reading can do (a file, not standard input). */
function engineOf(flags: Flags, files: string[]): Engine {
  const engine = flags.engine ?? 'own';
  if (engine !== 'own' && engine !== 'duckdb') return bad('--engine', `'${engine}' is not own or duckdb`);
  if (engine === 'duckdb' && (files.length === 0 || files.includes('-'))) bad('--engine', 'duckdb reads files, not standard input: name the file');
  return engine;
}

/** --threads, for srp's own reader (DuckDB reads with every core). */
function threadsOf(flags: Flags): 1 | 2 | undefined {
  if (flags.threads === undefined) return undefined;
  if (flags.threads !== '1' && flags.threads !== '2') return bad('--threads', `'${flags.threads}' is not 1 or 2`);
  if (flags.engine === 'duckdb') return bad('--threads', 'applies to srp\'s own reader; --engine duckdb reads with every core');
  return Number(flags.threads) as 1 | 2;
}

/** A comma-separated option (--keep, --missing: an empty list means none). */
const commaList = (value: string) =>
  value
    .trim()
    .split(/\s*,\s*/)
    .filter(Boolean);

/** --collapse first|last with --collapse-order, else the mapping's `collapse`. */
function collapseOf(flags: Flags, mapping?: Mapping): Collapse | undefined {
  if (flags.collapse === undefined) {
    if (flags.collapseOrder !== undefined) bad('--collapse-order', 'goes with --collapse first or --collapse last');
    return mapping?.collapse;
  }
  if (flags.collapse !== 'first' && flags.collapse !== 'last') bad('--collapse', `'${flags.collapse}' is not first or last`);
  return { keep: flags.collapse as Collapse['keep'], order: flags.collapseOrder ?? mapping?.collapse?.order };
}

function designOf(value?: string): Design | undefined {
  if (value === undefined) return undefined;
  if (!(DESIGNS as readonly string[]).includes(value)) bad('--design', `'${value}' is not one of ${DESIGNS.join(', ')}`);
  return value as Design;
}

/** The stated pre-failure level: --baseline, else the mapping's `baseline`. */
function baselineOf(value: string | undefined, mapping?: Mapping): number | undefined {
  if (value !== undefined) {
    const n = Number(value.replace(',', '.'));
    if (value.trim() === '' || !Number.isFinite(n))
      bad('--baseline', `'${value}' is not a number (the satisfaction without a failure, on the satisfaction scale)`);
    return n;
  }
  return mapping?.baseline;
}

function threshold(value = '0.5'): number {
  const t = Number(value);
  if (!Number.isFinite(t) || t <= 0 || t >= 1) bad('--threshold', `'${value}' is not a probability between 0 and 1`);
  return t;
}

/** --equivalence: a positive number of scale points. */
function margin(value: string): number {
  const d = Number(value);
  if (!(Number.isFinite(d) && d > 0)) bad('--equivalence', `'${value}' is not a positive number (the margin, in satisfaction-scale points)`);
  return d;
}

function confLevel(value = '0.95'): number {
  const c = Number(value);
  if (!(c > 0 && c < 1)) bad('--conf-level', `'${value}' is not a number between 0 and 1`);
  return c;
}

function whole(name: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) bad(name, `'${value}' is not a whole number${max - min < 1000 ? ` from ${min} to ${max}` : ''}`);
  return n;
}

interface ReadSettings {
  delimiter?: string;
  encoding?: Encoding;
  decimal?: '.' | ',';
  dateOrder?: DateOrder;
  satisfactionScale?: [number, number];
}

/** The reading settings a source gives (flags, or a mapping's top level), each checked and named by `where`. */
function readSettings(
  source: { delimiter?: string; encoding?: string; decimal?: string; dateFormat?: string; scale?: string },
  where: (key: string) => string,
): ReadSettings {
  const out: ReadSettings = {};
  if (source.delimiter !== undefined)
    out.delimiter = parseDelimiter(source.delimiter) ?? bad(where('delimiter'), `'${source.delimiter}' is not a single delimiter character (use , ; tab or |)`);
  if (source.encoding !== undefined)
    out.encoding =
      parseEncoding(source.encoding) ?? bad(where('encoding'), `unknown encoding '${source.encoding}' (use utf-8, utf-16le, utf-16be or latin1/windows-1252)`);
  if (source.decimal !== undefined) out.decimal = decimalOf(source.decimal) ?? bad(where('decimal'), `'${source.decimal}' is not ',' or '.'`);
  if (source.dateFormat !== undefined)
    out.dateOrder =
      parseDateOrder(source.dateFormat) ?? bad(where('date_format'), `'${source.dateFormat}' is not one of iso, dmy (day-first), mdy (month-first)`);
  if (source.scale !== undefined)
    out.satisfactionScale = parseScale(source.scale) ?? bad(where('scale'), `'${source.scale}' is not MIN,MAX (for example 1,5 or 0,10)`);
  return out;
}

const FLAG: Record<string, string> = { delimiter: '--delimiter', encoding: '--encoding', decimal: '--decimal', date_format: '--date-format', scale: '--scale' };
const readFlags = (flags: Flags) => readSettings(flags, (key) => FLAG[key]);
const fromMapping = (m?: Mapping) =>
  m
    ? readSettings({ delimiter: m.delimiter, encoding: m.encoding, decimal: m.decimal, dateFormat: m.date_format }, (key) => `${m.path ?? 'mapping'}: ${key}`)
    : {};

const decimalOf = (v: string): '.' | ',' | null => (v === ',' || v === 'comma' ? ',' : v === '.' || v === 'point' ? '.' : null);

function parseScale(text: string): [number, number] | null {
  const parts = text.split(/[,:–-]/).map((s) => Number(s.trim()));
  return parts.length === 2 && parts.every(Number.isFinite) && parts[0] < parts[1] ? [parts[0], parts[1]] : null;
}

/** The keys whose value is set, so that a flag left out does not hide the mapping's value. */
const defined = <T extends object>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

function inputsFrom(files: string[], stdin: Readable): Input[] {
  const list = files.length ? files : ['-'];
  if (list.filter((f) => f === '-').length > 1) throw usageError('bad_option', 'standard input (-) can be read only once');
  return list.map((f) => (f === '-' ? { name: '<stdin>', stream: stdin } : f));
}
