/**
 * The reader of a plain line, compiled for one file's fields (SPEC §8). A loop over the fields that
 * looks up each one's role, range and column took 5,970 instructions a canonical row to read, and
 * straight code for the fields in their order takes 3,830 (callgrind); on 1,000,000 rows that is
 * about 0.1 s of a 0.9 s report. So the code is written once per file and compiled with `new Function`.
 *
 * Safe by construction: the source holds integers only (the number fields' ordinals and bit masks,
 * column slots, the delimiter's and the decimal mark's char codes, each checked to be one) and
 * fixed text; every
 * value a plan or a mapping gives (ranges, converters, tallies, missing markers) is passed to it as
 * an argument, never written into it. Where code generation is not allowed
 * (`--disallow-code-generation-from-strings`), `compilePlainLine` gives null and every line goes to
 * the general reading. Tested with the fast path it serves: test/io/plain-record.test.ts.
 */
import { COLUMNS, type CaseColumns, type Column } from './case-columns.js';
import type { Converter } from './convert.js';
import { segmentOf } from './record.js';
import { tallyNumber, type ScaleTally, type WholeCounts } from './scale.js';
import { POW10 } from './values.js';

/**
 * Reads the line text[start, end) into the columns and says true, or says false and leaves it to
 * the general reading. `bytes`, where given, are the text's characters one for one (an ASCII
 * chunk): read from them, a character is a byte loaded, where `charCodeAt` tells a string's kinds
 * apart at every character (a canonical row's report: 6,230 instructions against 6,560).
 */
export type PlainLine = (text: string, start: number, end: number, line: number, into: CaseColumns, bytes: Uint8Array | null) => boolean;

/** What the reader does with one field of a line. */
export type PlainField =
  | { kind: 'id' }
  | { kind: 'other' }
  | {
      kind: 'number';
      column: Column;
      /** The plain numbers taken: in [lo, hi], whole where `whole`. */
      lo: number;
      hi: number;
      whole: boolean;
      /** Put onto [0, 1] from [lo, hi] (a value from the converter is already on its scale). */
      scaled: boolean;
      /** A cell not a plain number in range is read by this converter, and the line left where it gives no number; null: left at once. */
      convert: Converter | null;
      /** Satisfaction: its whole values counted here, the rest in `tally`. */
      wholes: WholeCounts | null;
      tally: ScaleTally | null;
    };

export interface PlainLineSpec {
  fields: PlainField[];
  /** The field that is the segment (--by), or -1. */
  segment: number;
  /** The decimal mark's and the delimiter's char codes. */
  point: number;
  delimiter: number;
  missing: ReadonlySet<string>;
  /** An id that reads as written (the general reading would make nothing else of it). */
  plainId: (id: string) => boolean;
}

const canCompile = (() => {
  try {
    return typeof new Function('return 1') === 'function';
  } catch {
    return false;
  }
})();

/** The line reader for these fields, or null where code generation is not allowed. */
export function compilePlainLine(spec: PlainLineSpec): PlainLine | null {
  if (!canCompile) return null;
  const fromText = compile(spec, (i) => `text.charCodeAt(${i})`);
  const fromBytes = compile(spec, (i) => `bytes[${i}]`);
  return (text, start, end, line, into, bytes) => (bytes ? fromBytes(text, start, end, line, into, bytes) : fromText(text, start, end, line, into, null));
}

