/** One parsed record → a Case, or the Rejection that says why it cannot be one. */
import type { Case, Component, Rejection } from '../case.js';
import type { Canonical } from './columns.js';
import { isProblem, type Cell } from './convert.js';
import type { FieldPlan, FilePlan } from './plan.js';

/** A record's fields, however the reader holds them. */
export interface Row {
  count: number;
  raw(i: number): string;
  cell(f: FieldPlan): Cell;
  /** Every field empty or blank: an empty spreadsheet row, counted as a blank line. */
  blank(): boolean;
}

/** A record split into strings (a record holding a quote; `--engine duckdb`'s rows). */
export class FieldsRow implements Row {
  fields: string[] = [];
  count = 0;
  set(fields: string[]): this {
    this.fields = fields;
    this.count = fields.length;
    return this;
  }
  raw(i: number): string {
    return this.fields[i] ?? '';
  }
  cell(f: FieldPlan): Cell {
    return f.convert(f.index >= 0 ? this.raw(f.index) : '');
  }
  blank(): boolean {
    return this.fields.every((f) => f.trim() === '');
  }
}

/**
 * A quote-free line, text[start, end), and where its fields end: plain numbers are read in place,
 * without strings. Field i runs from `this.start(i)` to `ends[i]`.
 */
export class LineRow implements Row {
  text = '';
  from = 0;
  ends = new Int32Array(256);
  count = 0;
  private readonly d: number;
  constructor(delimiter: string) {
    this.d = delimiter.charCodeAt(0);
  }

  set(text: string, from: number, to: number): this {
    this.text = text;
    this.from = from;
    let ends = this.ends;
    let count = 0;
    for (let i = from; i <= to; i++) {
      if (i < to && text.charCodeAt(i) !== this.d) continue;
      if (count === ends.length) {
        const grown = new Int32Array(ends.length * 2);
        grown.set(ends);
        this.ends = ends = grown;
      }
      ends[count++] = i;
    }
    this.count = count;
    return this;
  }
  start(i: number): number {
    return i ? this.ends[i - 1] + 1 : this.from;
  }
  raw(i: number): string {
    return i < this.count ? this.text.slice(this.start(i), this.ends[i]) : '';
  }
  cell(f: FieldPlan): Cell {
    if (f.index < 0 || f.index >= this.count) return f.convert('');
    const start = this.start(f.index);
    const end = this.ends[f.index];
    return f.convertRange ? f.convertRange(this.text, start, end) : f.convert(this.text.slice(start, end));
  }
  blank(): boolean {
    // Most lines answer at their first character; only one that starts empty is looked at whole.
    const c = this.text.charCodeAt(this.from);
    if (c > 32 && c < 127 && this.ends[0] !== this.from) return false;
    for (let i = 0; i < this.count; i++) if (this.raw(i).trim() !== '') return false;
    return true;
  }
}

/** The --by cell as a segment: trimmed, and '' (no segment) where empty or a missing marker. */
export function segmentOf(raw: string, missing: ReadonlySet<string>): string {
  const text = raw.trim();
  return missing.has(text) ? '' : text;
}

/** One record → a case; without a case_id column, its id is the line the record starts on. */
export function toCase(row: Row, line: number, file: string, plan: FilePlan): Case | Rejection {
  if ((row.count > plan.width && !extraFieldsEmpty(row, plan.width)) || row.count < plan.minWidth) {
    const expected = plan.minWidth < plan.width ? `${plan.minWidth} to ${plan.width}` : `${plan.width}`;
    return { file, line, column: '', value: '', code: 'field_count', reason: `${row.count} fields, expected ${expected} as in the header` };
  }
  const c = newCase(file, line, plan.segment >= 0 ? segmentOf(row.raw(plan.segment), plan.missing) : null, plan.keep.length ? plan.keep.map((i) => row.raw(i)) : null);
  const fields = plan.fields;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i];
    const v = f.compute ? f.compute(row) : row.cell(f);
    if (v === null) continue;
    if (isProblem(v)) {
      const value = f.inputs.map((k) => row.raw(k).trim()).join(', ');
      if (!f.unread) return { file, line, column: f.column, value, code: v.code, reason: `${f.name}: ${v.problem}` };
      // An optional column that does not read is missing, counted for a warning.
      f.unread.rows++;
      f.unread.first ??= { line, value, problem: v.problem };
      continue;
    }
    setField(c, f.name, v as number | string);
  }
  if (plan.order) {
    const o = plan.order.read(row.raw(plan.order.index));
    if (o !== null && isProblem(o)) return { file, line, column: plan.order.column, value: row.raw(plan.order.index).trim(), code: o.code, reason: o.problem };
    c.order = o;
  }
  if (c.pre !== null || c.post !== null) c.top = plan.satisfactionTop;
  return c;
}

function extraFieldsEmpty(row: Row, from: number): boolean {
  for (let i = from; i < row.count; i++) if (row.raw(i).trim() !== '') return false;
  return true;
}

/** A case with nothing read yet; without a case_id column, its id is the line the record starts on. */
export const newCase = (file: string, line: number, segment: string | null, kept: string[] | null): Case => ({
  id: String(line),
  file,
  line,
  severity: null,
  prior: null,
  controllability: null,
  stability: null,
  recovery: null,
  components: null,
  pre: null,
  post: null,
  top: null,
  group: null,
  customer: null,
  date: null,
  segment,
  kept,
});

/** A canonical column's value, read, into its field of the case. */
export function setField(c: Case, name: Canonical, v: number | string): void {
  // Text columns (ids, groups) hold strings, the rest numbers: set as they come, on the hot path.
  // prettier-ignore
  switch (name) {
    case 'case_id': c.id = v as string; break;
    case 'severity': c.severity = v as number; break;
    case 'prior_failures': c.prior = v as number; break;
    case 'controllability': c.controllability = v as number; break;
    case 'stability': c.stability = v as number; break;
    case 'recovery_quality': c.recovery = v as number; break;
    case 'pre_satisfaction': c.pre = v as number; break;
    case 'post_satisfaction': c.post = v as number; break;
    case 'group': c.group = v as Case['group']; break;
    case 'customer_id': c.customer = v as string; break;
    case 'date': c.date = v as number; break;
    default: (c.components ??= {})[name as Component] = v as number;
  }
}

export const isRejection = (x: Case | Rejection): x is Rejection => 'reason' in x;
