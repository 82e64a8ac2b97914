/**
 * Cell converters: text (after a mapping's `values` table) → the canonical value, or a Problem
 * that names why the cell was rejected. Out-of-range values are rejections, not clamps (SPEC §4),
 * unless the mapping says `clip`.
 */
import type { RejectionCode } from '../case.js';
import type { Kind } from './columns.js';
import { tallyNumber, type Satisfaction, type ScaleTally } from './scale.js';
import { parseDate, type DateOrder } from './dates.js';
import { decimalIn, parseNumber, percentOf, percentOnScale } from './values.js';
import { BOOLEAN, CONTROLLABILITY, GROUP, SATISFIED, SEVERITY, STABILITY, UNRATED, fold, lookupWord } from './words.js';

export interface Problem {
  problem: string;
  code: RejectionCode;
}
export type Cell = number | string | null | Problem;
export type Converter = (raw: string) => Cell;

export const isProblem = (v: Cell): v is Problem => typeof v === 'object' && v !== null;

/** Recovery quality words (English, Dutch, French, Swedish) on [0,1]. */
const RECOVERY = new Map(
  Object.entries({
    excellent: 1,
    uitstekend: 1,
    utmarkt: 1,
    good: 0.75,
    goed: 0.75,
    bon: 0.75,
    bra: 0.75,
    fair: 0.5,
    average: 0.5,
    redelijk: 0.5,
    moyen: 0.5,
    okej: 0.5,
    poor: 0.25,
    slecht: 0.25,
    mauvais: 0.25,
    dalig: 0.25,
    none: 0,
    geen: 0,
    aucun: 0,
    ingen: 0,
  }),
);

/** The word tables a factor's or component's words are looked up in, in order (others: yes/no). */
export const VOCABULARY: Record<string, Map<string, number>[]> = {
  severity: [SEVERITY],
  controllability: [CONTROLLABILITY, BOOLEAN],
  stability: [STABILITY, BOOLEAN],
  recovery_quality: [RECOVERY],
};

export interface ConverterSpec {
  name: string;
  kind: Kind;
  decimalComma: boolean;
  values?: Record<string, number | string | null>;
  scale?: [number, number];
  clip?: boolean;
  default?: number | string;
  /** Texts that mean "no value" (SPEC §3.2), besides the empty cell; a `values` entry for one wins. */
  missing: ReadonlySet<string>;
  dateOrder: DateOrder;
  /** Satisfaction: the scale in use (declared or inferred) and whether it is binary. */
  satisfaction?: Satisfaction;
  /** Satisfaction: where every value read is counted, to check the scale against all of them. */
  tally?: ScaleTally;
  /** Binary satisfaction: where the values read as satisfied and dissatisfied are counted. */
  polarity?: Polarity;
}

export function makeConverter(spec: ConverterSpec): Converter {
  const table = spec.values ? lookupTable(spec.values) : null;
  const convert = kindConverter(spec);
  const fallback = spec.default;
  const { missing } = spec;
  const read = (raw: string): Cell => {
    const text = raw.trim();
    if (text === '' || (missing.has(text) && !table?.has(text))) return fallback === undefined ? null : convert(fallback);
    if (table) {
      const hit = table.lookup(text);
      if (hit === null) return null;
      if (hit !== undefined) return convert(hit);
    }
    return convert(text);
  };
  const polarity = spec.satisfaction?.binary ? spec.polarity : undefined;
  if (!polarity) return read;
  // Binary satisfaction: which values were read as satisfied and which as not, as they were written.
  return (raw) => {
    const v = read(raw);
    if (v === 1 || v === 0) countPolarity(polarity, raw.trim(), v);
    return v;
  };
}

/** The values binary satisfaction was read from, by reading: value as written → cases (SPEC §3.3). */
export interface Polarity {
  satisfied: Map<string, number>;
  dissatisfied: Map<string, number>;
}

export const emptyPolarity = (): Polarity => ({ satisfied: new Map(), dissatisfied: new Map() });

/** At most this many distinct values are kept per reading (the rest are counted under "(other)"). */
const POLARITY_VALUES = 50;

export function countPolarity(p: Polarity, text: string, v: 0 | 1) {
  const map = v ? p.satisfied : p.dissatisfied;
  const key = map.has(text) || map.size < POLARITY_VALUES ? text.slice(0, 80) : '(other)';
  map.set(key, (map.get(key) ?? 0) + 1);
}

export function addPolarity(to: Polarity, from: Polarity): void {
  for (const k of ['satisfied', 'dissatisfied'] as const) for (const [text, n] of from[k]) to[k].set(text, (to[k].get(text) ?? 0) + n);
}

/** Whether any satisfaction value was read as satisfied or dissatisfied. */
export const polarityRead = (p: Polarity) => p.satisfied.size + p.dissatisfied.size > 0;