/** The reader, with `char(i)` the expression for the char code at i. */
function compile(spec: PlainLineSpec, char: (i: string) => string): PlainLine {
  const int = (n: number) => {
    if (!Number.isInteger(n)) throw new Error(`not an integer: ${n}`);
    return String(n);
  };
  const point = int(spec.point);
  const delimiter = int(spec.delimiter);
  // The arguments the source refers to by name, and their values.
  const args: Record<string, unknown> = { POW10, segmentOf, tallyNumber, missing: spec.missing, plainId: spec.plainId, viaConverter };
  const code: string[] = ['let at = start, stop = 0, from = 0, c = 0, id = null, segment = null, converted = 0;'];
  const toEnd = `stop = at; while (stop < end && ${char('stop')} !== ${delimiter}) stop++;`;
  const numbers: { k: string; f: Extract<PlainField, { kind: 'number' }> }[] = [];
  spec.fields.forEach((f, j) => {
    code.push('if (at > end) return false;');
    if (f.kind === 'number') {
      const k = int(numbers.length);
      numbers.push({ k, f });
      Object.assign(args, { [`lo${k}`]: f.lo, [`hi${k}`]: f.hi, [`span${k}`]: f.hi - f.lo, [`convert${k}`]: f.convert, [`read${k}`]: new Map(), [`wholes${k}`]: f.wholes, [`tally${k}`]: f.tally });
      code.push(decimalAt(k, point, delimiter, char));
      code.push(`if (!(n${k} >= lo${k} && n${k} <= hi${k}${f.whole ? ` && Number.isInteger(n${k})` : ''})) {`);
      if (f.convert) code.push(`${toEnd} const v = viaConverter(convert${k}, read${k}, text.slice(at, stop)); if (v === null) return false; n${k} = v; converted |= ${1 << Number(k)};`);
      else code.push('return false;');
      code.push('}');
      if (j === spec.segment) code.push('segment = segmentOf(text.slice(at, stop), missing);');
    } else {
      // Text as written, or quoted whole ("C1", "Smith, J."): the text between the quotes, as the
      // general reading gives it; a quote within (doubled) is left to it.
      code.push(`from = at; if (${char('at')} === 34) { from = at + 1; stop = from; while (stop < end && ${char('stop')} !== 34) stop++; if (stop >= end || (stop + 1 < end && ${char('stop + 1')} !== ${delimiter})) return false; } else { ${toEnd} }`);
      if (f.kind === 'id') code.push('id = text.slice(from, stop); if (!plainId(id)) return false;');
      if (j === spec.segment) code.push('segment = segmentOf(text.slice(from, stop), missing);');
      code.push('if (from > at) stop++;');
    }
    code.push('at = stop + 1;');
  });
  code.push('if (at <= end) return false;', 'const i = into.add(line, id, segment); const values = into.values;');
  for (const { k, f } of numbers) {
    if (f.wholes) code.push(`if (!wholes${k}.add(n${k})) tallyNumber(tally${k}, n${k});`);
    const value = f.scaled ? `(converted & ${1 << Number(k)}) ? n${k} : (n${k} - lo${k}) / span${k}` : `n${k}`;
    code.push(`values[${int(COLUMNS.indexOf(f.column))}][i] = ${value};`);
  }
  code.push('return true;');
  const source = `"use strict"; return function plainLine(text, start, end, line, into, bytes) {\n${code.join('\n')}\n};`;
  return new Function(...Object.keys(args), source)(...Object.values(args)) as PlainLine;
}

/**
 * Reads the number that starts at `at` into n<k>, left NaN unless `[-]digits[.digits]` with at most
 * 15 digits up to the delimiter or the line's end; then `stop` is where it ended. The same rule
 * and the same double as `decimalIn` (values.ts), which the general reading uses.
 */
function decimalAt(k: string, point: string, delimiter: string, char: (i: string) => string): string {
  return `let n${k} = NaN;
  number${k}: {
    const negative = ${char('at')} === 45;
    const first = negative ? at + 1 : at;
    let mantissa = 0, scale = -1, i = first;
    for (; i < end; i++) {
      c = ${char('i')};
      if (c >= 48 && c <= 57) { mantissa = mantissa * 10 + (c - 48); if (scale >= 0) scale++; }
      else if (c === ${point} && scale < 0) scale = 0;
      else if (c === ${delimiter}) break;
      else break number${k};
    }
    if (i === first || scale === 0 || i - first > (scale < 0 ? 15 : 16)) break number${k};
    stop = i;
    const v = scale > 0 ? mantissa / POW10[scale] : mantissa;
    n${k} = negative ? -v : v;
  }`;
}

/**
 * A cell read by its column's converter: its number, or null where the general reading must have
 * the line (blank, or no number). The converters of number fields (factors, components, counts)
 * give a cell's value from its text alone, so what the first READ_KEPT short texts read as is kept
 * in `read`: a column of words (`hoog`, `intern`) holds a few, and each was read again on every
 * line (the European benchmark: about 25 of its 340 ms). Short, because V8 keeps a longer slice as
 * a view of its whole chunk (32 KiB), which a kept key would hold in memory.
 */
function viaConverter(convert: Converter, read: Map<string, number | null>, cell: string): number | null {
  const known = read.get(cell);
  if (known !== undefined) return known;
  const v = cell.trim() === '' ? null : convert(cell);
  const n = typeof v === 'number' ? v : null;
  if (read.size < READ_KEPT && cell.length <= KEPT_LENGTH) read.set(cell, n);
  return n;
}

const READ_KEPT = 256;
/** The longest text kept: V8 copies a slice shorter than 13 characters, and keeps a longer one as a view. */
const KEPT_LENGTH = 12;
