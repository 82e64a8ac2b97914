/**
 * A file's plan: for each canonical column, where its value comes from (a header, a mapping
 * entry, a constant) and how to convert it. Made once per file from its header, the mapping
 * and a sample of its first records (for the satisfaction scale and the date order).
 */
import { inputError, usageError } from '../errors.js';
import { CANONICAL, CANONICAL_NAMES, headerKey, matchHeader, type Canonical } from './columns.js';
import { isProblem, lookupTable, makeConverter, makeRangeConverter, type Converter, type ConverterSpec, type Polarity, type RangeConverter } from './convert.js';
import type { Derivations } from './history.js';
import type { ColumnSpec, Mapping } from './mapping.js';
import { emptyTally, inferScale, tallyNumber, type Satisfaction, type ScaleTally } from './scale.js';
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
  /** Fewest fields a record may have: the header's width less its trailing unnamed columns (`a,b,`). */
  minWidth: number;
  /** canonical → how it was found, for `validate`. */
  sources: Partial<Record<Canonical, string>>;
  segment: number;
  /** Indexes of the --keep columns, passed through to the output. */
  keep: number[];
  /** Values derived from each customer's history once the whole input is read (history.ts). */
  derives: Derivations | null;
  /** Columns set to one value for every row by the mapping (`{ "value": x }`): set, not observed. */
  set: Canonical[];
  notes: string[];
  /** Top of the satisfaction scale, for the ceiling. */
  satisfactionTop: number;
  /** The scale this file is read with, and whether it was inferred from its first rows only. */
  satisfaction: Satisfaction;
  provisional: boolean;
  /** What was inferred from the sample, so another part of the same file can read it alike. */
  pinned: Pinned;
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
  /** Columns passed through to every output (score --keep). */
  keep?: string[];
  /** Satisfied or not, whatever numbers the satisfaction columns hold (--binary). */
  binary?: boolean;
  /** Inferences made from an earlier part of the same file (parallel reading), or from a whole first reading. */
  pinned?: Partial<Pinned>;
  /** Where every satisfaction value read is counted (shared by the files of one input). */
  tally?: ScaleTally;
  polarity?: Polarity;
}

export function makePlan(file: string, header: string[], sample: string[][], options: PlanOptions): FilePlan {
  const { specs, notes: headerNotes } = resolveSpecs(file, header, options.mapping);
  const hasSatisfaction = specs.has('pre_satisfaction') || specs.has('post_satisfaction');
  const notes: string[] = [];
  const sources: FilePlan['sources'] = {};
  const cells = (name: Canonical) => {
    const s = specs.get(name);
    if (!s || s.index < 0) return [];
    const table = s.spec.values ? lookupTable(s.spec.values) : null;
    return sample.map((r) => throughTable(r[s.index] ?? '', table)).filter((v) => v !== '');
  };
  const declared = declaredScale(specs, options);
  const satisfaction =
    declared ??
    options.pinned?.satisfaction ??
    inferScale(sampleTally([...cells('pre_satisfaction'), ...cells('post_satisfaction')], options.decimalComma), options.binary);
  const dates = inferDateOrder(cells('date').map(String));
  const dateOrder = options.pinned?.dateOrder ?? options.dateOrder ?? dates.order;
  if (!options.pinned && !options.dateOrder && dates.ambiguous)
    notes.push(`dates are ambiguous in the first rows; read as day-first (use --date-format mdy for month-first)`);

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
      tally: CANONICAL[name].kind === 'satisfaction' ? options.tally : undefined,
      polarity: CANONICAL[name].kind === 'satisfaction' ? options.polarity : undefined,
    };
    const convert = makeConverter(converterSpec);
    // A constant or a default that cannot be read is a mistake in the mapping: one usage error now, not every row rejected.
    const fixed = spec.value !== undefined ? 'value' : spec.default !== undefined ? 'default' : null;
    const checked = fixed && convert('');
    if (checked && isProblem(checked)) throw usageError('bad_mapping', `${options.mapping?.path ?? 'mapping'}: columns.${name}.${fixed}: ${checked.problem}`);
    fields.push({ name, index, column: index >= 0 ? header[index] : '(constant)', convert, convertRange: makeRangeConverter(converterSpec, convert) });
    let text = describe;
    if (CANONICAL[name].kind === 'satisfaction')
      text += satisfaction.binary ? ' (binary)' : ` (scale ${satisfaction.scale[0]}–${satisfaction.scale[1]}${satisfaction.declared ? '' : ', inferred'})`;
    if (CANONICAL[name].kind === 'date') text += dateOrder === 'mdy' ? ' (month-first)' : ' (ISO or day-first)';
    sources[name] = text;
  }
  const prior = options.mapping?.columns.prior_failures;
  const pre = options.mapping?.columns.pre_satisfaction;
  const by = (s: ColumnSpec) => `the same '${s.customer}'${s.date ? ` by '${s.date}'` : ' in input order'}`;
  if (prior?.derive) sources.prior_failures = `derived: distinct earlier cases of ${by(prior)}`;
  if (pre?.derive) sources.pre_satisfaction = `derived: the satisfaction on the most recent earlier case of ${by(pre)}${pre.within_days ? ` within ${pre.within_days} days` : ''}`;
  const derives = prior?.derive || pre?.derive ? { prior: !!prior?.derive, pre: pre?.derive ? { withinDays: pre.within_days } : null } : null;
  if (derives && !specs.has('date')) notes.push("history derived in input order (no date column): many exports list newest first; name the date with the derivation's \"date\"");
  /** A column named by an option: by its header, then folded, then as the canonical column it became. */
  const column = (name: string, option: string) => {
    let i = header.findIndex((h) => h === name);
    if (i < 0) i = header.findIndex((h) => headerKey(h) === headerKey(name));
    if (i < 0 && Object.hasOwn(CANONICAL, name)) i = specs.get(name as Canonical)?.index ?? -1;
    if (i < 0) throw inputError('missing_column', `${file}: ${option} column '${name}' is not in the header (${header.join(', ')})`);
    return i;
  };
  const segment = options.by ? column(options.by, '--by') : -1;
  const keep = (options.keep ?? []).map((k) => column(k, '--keep'));
  // Satisfaction first: every record of the right width adds its values to the tally, whatever else it holds.
  fields.sort((a, b) => Number(CANONICAL[b.name].kind === 'satisfaction') - Number(CANONICAL[a.name].kind === 'satisfaction'));
  let minWidth = header.length;
  while (minWidth > 1 && header[minWidth - 1].trim() === '') minWidth--;
  return {
    fields,
    width: header.length,
    minWidth,
    sources,
    segment,
    keep,
    derives,
    set: fields.filter((f) => f.index < 0).map((f) => f.name),
    notes: [...notes, ...headerNotes],
    satisfactionTop: satisfaction.scale[1],
    satisfaction,
    provisional: !declared && !options.pinned?.satisfaction && hasSatisfaction,
    pinned: { satisfaction, dateOrder },
  };
}

