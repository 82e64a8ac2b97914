/**
 * The fast path of reading (SPEC §8): a quote-free line of a canonical file (ids, factors and
 * satisfaction, nothing mapped through value tables or expressions) whose numbers are written
 * plainly and in range goes straight into the batch's columns, with no case object and no converter
 * called; a factor or count written otherwise (a word such as `hoog`, a percentage) is read by its
 * column's converter, and kept where that gives a number. Any other line (a blank or marked cell, a
 * problem, a satisfaction not a plain number, another field count) is left to the general reading
 * (record.ts), which gives it its case or its rejection. The two read every line the fast path takes
 * alike (test/io/plain-record.test.ts).
 */
import type { Canonical } from './columns.js';
import { COLUMNS, type CaseColumns, type Column } from './case-columns.js';
import type { Converter, PlainRule } from './convert.js';
import type { FilePlan } from './plan.js';
import { segmentOf } from './record.js';
import { tallyNumber, WholeCounts, type ScaleTally } from './scale.js';
import { decimalEnd, decimalUntil } from './values.js';

/** The column of the case batch each canonical number goes into. */
const COLUMN_OF: Partial<Record<Canonical, Column>> = {
  severity: 'severity',
  prior_failures: 'prior',
  controllability: 'controllability',
  stability: 'stability',
  recovery_quality: 'recovery',
  pre_satisfaction: 'pre',
  post_satisfaction: 'post',
};

const printable = (c: number) => c > 32 && c < 127;

export type NumberField = Extract<PlainRule, { kind: 'number' }> & { index: number; column: Column; convert: Converter };

/**
 * The fields of a plan whose cases the columns hold (an id, canonical numbers, a segment), with each
 * number's plain rule; null where the plan reads more (or the delimiter is the decimal point).
 */
export function plainFields(plan: FilePlan, delimiter: string, decimalComma: boolean): { numbers: NumberField[]; id: number } | null {
  const point = decimalComma ? 44 : 46;
  if (plan.keep.length || plan.order || plan.derives || delimiter.charCodeAt(0) === point) return null;
  const numbers: NumberField[] = [];
  let id = -1;
  for (const f of plan.fields) {
    if (f.index < 0 || !f.plain) return null;
    if (f.plain.kind === 'id' && f.name === 'case_id') id = f.index;
    else if (f.plain.kind === 'number' && COLUMN_OF[f.name] && !numbers.some((g) => g.index === f.index))
      numbers.push({ ...f.plain, index: f.index, column: COLUMN_OF[f.name]!, convert: f.convert });
    else return null;
  }
  if (!numbers.length || numbers.some((f) => f.index === id)) return null;
  return { numbers, id };
}

export class PlainRecords {
  /** What each field of a line is: a number field's index, or ID, or OTHER. */
  private readonly roles: Int32Array;
  // The number fields' rules, field by field (typed arrays: read for every cell).
  private readonly lo: Float64Array;
  private readonly hi: Float64Array;
  private readonly whole: Uint8Array;
  private readonly scaled: Uint8Array;
  private readonly slot: Int32Array;
  private readonly tally: (ScaleTally | null)[];
  /** Per number field with a tally: its whole values, counted until the batch ends (`settle`). */
  private readonly wholes: (WholeCounts | null)[];
  /**
   * Per number field without a tally: its converter, for a cell that is not a plain number in range
   * (a word, a percentage): the value it gives is the value the general reading gives, and where
   * it gives none (a missing marker, a problem) the line is left to the general reading.
   */
  private readonly converters: (Converter | null)[];
  private readonly read: Float64Array;
  private readonly markerLength: number;

