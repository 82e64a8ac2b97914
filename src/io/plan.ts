/**
 * A file's plan: for each canonical column, where its value comes from (sources.ts: a header, a
 * mapping entry, a constant, an expression) and how to convert it; what is derived from history;
 * the collapse order. Made once per file from its header, the mapping and a sample of its first
 * records (for the satisfaction scale, the date order and the header's guesses).
 */
import { inputError, usageError } from '../errors.js';
import { CANONICAL, headerKey, type Canonical } from './columns.js';
import {
  isProblem,
  lookupTable,
  makeConverter,
  makeNumberConverter,
  makeRangeConverter,
  plainRule,
  type Cell,
  type Converter,
  type ConverterSpec,
  type Polarity,
  type Problem,
  type PlainRule,
  type RangeConverter,
} from './convert.js';
import { asCell, evaluate, ExpressionFailure, type Expression } from './expr.js';
import type { Derivations } from './history.js';
import { resolveSources, type Resolved } from './sources.js';
import type { ColumnSpec, Mapping } from './mapping.js';
import { emptyTally, inferScale, tallyNumber, type Satisfaction, type ScaleTally } from './scale.js';
import { inferDateOrder, parseDate, type DateOrder } from './dates.js';
import { parseNumber } from './values.js';
import { SATISFIED, fold } from './words.js';

/** A record's cells as text, however the reader holds them. */
export interface RawCells {
  raw(i: number): string;
}

/** Cells of an optional column that did not read, taken as missing (SPEC §3.1): counted for a warning. */
export interface Unread {
  rows: number;
  first: { line: number; value: string; problem: string } | null;
}

export interface FieldPlan {
  name: Canonical;
  /** Index in the record, or -1 for a constant or an expression. */
  index: number;
  /** Header name, for rejections; the expression's columns; `(constant)` for a constant. */
  column: string;
  /** The cells the value is read from (for a rejection's value). */
  inputs: number[];
  convert: Converter;
  /** The same, reading a plain number in place from a quote-free line (null: use `convert`). */
  convertRange: RangeConverter | null;
  /** What a plainly written cell is, read without a converter (plain-record.ts); null: always convert. */
  plain: PlainRule | null;
  /** A mapping expression: the value computed from the row's cells, in place of reading one. */
  compute: ((row: RawCells) => Cell) | null;
  /** An optional column (a date the command does not need): a cell that does not read is missing, counted here. */
  unread: Unread | null;
}

export interface FilePlan {
  fields: FieldPlan[];
  width: number;
  /** Fewest fields a record may have: the header's width less its trailing unnamed columns (`a,b,`). */
  minWidth: number;
  /** canonical → how it was found, for `validate`. */
  sources: Partial<Record<Canonical, string>>;
  segment: number;
  /** The texts that mean "no value" (SPEC §3.2): a segment written so is no segment. */
  missing: ReadonlySet<string>;
  /** Indexes of the --keep columns, passed through to the output. */
  keep: number[];
  /** Values derived from each customer's history once the whole input is read (history.ts). */
  derives: Derivations | null;
  /** Where each canonical column comes from (sources.ts). */
  specs: Map<Canonical, Resolved>;
  /** Event logs: the column that orders a case's rows, read as a date or a number (null: missing). */
  order: { index: number; column: string; read: (raw: string) => number | null | Problem } | null;
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
  /** How the segment column was asked for, in messages (default `--by`; srp meta's is `--study`). */
  byName?: string;
  /** The --by column may be absent (srp meta's `study` column): then no case has a segment. */
  byOptional?: boolean;
  /** Columns passed through to every output (score --keep). */
  keep?: string[];
  /** The column that orders an event log's rows of one case (--collapse). */
  order?: string;
  /** Satisfied or not, whatever numbers the satisfaction columns hold (--binary). */
  binary?: boolean;
  /** Inferences made from an earlier part of the same file (parallel reading), or from a whole first reading. */
  pinned?: Partial<Pinned>;
  /** Where every satisfaction value read is counted (shared by the files of one input). */
  tally?: ScaleTally;
  polarity?: Polarity;
  /** Texts that mean "no value" besides the empty cell (SPEC §3.2). */
  missing: ReadonlySet<string>;
  /** The command needs the date (report --period): a date that does not read rejects the row. */
  needsDate?: boolean;
}

