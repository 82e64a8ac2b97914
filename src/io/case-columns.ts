/**
 * A batch of cases held column by column: the shape of a canonical file (an id, the five factors,
 * satisfaction before and after, a segment), with NaN for a value not in the data. A reader fills it
 * without an object per case; a consumer reads case i into one case it reuses (`at`), or asks for
 * the cases as objects (`toCases`) where it keeps them.
 */
import type { Case } from '../case.js';
import { newCase } from './record.js';

/** The numeric columns, in the order `at` reads them into a case. */
export const COLUMNS = ['severity', 'prior', 'controllability', 'stability', 'recovery', 'pre', 'post'] as const;
export type Column = (typeof COLUMNS)[number];

export class CaseColumns {
  length = 0;
  /** The case_id of each case; null when the file has none (the id is the line). */
  readonly ids: string[] | null;
  readonly segments: string[] | null;
  line: Int32Array;
  /** One array per column, in COLUMNS order. */
  readonly values: Float64Array[];

  constructor(
    readonly file: string,
    hasIds: boolean,
    hasSegment: boolean,
    /** Top of the satisfaction scale: a case with a satisfaction has it (for the ceiling). */
    readonly top: number,
    /** Where `release` puts the batch for its reader to fill again. */
    private readonly pool: CaseColumns[] | null = null,
    capacity = 1024,
  ) {
    this.ids = hasIds ? [] : null;
    this.segments = hasSegment ? [] : null;
    this.line = new Int32Array(capacity);
    this.values = COLUMNS.map(() => new Float64Array(capacity).fill(NaN));
  }

  /** Room for one more case; returns its index, whose values the caller then sets. */
  add(line: number, id: string | null, segment: string | null): number {
    const i = this.length++;
    if (i === this.line.length) this.grow();
    this.line[i] = line;
    if (this.ids) this.ids.push(id!);
    if (this.segments) this.segments.push(segment!);
    return i;
  }

  /**
   * A case read otherwise (a quoted record, a cell that needed more than a plain number). It has only
   * what the columns hold: a plan that reads more (components, a group, a date…) is not read into columns.
   */
  push(c: Case): void {
    const i = this.add(c.line, c.id, c.segment);
    COLUMNS.forEach((k, j) => (this.values[j][i] = c[k] ?? NaN));
  }

  /** Case i, read into `into` (a case the caller reuses and does not keep). */
  at(i: number, into: Case): Case {
    const [severity, prior, controllability, stability, recovery, pre, post] = this.values;
    const value = (x: number) => (x === x ? x : null);
    into.file = this.file;
    into.line = this.line[i];
    into.id = this.ids ? this.ids[i] : String(this.line[i]);
    into.segment = this.segments ? this.segments[i] : null;
    into.severity = value(severity[i]);
    into.prior = value(prior[i]);
    into.controllability = value(controllability[i]);
    into.stability = value(stability[i]);
    into.recovery = value(recovery[i]);
    into.pre = value(pre[i]);
    into.post = value(post[i]);
    into.top = into.pre !== null || into.post !== null ? this.top : null;
    return into;
  }

  /**
   * The consumer is done with this batch: its reader may fill it again (typed arrays reused rather
   * than allocated per batch, which costs a garbage collection of their memory now and then).
   * A consumer that keeps a batch, or its `cases`, does not call this.
   */
  release(): void {
    if (!this.pool) return;
    for (const v of this.values) v.fill(NaN, 0, this.length);
    this.length = 0;
    if (this.ids) this.ids.length = 0;
    if (this.segments) this.segments.length = 0;
    this.pool.push(this);
  }

  toCases(): Case[] {
    return Array.from({ length: this.length }, (_, i) => this.at(i, emptyCase()));
  }

  private grow() {
    const line = new Int32Array(this.line.length * 2);
    line.set(this.line);
    this.line = line;
    this.values.forEach((old, j) => {
      const next = new Float64Array(line.length).fill(NaN);
      next.set(old);
      this.values[j] = next;
    });
  }
}

/** A case to read a column batch's cases into. */
export const emptyCase = (): Case => newCase('', 0, null, null);