  private constructor(
    numbers: NumberField[],
    id: number,
    private readonly segment: number,
    width: number,
    private readonly point: number,
    private readonly delimiter: number,
    private readonly missing: ReadonlySet<string>,
  ) {
    this.roles = new Int32Array(width).fill(OTHER);
    numbers.forEach((f, k) => (this.roles[f.index] = k));
    if (id >= 0) this.roles[id] = ID;
    this.lo = Float64Array.from(numbers, (f) => f.lo);
    this.hi = Float64Array.from(numbers, (f) => f.hi);
    this.whole = Uint8Array.from(numbers, (f) => Number(f.whole));
    this.scaled = Uint8Array.from(numbers, (f) => Number(f.scaled));
    this.slot = Int32Array.from(numbers, (f) => COLUMNS.indexOf(f.column));
    this.tally = numbers.map((f) => f.tally);
    this.wholes = numbers.map((f) => (f.tally ? new WholeCounts() : null));
    this.converters = numbers.map((f) => (f.tally ? null : f.convert));
    this.read = new Float64Array(numbers.length);
    this.markerLength = Math.max(0, ...[...missing].map((m) => m.length));
  }

  /** The fast path for a file read with this plan, or null where its cases need more than the columns hold. */
  static for(plan: FilePlan, delimiter: string, decimalComma: boolean): PlainRecords | null {
    const fields = plainFields(plan, delimiter, decimalComma);
    if (!fields) return null;
    return new PlainRecords(fields.numbers, fields.id, plan.segment, plan.width, decimalComma ? 44 : 46, delimiter.charCodeAt(0), plan.missing);
  }

  /** Reads the line text[start, end) into the columns and says true, or says false and leaves it to the general reading. */
  take(text: string, start: number, end: number, line: number, into: CaseColumns): boolean {
    const { read, roles, delimiter, lo, hi, whole } = this;
    // The number fields whose value came from their converter (already on its scale), as bits.
    let converted = 0;
    let id: string | null = null;
    let segment: string | null = null;
    let at = start;
    for (let j = 0; j < roles.length; j++) {
      if (at > end) return false; // fewer fields than the header
      const k = roles[j];
      let stop: number;
      if (k >= 0) {
        const n = decimalUntil(text, at, end, this.point, delimiter);
        // NaN (not a plain number) fails both tests.
        if (n >= lo[k] && n <= hi[k] && !(whole[k] && n % 1 !== 0)) {
          read[k] = n;
          stop = decimalEnd;
        } else {
          const convert = this.converters[k];
          if (!convert) return false;
          stop = at;
          while (stop < end && text.charCodeAt(stop) !== delimiter) stop++;
          const cell = text.slice(at, stop);
          // An empty cell may be a mapping's default, or part of a blank line (the general reading's,
          // which trims as here).
          if (cell.trim() === '') return false;
          const v = convert(cell);
          if (typeof v !== 'number') return false;
          read[k] = v;
          converted |= 1 << k;
        }
      } else {
        stop = at;
        while (stop < end && text.charCodeAt(stop) !== delimiter) stop++;
        if (k === ID) {
          id = text.slice(at, stop);
          if (!this.plainId(id)) return false;
        }
      }
      if (j === this.segment) segment = segmentOf(text.slice(at, stop), this.missing);
      at = stop + 1;
    }
    if (at <= end) return false; // more fields than the header
    const i = into.add(line, id, segment);
    for (let k = 0; k < read.length; k++) {
      const n = read[k];
      const wholes = this.wholes[k];
      if (wholes && !wholes.add(n)) tallyNumber(this.tally[k]!, n);
      into.values[this.slot[k]][i] = this.scaled[k] && !(converted & (1 << k)) ? (n - lo[k]) / (hi[k] - lo[k]) : n;
    }
    return true;
  }

  /** Adds the whole values counted so far to their tallies (before anyone reads them: at the end of each batch). */
  settle(): void {
    this.wholes.forEach((w, k) => w?.addTo(this.tally[k]!));
  }

  /** An id that reads as written: not empty, nothing to trim at either end (printable ASCII there), not a missing marker. */
  private plainId(id: string): boolean {
    return id.length > 0 && printable(id.charCodeAt(0)) && printable(id.charCodeAt(id.length - 1)) && !(id.length <= this.markerLength && this.missing.has(id));
  }
}

const ID = -1;
const OTHER = -2;