/** As JSON shows it: each reading's values, most frequent first. */
export const polarityList = (p: Polarity) => ({
  satisfied: [...p.satisfied].sort((a, b) => b[1] - a[1]).map(([value, cases]) => ({ value, cases })),
  dissatisfied: [...p.dissatisfied].sort((a, b) => b[1] - a[1]).map(([value, cases]) => ({ value, cases })),
});

/** A cell given as text[start, end) of a quote-free line, so plain numbers need no string of their own. */
export type RangeConverter = (text: string, start: number, end: number) => Cell;

const NUMERIC = new Set<Kind>(['factor', 'component', 'count', 'hours', 'satisfaction']);

/**
 * For numeric columns, the converter of a cell already read as a plain decimal; null where a plain
 * number may mean something else (a values table, a missing marker written as a number such as
 * `--missing 99`) or must be counted as written (binary satisfaction): such cells are read as text.
 */
export function makeNumberConverter(spec: ConverterSpec): ((n: number) => Cell) | null {
  return readsPlainNumbers(spec) ? kindConverter(spec) : null;
}

function readsPlainNumbers(spec: ConverterSpec): boolean {
  if (spec.values || !NUMERIC.has(spec.kind) || spec.satisfaction?.binary) return false;
  const point = spec.decimalComma ? 44 : 46;
  for (const m of spec.missing) if (!Number.isNaN(decimalIn(m, 0, m.length, point))) return false;
  return true;
}

/**
 * What a cell of this column is, written plainly, without a converter (plain-record.ts): for a
 * numeric column, the range [lo, hi] in which a plain number reads as itself (a whole number for a
 * count), put onto [0,1] through that range for factors and components, and counted in the scale
 * tally for satisfaction (outside the range the converter rejects or clips it); for an id without a
 * `values` table, the cell as written. Null where a plain cell may mean something else.
 */
export type PlainRule = { kind: 'number'; lo: number; hi: number; scaled: boolean; whole: boolean; tally: ScaleTally | null } | { kind: 'id' };

export function plainRule(spec: ConverterSpec): PlainRule | null {
  if (spec.kind === 'id') return spec.values ? null : { kind: 'id' };
  if (!readsPlainNumbers(spec)) return null;
  const rule = { kind: 'number' as const, lo: 0, hi: Infinity, scaled: false, whole: spec.kind === 'count', tally: null };
  if (spec.kind === 'factor' || spec.kind === 'component') {
    const [lo, hi] = spec.scale ?? [0, 1];
    return { ...rule, lo, hi, scaled: true };
  }
  if (spec.kind === 'satisfaction') {
    const [lo, hi] = spec.satisfaction!.scale;
    return { ...rule, lo, hi, tally: spec.tally ?? null };
  }
  return rule;
}

/** Plain decimals read in place by `number`, anything else as text. */
export function makeRangeConverter(number: (n: number) => Cell, asText: Converter, decimalComma: boolean): RangeConverter {
  const point = decimalComma ? 44 : 46;
  return (text, start, end) => {
    const n = decimalIn(text, start, end, point);
    return n === n ? number(n) : asText(text.slice(start, end));
  };
}

/** A mapping's `values` table: exact text, then folded text, then `"*"`; null means missing, undefined no entry. */
export function lookupTable(values: Record<string, number | string | null>) {
  const exact = new Map<string, number | string | null>();
  const folded = new Map<string, number | string | null>();
  let wildcard: number | string | null | undefined;
  for (const [k, v] of Object.entries(values)) {
    if (k === '*') wildcard = v;
    else {
      exact.set(k, v);
      folded.set(fold(k), v);
    }
  }
  const lookup = (text: string) => {
    if (exact.has(text)) return exact.get(text);
    const key = fold(text);
    return folded.has(key) ? folded.get(key) : wildcard;
  };
  /** An entry for exactly this text (not `"*"`): it wins over a missing marker. */
  const has = (text: string) => exact.has(text);
  return { lookup, has };
}

const range = (s: [number, number]) => `${s[0]}–${s[1]}`;