export function makePlan(file: string, header: string[], sample: string[][], options: PlanOptions): FilePlan {
  const { specs, notes: headerNotes } = resolveSources(file, header, sample, options);
  const hasSatisfaction = specs.has('pre_satisfaction') || specs.has('post_satisfaction');
  const notes: string[] = [];
  const sources: FilePlan['sources'] = {};
  const { missing } = options;
  const cellsAt = (index: number) => sample.map((r) => (r[index] ?? '').trim()).filter((v) => v !== '' && !missing.has(v));
  const cells = (name: Canonical) => {
    const s = specs.get(name);
    if (!s || s.index < 0) return [];
    const table = s.spec.values ? lookupTable(s.spec.values) : null;
    return sample.map((r) => throughTable(r[s.index] ?? '', table, missing)).filter((v) => v !== '');
  };
  /** A column named by an option: by its header, then folded, then as the canonical column it became. */
  const optionColumn = (name: string, option: string) => {
    let i = header.findIndex((h) => h === name);
    if (i < 0) i = header.findIndex((h) => headerKey(h) === headerKey(name));
    if (i < 0 && Object.hasOwn(CANONICAL, name)) i = specs.get(name as Canonical)?.index ?? -1;
    if (i < 0) throw inputError('missing_column', `${file}: ${option} column '${name}' is not in the header (${header.join(', ')})`);
    return i;
  };
  const segment = !options.by || (options.byOptional && !header.some((h) => headerKey(h) === headerKey(options.by!))) ? -1 : optionColumn(options.by, options.byName ?? '--by');
  const keep = (options.keep ?? []).map((k) => optionColumn(k, '--keep'));
  const orderIndex = options.order === undefined ? -1 : optionColumn(options.order, 'the collapse order');

  const declared = declaredScale(specs, options);
  const satisfaction =
    declared ??
    options.pinned?.satisfaction ??
    inferScale(sampleTally([...cells('pre_satisfaction'), ...cells('post_satisfaction')], options.decimalComma), options.binary);
  // The date order from every column read as a date: the date, the collapse order, the cells expressions read.
  const exprCells = [...specs.values()].flatMap((s) => s.expr?.indexes.flatMap(cellsAt) ?? []);
  const dates = inferDateOrder([...cells('date').map(String), ...exprCells, ...(orderIndex >= 0 ? cellsAt(orderIndex) : [])]);
  const dateOrder = options.pinned?.dateOrder ?? options.dateOrder ?? dates.order;
  if (!options.pinned && !options.dateOrder && dates.ambiguous)
    notes.push(`dates are ambiguous in the first rows; read as day-first (use --date-format mdy for month-first)`);

  const pre = options.mapping?.columns.pre_satisfaction;
  const prior = options.mapping?.columns.prior_failures ?? guessedHistory(specs, header, options.mapping);
  const by = (s: ColumnSpec) => `the same '${s.customer}'${s.date ? ` by '${s.date}'` : ' in input order'}`;
  if (prior?.derive)
    sources.prior_failures = `derived: distinct earlier cases of ${by(prior)}${options.mapping?.columns.prior_failures ? '' : ' (from the customer column; "prior_failures": null in a mapping switches this off)'}`;
  if (pre?.derive)
    sources.pre_satisfaction = `derived: the satisfaction on the most recent earlier case of ${by(pre)}${pre.within_days ? ` within ${pre.within_days} days` : ''}`;
  const derives = prior?.derive || pre?.derive ? { prior: !!prior?.derive, pre: pre?.derive ? { withinDays: pre.within_days } : null } : null;
  if (derives && !specs.has('date'))
    notes.push('history derived in input order (no date column): many exports list newest first; name the date with the derivation\'s "date"');
  const dateNeeded = isDateNeeded(!!options.needsDate, options.mapping);

  const fields: FieldPlan[] = [];
  for (const [name, { index, spec, describe, expr }] of specs) {
    const kind = CANONICAL[name].kind;
    const converterSpec: ConverterSpec = {
      name,
      kind,
      decimalComma: options.decimalComma,
      values: spec.values,
      scale: spec.scale,
      clip: spec.clip,
      default: spec.value ?? spec.default,
      missing,
      dateOrder,
      satisfaction: kind === 'satisfaction' ? satisfaction : undefined,
      tally: kind === 'satisfaction' ? options.tally : undefined,
      polarity: kind === 'satisfaction' ? options.polarity : undefined,
    };
    const convert = makeConverter(converterSpec);
    const convertNumber = expr ? null : makeNumberConverter(converterSpec);
    // A constant or a default that cannot be read is a mistake in the mapping: one usage error now, not every row rejected.
    const fixed = spec.value !== undefined ? 'value' : spec.default !== undefined ? 'default' : null;
    const checked = fixed && convert('');
    if (checked && isProblem(checked)) throw usageError('bad_mapping', `${options.mapping?.path ?? 'mapping'}: columns.${name}.${fixed}: ${checked.problem}`);
    if (spec.values) checkTargets(spec.values, converterSpec, `${options.mapping?.path ?? 'mapping'}: columns.${name}.values`);
    fields.push({
      name,
      index,
      column: expr ? expr.indexes.map((i) => header[i]).join(', ') : index >= 0 ? header[index] : '(constant)',
      inputs: expr ? expr.indexes : index >= 0 ? [index] : [],
      convert,
      convertRange: convertNumber && makeRangeConverter(convertNumber, convert, options.decimalComma),
      plain: expr ? null : plainRule(converterSpec),
      compute: expr ? computer(expr, convert, { decimalComma: options.decimalComma, dateOrder, missing }) : null,
      unread: kind === 'date' && !dateNeeded ? { rows: 0, first: null } : null,
    });
    let text = describe;
    if (kind === 'satisfaction')
      text += satisfaction.binary ? ' (binary)' : ` (scale ${satisfaction.scale[0]}–${satisfaction.scale[1]}${satisfaction.declared ? '' : ', inferred'})`;
    if (kind === 'date') text += dateOrder === 'mdy' ? ' (month-first)' : ' (ISO or day-first)';
    sources[name] = text;
  }
  const order =
    orderIndex < 0 ? null : { index: orderIndex, column: header[orderIndex], read: orderReader(header[orderIndex], options.decimalComma, dateOrder, missing) };
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
    missing,
    keep,
    derives,
    specs,
    order,
    set: fields.filter((f) => f.index < 0 && !f.compute).map((f) => f.name),
    notes: [...notes, ...headerNotes],
    satisfactionTop: satisfaction.scale[1],
    satisfaction,
    provisional: !declared && !options.pinned?.satisfaction && hasSatisfaction,
    pinned: { satisfaction, dateOrder },
  };
}