interface Resolved {
  index: number;
  spec: ColumnSpec;
  describe: string;
}

function resolveSpecs(file: string, header: string[], mapping?: Mapping): { specs: Map<Canonical, Resolved>; notes: string[] } {
  const out = new Map<Canonical, Resolved>();
  const find = (column: string, what: string) => {
    let i = header.indexOf(column);
    if (i < 0) i = header.findIndex((h) => headerKey(h) === headerKey(column));
    if (i < 0) throw inputError('missing_column', `${file}: the mapping's ${what} names column '${column}', which is not in the header (${header.join(', ')})`);
    return i;
  };
  const mapped = mapping?.columns ?? {};
  for (const name of CANONICAL_NAMES) {
    const spec = mapped[name];
    if (!spec || spec.derive) continue;
    if (spec.value !== undefined) out.set(name, { index: -1, spec, describe: `constant ${spec.value} (mapping)` });
    else out.set(name, { index: find(spec.column!, name), spec, describe: `'${spec.column}' (mapping)` });
  }
  for (const name of ['prior_failures', 'pre_satisfaction'] as const) {
    const derived = mapped[name];
    if (!derived?.derive) continue;
    if (!out.has('customer_id')) out.set('customer_id', { index: find(derived.customer!, `${name}.customer`), spec: {}, describe: `'${derived.customer}' (mapping, for ${name})` });
    if (derived.date && !out.has('date')) out.set('date', { index: find(derived.date, `${name}.date`), spec: {}, describe: `'${derived.date}' (mapping, for ${name})` });
  }
  const usedIndexes = new Set([...out.values()].map((r) => r.index));
  const matched = matchHeader(header);
  for (const [name, index] of matched.found) {
    if (out.has(name) || mapped[name] || usedIndexes.has(index)) continue;
    const exact = headerKey(header[index]) === headerKey(name);
    out.set(name, { index, spec: {}, describe: exact ? `'${header[index]}'` : `'${header[index]}' (alias)` });
  }
  return { specs: out, notes: matched.notes };
}

/** A sample cell after the mapping's `values` table, as the converter will see it ('' = missing). */
function throughTable(raw: string, table: ReturnType<typeof lookupTable> | null): string | number {
  const text = raw.trim();
  if (text === '' || !table) return text;
  const hit = table.lookup(text);
  return hit === null ? '' : (hit ?? text);
}

/** The satisfaction scale the user declared (option, mapping), if any. */
function declaredScale(specs: Map<Canonical, Resolved>, options: PlanOptions): Satisfaction | null {
  const scale = options.satisfactionScale ?? specs.get('post_satisfaction')?.spec.scale ?? specs.get('pre_satisfaction')?.spec.scale;
  if (!scale) return null;
  return { scale, binary: !!options.binary || (scale[0] === 0 && scale[1] === 1 && binaryWords(specs)), declared: true };
}

/** A declared 0–1 scale reads as satisfied or not when the mapping's tables give words. */
function binaryWords(specs: Map<Canonical, Resolved>): boolean {
  return ['pre_satisfaction', 'post_satisfaction'].some((n) => Object.values(specs.get(n as Canonical)?.spec.values ?? {}).some((v) => typeof v === 'string'));
}

/** The first rows' satisfaction values as a tally: the provisional scale until every value is in. */
function sampleTally(values: (string | number)[], decimalComma: boolean): ScaleTally {
  const t = emptyTally();
  for (const v of values) {
    const n = typeof v === 'number' ? v : parseNumber(v, decimalComma);
    if (n !== null) tallyNumber(t, n);
    else if (SATISFIED.has(fold(String(v)))) t.words++;
  }
  return t;
}

export { isProblem };