function kindConverter(spec: ConverterSpec): (v: number | string) => Cell {
  const { name, decimalComma } = spec;
  const number = (v: number | string) => (typeof v === 'number' ? v : parseNumber(v, decimalComma));
  switch (spec.kind) {
    case 'id':
    case 'text':
      return (v) => String(v);
    case 'factor':
    case 'component': {
      const words = VOCABULARY[name] ?? [BOOLEAN];
      const word = memo((v: string): Cell => {
        for (const w of words) {
          const hit = lookupWord(w, v);
          if (hit !== undefined) return hit;
        }
        return { code: 'unknown_word', problem: `'${v}' is not a number or a known ${name.replace('_', ' ')} word` };
      });
      const onScale = scaler(spec);
      const scale = spec.scale ?? [0, 1];
      return (v) => {
        const p = typeof v === 'string' ? percentOf(v, decimalComma) : null;
        if (p !== null) {
          const n = percentOnScale(p, scale);
          return n === null ? notOnScale(v, scale) : onScale(n);
        }
        const n = number(v);
        return n !== null ? onScale(n) : word(String(v));
      };
    }
    case 'count':
      return (v) => {
        const n = number(v) ?? BOOLEAN.get(fold(String(v))) ?? null;
        if (n === null) return { code: 'not_a_number', problem: `'${v}' is not a count` };
        if (n < 0 || !Number.isInteger(n)) return { code: 'out_of_range', problem: `${n} is not a count (an integer ≥ 0)` };
        return n;
      };
    case 'hours':
      return (v) => {
        const n = number(v) ?? duration(String(v));
        if (n === null) return { code: 'not_a_number', problem: `'${v}' is not a number of hours (or h:mm:ss)` };
        if (n < 0) return { code: 'out_of_range', problem: `${n} hours is negative` };
        return n;
      };
    case 'satisfaction': {
      const sat = spec.satisfaction!;
      const tally = spec.tally;
      const satisfiedWord = memo((v: string) => (UNRATED.has(fold(v)) ? null : SATISFIED.get(fold(v))));
      const [lo, hi] = sat.scale;
      return (v) => {
        const p = typeof v === 'string' && !sat.binary ? percentOf(v, decimalComma) : null;
        // The tally counts a percentage as its share (as the sample does); the value is read on the scale.
        const n = p !== null ? p / 100 : number(v);
        if (n === null) {
          const word = satisfiedWord(String(v));
          if (word === null) return null;
          if (word === undefined) return { code: 'unknown_word', problem: `'${v}' is not a satisfaction score or word` };
          if (tally) tally.words++;
          if (!sat.binary) return { code: 'unknown_word', problem: `'${v}' is a word in a numeric satisfaction column (scale ${range(sat.scale)})` };
          return word;
        }
        if (tally) tallyNumber(tally, n);
        const value = p !== null ? percentOnScale(p, sat.scale) : n;
        if (value === null) return notOnScale(v, sat.scale);
        if (value < lo || value > hi) {
          if (spec.clip) return Math.min(hi, Math.max(lo, value));
          const how = sat.declared ? 'declared' : 'inferred from every value; declare it with --scale or a mapping "scale"';
          return { code: 'out_of_scale', problem: `${value} is outside the satisfaction scale ${range(sat.scale)} (${how})` };
        }
        return value;
      };
    }
    case 'group': {
      // A yes/no column (late? failed?) marks the failure group: yes → failure, no → control.
      const groupWord = memo(
        (v: string) => GROUP.get(fold(v)) ?? (BOOLEAN.get(fold(v)) === 1 ? 'failure' : BOOLEAN.get(fold(v)) === 0 ? 'control' : undefined),
      );
      return (v) => {
        const g = typeof v === 'number' ? (v === 1 ? 'failure' : v === 0 ? 'control' : undefined) : groupWord(v);
        return g ?? { code: 'unknown_word', problem: `'${v}' is not a group (failure or control; map other words with "values")` };
      };
    }
    case 'date':
      return (v) => {
        const d = parseDate(String(v).trim(), spec.dateOrder);
        return d ?? { code: 'bad_date', problem: `'${v}' is not a date (${spec.dateOrder === 'mdy' ? 'month-first' : 'day-first or ISO'}; see --date-format)` };
      };
  }
}

/** A percentage on a scale that is neither 0–1 nor 0–100: rejected, never guessed. */
const notOnScale = (v: number | string, scale: readonly [number, number]): Problem => ({
  code: 'out_of_scale',
  problem: `'${v}' is a percentage, which reads on a 0–1 or a 0–100 scale only (this one is ${range(scale as [number, number])}): write the number, or map it with "values"`,
});

/** A duration as exports write it (`2:30`, `26:05:00`; Freshdesk's "in hrs" columns), in hours; null when it is none. */
function duration(text: string): number | null {
  const m = /^(\d+):([0-5]\d)(?::([0-5]\d))?$/.exec(text.trim());
  return m ? Number(m[1]) + Number(m[2]) / 60 + Number(m[3] ?? 0) / 3600 : null;
}

/** Remembers a word's reading: a column holds few distinct words, read many times (up to 4,096 kept). */
function memo<T>(read: (v: string) => T): (v: string) => T {
  const seen = new Map<string, T>();
  return (v) => {
    let r = seen.get(v);
    if (r === undefined && !seen.has(v)) {
      r = read(v);
      if (seen.size < 4096) seen.set(v, r);
    }
    return r as T;
  };
}

/** A number onto [0,1]: through the declared scale, else it must already be in [0,1]. */
function scaler(spec: ConverterSpec): (n: number) => Cell {
  const [lo, hi] = spec.scale ?? [0, 1];
  const span = hi - lo;
  const clip = !!spec.clip;
  const hint = spec.scale ? '' : ' (declare a "scale" in the mapping for other ranges)';
  return (n) => {
    if (n < lo || n > hi) {
      if (!clip) return { code: 'out_of_range', problem: `${n} is outside [${lo}, ${hi}]${hint}` };
      n = n < lo ? lo : hi;
    }
    return (n - lo) / span;
  };
}