/**
 * Whether a date that does not read rejects its row: where the command (periods) or a derivation the
 * mapping asks for orders by it. Otherwise it is missing; one guessed from a customer column for prior
 * failures is a guess, never a reason to reject (SPEC §3.1). The SQL takes the same rule.
 */
export function isDateNeeded(forPeriods: boolean, mapping?: Mapping): boolean {
  return forPeriods || !!mapping?.columns.prior_failures?.derive || !!mapping?.columns.pre_satisfaction?.derive;
}

/**
 * Prior failures from a customer column when nothing else gives them (SPEC §3.3's previous_cases):
 * an export that names its customers says how many earlier cases each one had, in this input.
 */
export function guessedHistory(specs: Map<Canonical, Resolved>, header: string[], mapping?: Mapping): ColumnSpec | null {
  if (mapping && Object.hasOwn(mapping.columns, 'prior_failures')) return null;
  const customer = specs.get('customer_id');
  const date = specs.get('date');
  if (specs.has('prior_failures') || !customer || customer.index < 0) return null;
  return { derive: 'previous_cases', customer: header[customer.index], date: date && date.index >= 0 ? header[date.index] : undefined };
}

/** A mapping expression as a field's reader: its value through the column's converter, or why it cannot be computed. */
function computer(
  expr: { expression: Expression; indexes: number[] },
  convert: Converter,
  how: { decimalComma: boolean; dateOrder: DateOrder; missing: ReadonlySet<string> },
) {
  const at = new Map(expr.expression.columns.map((c, k) => [c, expr.indexes[k]]));
  let row: RawCells;
  const context = {
    decimalComma: how.decimalComma,
    dateOrder: how.dateOrder,
    cell(column: string) {
      const v = row.raw(at.get(column)!).trim();
      return v === '' || how.missing.has(v) ? null : v;
    },
  };
  return (r: RawCells): Cell => {
    row = r;
    try {
      return convert(asCell(evaluate(expr.expression, context)) ?? '');
    } catch (e) {
      if (e instanceof ExpressionFailure) return { code: 'expr_failed', problem: `${e.message} (expression ${expr.expression.text})` };
      throw e;
    }
  };
}

/**
 * A `values` table's targets must read as the column's kind (a typo such as "hgh" for "high" would
 * reject every row it maps): one usage error now. Satisfaction targets may be any number or word.
 */
function checkTargets(values: Record<string, number | string | null>, spec: ConverterSpec, where: string) {
  const check = makeConverter({
    ...spec,
    values: undefined,
    default: undefined,
    tally: undefined,
    polarity: undefined,
    satisfaction: spec.kind === 'satisfaction' ? { scale: [-Infinity, Infinity], binary: true, declared: false } : undefined,
  });
  for (const [key, target] of Object.entries(values)) {
    if (target === null) continue;
    const read = check(String(target));
    if (read !== null && isProblem(read)) throw usageError('bad_mapping', `${where}.${key}: ${read.problem}`);
  }
}

/** The collapse order column's cells: a date (ms) or a number; null where missing. */
function orderReader(column: string, decimalComma: boolean, dateOrder: DateOrder, missing: ReadonlySet<string>) {
  return (raw: string): number | null | Problem => {
    const v = raw.trim();
    if (v === '' || missing.has(v)) return null;
    const n = parseDate(v, dateOrder) ?? parseNumber(v, decimalComma);
    return n ?? { code: 'bad_date', problem: `'${v}' in the collapse order column '${column}' is not a date or a number` };
  };
}

/** A sample cell after the mapping's `values` table, as the converter will see it ('' = missing). */
function throughTable(raw: string, table: ReturnType<typeof lookupTable> | null, missing: ReadonlySet<string>): string | number {
  const text = raw.trim();
  if (text === '' || (missing.has(text) && !table?.has(text))) return '';
  if (!table) return text;
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
