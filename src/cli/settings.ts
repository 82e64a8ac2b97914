/**
 * Command-line options → one checked configuration. Every check that can fail on what the
 * user typed happens here, up front, as a usage error (exit 2).
 */
import type { Readable } from 'node:stream';
import { usageError } from '../errors.js';
import { delimiterFromOption } from '../io/delimiter.js';
import { encodingFromOption } from '../io/encoding.js';
import { loadMapping } from '../io/mapping.js';
import type { ReadOptions } from '../io/read.js';
import type { Input } from '../io/source.js';
import { dateOrderFromOption } from '../io/values.js';

export interface RawOptions {
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
  [key: string]: unknown;
}

export function inputsFrom(files: string[], stdin: Readable): Input[] {
  const list = files.length ? files : ['-'];
  if (list.filter((f) => f === '-').length > 1) throw usageError('bad_option', 'standard input (-) can be read only once');
  return list.map((f) => (f === '-' ? { name: '<stdin>', stream: stdin } : f));
}

export function readOptionsFrom(o: RawOptions): ReadOptions {
  const decimal = o.decimal === undefined ? undefined : o.decimal === ',' || o.decimal === 'comma' ? ',' : o.decimal === '.' || o.decimal === 'point' ? '.' : badDecimal(o.decimal);
  let dateOrder;
  if (o.dateFormat !== undefined) {
    dateOrder = dateOrderFromOption(o.dateFormat);
    if (!dateOrder) throw usageError('bad_option', `--date-format: '${o.dateFormat}' is not one of iso, dmy (day-first), mdy (month-first)`);
  }
  return {
    mapping: o.map ? loadMapping(o.map) : undefined,
    delimiter: o.delimiter === undefined ? undefined : delimiterFromOption(o.delimiter),
    encoding: o.encoding === undefined ? undefined : encodingFromOption(o.encoding),
    decimal,
    dateOrder: dateOrder ?? undefined,
    satisfactionScale: o.scale === undefined ? undefined : parseScale(o.scale),
    binary: !!o.binary,
    strict: !!o.strict,
    by: o.by,
  };
}

function badDecimal(v: string): never {
  throw usageError('bad_option', `--decimal: '${v}' is not ',' or '.'`);
}

function parseScale(text: string): [number, number] {
  const parts = text.split(/[,:–-]/).map((s) => Number(s.trim()));
  if (parts.length !== 2 || !parts.every(Number.isFinite) || parts[0] >= parts[1]) throw usageError('bad_option', `--scale: '${text}' is not MIN,MAX (for example 1,5 or 0,10)`);
  return [parts[0], parts[1]];
}

export function thresholdFrom(o: RawOptions): number {
  if (o.threshold === undefined) return 0.5;
  const t = Number(o.threshold);
  if (!Number.isFinite(t) || t <= 0 || t >= 1) throw usageError('bad_option', `--threshold: '${o.threshold}' is not a probability between 0 and 1`);
  return t;
}

export function formatFrom(o: RawOptions, allowed: string[]): string {
  const f = (o.format ?? 'text').toLowerCase();
  if (!allowed.includes(f)) throw usageError('bad_option', `--format: '${o.format}' is not one of ${allowed.join(', ')} for this command`);
  return f;
}
