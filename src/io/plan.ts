/**
 * A file's plan: for each canonical column, where its value comes from (a header, a mapping
 * entry, a constant) and how to convert it. Made once per file from its header, the mapping
 * and a sample of its first records (for the satisfaction scale and the date order).
 */
import { inputError } from '../errors.js';
import { CANONICAL, CANONICAL_NAMES, headerKey, matchHeader, type Canonical } from './columns.js';
import { isProblem, lookupTable, makeConverter, makeRangeConverter, type Converter, type ConverterSpec, type RangeConverter } from './convert.js';
import type { ColumnSpec, Mapping } from './mapping.js';
import { inferDateOrder, parseNumber, type DateOrder } from './values.js';
import { SATISFIED, fold } from './words.js';

export interface FieldPlan {
  name: Canonical;
  /** Index in the record, or -1 for a constant. */
  index: number;
  /** Header name, for rejections; `(constant)` for a constant. */
  column: string;
  convert: Converter;
  /** The same, reading a plain number in place from a quote-free line (null: use `convert`). */
  convertRange: RangeConverter | null;
}

export interface FilePlan {
  fields: FieldPlan[];
  width: number;
  /** canonical → how it was found, for `validate`. */
  sources: Partial<Record<Canonical, string>>;
  segment: number;
  derivePrior: boolean;
  notes: string[];
  /** Top of the satisfaction scale, for the ceiling. */
  satisfactionTop: number;
  /** What was inferred from the sample, so another part of the same file can read it alike. */
  pinned: Pinned;
}

export interface Satisfaction {
  scale: [number, number];
  binary: boolean;
  declared: boolean;
}

export interface Pinned {
  satisfaction: Satisfaction;
  dateOrder: DateOrder;
}

export interface PlanOptions {
  mapping?: Mapping;
  decimalComma: boolean;
  dateOrder?: DateOrder;
  satisfactionScale?: [number, number];
  by?: string;
  /** Inferences made from an earlier part of the same file (parallel reading). */
  pinned?: Pinned;
}

const SCALES: [number, number][] = [[0, 1], [1, 5], [0, 5], [1, 7], [0, 7], [0, 10], [0, 100]];

export function makePlan(file: string, header: string[], sample: string[][], options: PlanOptions): FilePlan {
  const specs = resolveSpecs(file, header, options.mapping);
  const notes: string[] = [];
  const sources: FilePlan['sources'] = {};
  const cells = (name: Canonical) => {
    const s = specs.get(name);
    if (!s || s.index < 0) return [];
    const table = s.spec.values ? lookupTable(s.spec.values) : null;
    return sample.map((r) => throughTable(r[s.index] ?? '', table)).filter((v) => v !== '');
  };
  const satisfaction = options.pinned?.satisfaction ?? satisfactionScale([...cells('pre_satisfaction'), ...cells('post_satisfaction')], specs, options, notes);
  const dates = inferDateOrder(cells('date').map(String));
  const dateOrder = options.pinned?.dateOrder ?? options.dateOrder ?? dates.order;
  if (!options.pinned && !options.dateOrder && dates.ambiguous) notes.push(`dates are ambiguous in the first rows; read as day-first (use --date-format mdy for month-first)`);

  const fields: FieldPlan[] = [];
  for (const [name, { index, spec, describe }] of specs) {
    const converterSpec: ConverterSpec = {
      name,
      kind: CANONICAL[name].kind,
      decimalComma: options.decimalComma,
      values: spec.values,
      scale: spec.scale,
      clip: spec.clip,
      default: spec.value ?? spec.default,
      dateOrder,
      satisfaction: CANONICAL[name].kind === 'satisfaction' ? satisfaction : undefined,
    };
    const convert = makeConverter(converterSpec);
    fields.push({ name, index, column: index >= 0 ? header[index] : '(constant)', convert, convertRange: makeRangeConverter(converterSpec, convert) });
    let text = describe;
    if (CANONICAL[name].kind === 'satisfaction') text += satisfaction.binary ? ' (binary)' : ` (scale ${satisfaction.scale[0]}–${satisfaction.scale[1]}${satisfaction.declared ? '' : ', inferred'})`;
    if (CANONICAL[name].kind === 'date') text += dateOrder === 'mdy' ? ' (month-first)' : ' (ISO or day-first)';
    sources[name] = text;
  }
  const prior = options.mapping?.columns.prior_failures;
  if (prior?.derive) sources.prior_failures = `derived: earlier cases of the same '${prior.customer}'${prior.date ? ` by '${prior.date}'` : ' in input order'}`;
  let segment = -1;
  if (options.by) {
    segment = header.findIndex((h) => h === options.by);
    if (segment < 0) segment = header.findIndex((h) => headerKey(h) === headerKey(options.by!));
    if (segment < 0 && (options.by as Canonical) in CANONICAL) segment = specs.get(options.by as Canonical)?.index ?? -1;
    if (segment < 0) throw inputError(`${file}: --by column '${options.by}' is not in the header (${header.join(', ')})`);
  }
  return { fields, width: header.length, sources, segment, derivePrior: !!prior?.derive, notes, satisfactionTop: satisfaction.scale[1], pinned: { satisfaction, dateOrder } };
}

