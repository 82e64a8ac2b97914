/**
 * The fast path of reading (SPEC §8): a line of a canonical file (ids, factors and satisfaction,
 * nothing mapped through value tables or expressions), quote-free or with its text cells quoted
 * whole as R's write.csv writes them (csv.ts offers such a line first), whose numbers are written
 * plainly and in range goes straight into the batch's columns, with no case object and no converter
 * called; a factor or count written otherwise (a word such as `hoog`, a percentage) is read by its
 * column's converter, and kept where that gives a number. Any other line (a blank or marked cell, a
 * problem, a satisfaction not a plain number, another field count) is left to the general reading
 * (record.ts), which gives it its case or its rejection. The two read every line the fast path takes
 * alike (test/io/plain-record.test.ts).
 */
import type { Canonical } from './columns.js';
import type { Column } from './case-columns.js';
import type { Converter, PlainRule } from './convert.js';
import type { FilePlan } from './plan.js';
import { compilePlainLine, type PlainField, type PlainLine } from './plain-line.js';
import { WholeCounts, type ScaleTally } from './scale.js';

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

/** Whole satisfaction values counted as lines are taken, and the tally they go to when the batch ends. */
type Wholes = { counts: WholeCounts; tally: ScaleTally };

export class PlainRecords {
  private constructor(
    /** Reads the line text[start, end) into the columns and says true, or says false and leaves it to the general reading. */
    readonly take: PlainLine,
    private readonly wholes: Wholes[],
  ) {}

  /**
   * The fast path for a file read with this plan, or null where its cases need more than the
   * columns hold (or where code generation is not allowed: plain-line.ts).
   */
  static for(plan: FilePlan, delimiter: string, decimalComma: boolean): PlainRecords | null {
    const plain = plainFields(plan, delimiter, decimalComma);
    if (!plain) return null;
    const wholes: Wholes[] = [];
    const fields = Array.from({ length: plan.width }, (_, j): PlainField => {
      if (j === plain.id) return { kind: 'id' };
      const f = plain.numbers.find((g) => g.index === j);
      if (!f) return { kind: 'other' };
      const counts = f.tally ? new WholeCounts() : null;
      if (counts) wholes.push({ counts, tally: f.tally! });
      // A satisfaction not plain is left to the general reading, which tallies it.
      return { kind: 'number', column: f.column, lo: f.lo, hi: f.hi, whole: f.whole, scaled: f.scaled, convert: f.tally ? null : f.convert, wholes: counts, tally: f.tally };
    });
    const take = compilePlainLine({ fields, segment: plan.segment, point: decimalComma ? 44 : 46, delimiter: delimiter.charCodeAt(0), missing: plan.missing, plainId: plainId(plan.missing) });
    return take && new PlainRecords(take, wholes);
  }

  /** Adds the whole values counted so far to their tallies (before anyone reads them: at the end of each batch). */
  settle(): void {
    for (const w of this.wholes) w.counts.addTo(w.tally);
  }
}

/** An id that reads as written: not empty, nothing to trim at either end (printable ASCII there), not a missing marker. */
function plainId(missing: ReadonlySet<string>): (id: string) => boolean {
  const markerLength = Math.max(0, ...[...missing].map((m) => m.length));
  return (id) => id.length > 0 && printable(id.charCodeAt(0)) && printable(id.charCodeAt(id.length - 1)) && !(id.length <= markerLength && missing.has(id));
}