interface Resolved {
  index: number;
  spec: ColumnSpec;
  describe: string;
}

function resolveSpecs(file: string, header: string[], mapping?: Mapping): Map<Canonical, Resolved> {
  const out = new Map<Canonical, Resolved>();
  const find = (column: string, what: string) => {
    let i = header.indexOf(column);
    if (i < 0) i = header.findIndex((h) => headerKey(h) === headerKey(column));
    if (i < 0) throw inputError(`${file}: the mapping's ${what} names column '${column}', which is not in the header (${header.join(', ')})`);
    return i;
  };
  const mapped = mapping?.columns ?? {};
  for (const name of CANONICAL_NAMES) {
    const spec = mapped[name];
    if (!spec || spec.derive) continue;
    if (spec.value !== undefined) out.set(name, { index: -1, spec, describe: `constant ${spec.value} (mapping)` });
    else out.set(name, { index: find(spec.column!, name), spec, describe: `'${spec.column}' (mapping)` });
  }
  const prior = mapped.prior_failures;
  if (prior?.derive) {
    if (!out.has('customer_id')) out.set('customer_id', { index: find(prior.customer!, 'prior_failures.customer'), spec: {}, describe: `'${prior.customer}' (mapping, for prior_failures)` });
    if (prior.date && !out.has('date')) out.set('date', { index: find(prior.date, 'prior_failures.date'), spec: {}, describe: `'${prior.date}' (mapping, for prior_failures)` });
  }
  const usedIndexes = new Set([...out.values()].map((r) => r.index));
  for (const [name, index] of matchHeader(header)) {
    if (out.has(name) || mapped[name] || usedIndexes.has(index)) continue;
    const exact = headerKey(header[index]) === headerKey(name);
    out.set(name, { index, spec: {}, describe: exact ? `'${header[index]}'` : `'${header[index]}' (alias)` });
  }
  return out;
}

/** A sample cell after the mapping's `values` table, as the converter will see it ('' = missing). */
function throughTable(raw: string, table: ReturnType<typeof lookupTable> | null): string | number {
  const text = raw.trim();
  if (text === '' || !table) return text;
  const hit = table.lookup(text);
  return hit === null ? '' : hit ?? text;
}

/** The satisfaction scale: declared (option, mapping), else inferred from the sample. */
function satisfactionScale(values: (string | number)[], specs: Map<Canonical, Resolved>, options: PlanOptions, notes: string[]): Satisfaction {
  const declared = options.satisfactionScale ?? specs.get('post_satisfaction')?.spec.scale ?? specs.get('pre_satisfaction')?.spec.scale;
  const numbers: number[] = [];
  let words = 0;
  for (const v of values) {
    const n = typeof v === 'number' ? v : parseNumber(v, options.decimalComma);
    if (n !== null) numbers.push(n);
    else if (SATISFIED.has(fold(String(v)))) words++;
  }
  const zeroOne = numbers.every((n) => n === 0 || n === 1);
  if (declared) return { scale: declared, binary: declared[0] === 0 && declared[1] === 1 && zeroOne, declared: true };
  if (!numbers.length) return { scale: [0, 1] as [number, number], binary: true, declared: false };
  if (words) return { scale: [0, 1] as [number, number], binary: zeroOne, declared: false };
  // The smallest usual scale that holds every value; but a stray value or two (one, or 0.5%)
  // that would more than double it (12 among 0–10 scores) is left out of the choice and then
  // rejected, rather than widening the scale for everyone.
  numbers.sort((a, b) => a - b);
  const lo = numbers[0];
  const hi = numbers[numbers.length - 1];
  const spare = Math.max(1, Math.floor(numbers.length * 0.005));
  const all = SCALES.find(([a, b]) => a <= lo && hi <= b);
  const robust = SCALES.find(([a, b]) => a <= lo && numbers[numbers.length - 1 - spare] <= b);
  const scale = robust && (!all || all[1] > 2 * robust[1]) ? robust : all;
  if (scale) {
    if (scale !== all) notes.push(`satisfaction: ${numbers.filter((n) => n > scale[1]).length} value(s) in the first rows lie above the inferred scale ${scale[0]}–${scale[1]} and are rejected (declare the scale with --scale if they are real)`);
    return { scale, binary: scale[1] === 1 && zeroOne, declared: false };
  }
  notes.push(`satisfaction values ${lo}–${hi} fit no usual scale; using ${lo}–${hi} (declare one with --scale)`);
  return { scale: [lo, hi] as [number, number], binary: false, declared: false };
}

export { isProblem };
