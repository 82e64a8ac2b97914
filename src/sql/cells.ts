/**
 * A cell as srp's reader reads it (io/convert.ts), written in SQL: trimmed text, missing markers,
 * the mapping's `values` table, then the column's kind (numbers, scales, the built-in words, counts,
 * hours, satisfaction, groups, ISO dates). Each column gives its value and, where srp would reject
 * the row, the rejection code.
 */
import type { Kind } from '../io/columns.js';
import { BOOLEAN, GROUP, SATISFIED, UNRATED, fold } from '../io/words.js';
import { VOCABULARY } from '../io/convert.js';
import { epochMs, literal, numberLiteral, type Dialect } from './dialect.js';

/** A column's value in SQL and the code of the rejection it causes (NULL: none). */
export interface SqlCell {
  value: string;
  problem: string;
}

/** What JavaScript's Number reads, with an optional trailing % (after the dialect's plain decimals). */
const NUMBER = '[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?';
/** Accented letters as the reader's fold strips them (NFD without combining marks), for Western European text. */
const ACCENTED = 'àáâãäåāăąçćčďèéêëēėęěìíîïīįñńňòóôõöøōőùúûüūůűųýÿžźżšśřŕľĺłťţğ';
const PLAIN_LETTERS = 'aaaaaaaaacccdeeeeeeeeeiiiiiinnnooooooooouuuuuuuuyyzzzssrrlllttg';

/** The reader's fold (lower case, accents removed, runs of space, _ and - as one space), in SQL. */
export const foldSql = (d: Dialect, s: string) =>
  `trim(${d.replaceAll(`translate(lower(${s}), ${literal(ACCENTED)}, ${literal(PLAIN_LETTERS)})`, '[\\s_-]+', ' ')})`;

export interface CellOptions {
  kind: Kind;
  /** The canonical column, for its words. */
  name: string;
  scale?: [number, number];
  clip?: boolean;
  /** Satisfaction: the scale's bounds and whether it is binary, as SQL (from the scale query). */
  satisfaction?: { lo: string; hi: string; binary: string };
}

/** A cell's text (after the values table), its folded form and the number it reads as: SQL columns, computed once. */
export interface CellParts {
  x: string;
  key: string;
  n: string;
  /** The number before a trailing `%` (`80%` → 80), NULL where the text is no percentage (values.ts percentOf). */
  pct: string;
}

/** The parts of a text in SQL (for a query layer that computes them once per row). */
export const partsOf = (d: Dialect, x: string, decimalComma: boolean): CellParts => ({ x, key: foldSql(d, x), n: numberSql(d, x, decimalComma), pct: percentSql(d, x, decimalComma) });

/** A cell's value and problem in SQL (the value NULL where missing or rejected), from its parts. */
export const cellSql = (d: Dialect, parts: CellParts, o: CellOptions): SqlCell => kindSql(d, parts, o);

/** The cleaned text of a raw column: trimmed, NULL where empty or a missing marker for which the values table has no exact entry. */
export function cleanText(d: Dialect, raw: string, missing: ReadonlySet<string>, values?: Record<string, unknown>): string {
  const t = d.trim(d.text(raw));
  const markers = [...missing].filter((m) => !(values && Object.hasOwn(values, m)));
  return `CASE WHEN ${t} = ''${markers.length ? ` OR ${d.oneOf(t, markers.map(literal))}` : ''} THEN NULL ELSE ${t} END`;
}

/** The mapping's values table: exact text, then folded, then "*"; a null entry is missing. */
export function throughTable(d: Dialect, x: string, values: Record<string, number | string | null>): string {
  const target = (v: number | string | null) => (v === null ? 'NULL' : literal(String(v)));
  const entries = Object.entries(values).filter(([k]) => k !== '*');
  const folded = foldSql(d, x);
  const exact = entries.map(([k, v]) => `WHEN ${x} = ${literal(k)} THEN ${target(v)}`);
  const byFold = entries.map(([k, v]) => `WHEN ${folded} = ${literal(fold(k))} THEN ${target(v)}`);
  const otherwise = Object.hasOwn(values, '*') ? target(values['*']) : x;
  return `(CASE WHEN ${x} IS NULL THEN NULL ${[...exact, ...byFold].join(' ')} ELSE ${otherwise} END)`;
}

/** A text with its decimal comma made a point, and the same without a trailing `%`. */
function decimalText(d: Dialect, x: string, decimalComma: boolean) {
  const comma = decimalComma ? `CASE WHEN ${x} LIKE '%,%' THEN replace(replace(${x}, '.', ''), ',', '.') ELSE ${x} END` : x;
  return { comma, bare: d.trim(d.replaceAll(comma, '%$', '')) };
}

/** The number a text reads as (parseNumber), NULL where it is none. */
export function numberSql(d: Dialect, x: string, decimalComma: boolean): string {
  const { comma, bare } = decimalText(d, x, decimalComma);
  return `COALESCE(${d.plainNumber(x)}, CASE WHEN ${d.matches(comma, `${NUMBER}\\s*%`)} THEN ${d.finiteDouble(bare)} / 100
    WHEN ${d.matches(comma, NUMBER)} THEN ${d.finiteDouble(comma)} END)`;
}

/** The number before a trailing `%`, NULL where the text is no percentage (percentOf). */
function percentSql(d: Dialect, x: string, decimalComma: boolean): string {
  const { comma, bare } = decimalText(d, x, decimalComma);
  return `CASE WHEN ${d.plainNumber(x)} IS NULL AND ${d.matches(comma, `${NUMBER}\\s*%`)} THEN ${d.finiteDouble(bare)} END`;
}

/** A word's value in a table as lookupWord finds it: folded, without spaces, or numbered (`1 - Critical`, `P2 High`). */
function wordSql(d: Dialect, key: string, table: Map<string, number>): string {
  const cases = (k: string) => `CASE ${k} ${[...table].map(([w, v]) => `WHEN ${literal(w)} THEN ${numberLiteral(v)}`).join(' ')} END`;
  const numbered = `CASE WHEN ${d.matches(key, '\\d+\\s*[.:)]?\\s*(.+)')} THEN ${d.group(key, '\\d+\\s*[.:)]?\\s*(.+)')} ELSE ${d.group(key, '(?:p|sev)\\s?\\d\\s+(.+)')} END`;
  return `COALESCE(${cases(key)}, ${cases(`replace(${key}, ' ', '')`)}, ${cases(numbered)})`;
}

/** A folded word looked up as it is (the satisfaction, count and group words). */
const exactWordSql = (key: string, table: Map<string, number>) =>
  `CASE ${key} ${[...table].map(([w, v]) => `WHEN ${literal(w)} THEN ${numberLiteral(v)}`).join(' ')} END`;

/** The first table that knows the word. */
const wordsSql = (d: Dialect, key: string, tables: Map<string, number>[]) =>
  tables.length === 1 ? wordSql(d, key, tables[0]) : `COALESCE(${tables.map((t) => wordSql(d, key, t)).join(', ')})`;

const code = (c: string) => literal(c);

/**
 * A percentage on a scale (values.ts percentOnScale): p/100 on 0–1, p on 0–100, NULL on another;
 * `lo` and `hi` are SQL. Elsewhere the cell's number.
 */
function percentOnScaleSql(n: string, pct: string, lo: string, hi: string): { v: string; off: string } {
  return {
    v: `CASE WHEN ${pct} IS NULL THEN ${n} WHEN ${lo} = 0 AND ${hi} = 1 THEN ${pct} / 100 WHEN ${lo} = 0 AND ${hi} = 100 THEN ${pct} END`,
    off: `(${pct} IS NOT NULL AND NOT (${lo} = 0 AND ${hi} IN (1, 100)))`,
  };
}

function kindSql(d: Dialect, { x, key, n: number, pct }: CellParts, o: CellOptions): SqlCell {
  let n = number;
  switch (o.kind) {
    case 'id':
    case 'text':
      return { value: x, problem: 'NULL' };
    case 'factor':
    case 'component': {
      const [lo, hi] = o.scale ?? [0, 1];
      const percent = percentOnScaleSql(number, pct, numberLiteral(lo), numberLiteral(hi));
      n = percent.v;
      const word = wordsSql(d, key, VOCABULARY[o.name] ?? [BOOLEAN]);
      const inRange = `${n} BETWEEN ${numberLiteral(lo)} AND ${numberLiteral(hi)}`;
      const clamped = o.clip
        ? `CASE WHEN ${n} < ${numberLiteral(lo)} THEN ${numberLiteral(lo)} WHEN ${n} > ${numberLiteral(hi)} THEN ${numberLiteral(hi)} ELSE ${n} END`
        : n;
      const onScale = `(${clamped} - ${numberLiteral(lo)}) / ${numberLiteral(hi - lo)}`;
      return {
        value: `CASE WHEN ${x} IS NULL OR ${percent.off} THEN NULL WHEN ${n} IS NOT NULL THEN ${o.clip ? onScale : `CASE WHEN ${inRange} THEN ${onScale} END`} ELSE ${word} END`,
        problem: `CASE WHEN ${x} IS NULL THEN NULL WHEN ${percent.off} THEN ${code('out_of_scale')} WHEN ${n} IS NOT NULL THEN ${o.clip ? 'NULL' : `CASE WHEN ${inRange} THEN NULL ELSE ${code('out_of_range')} END`} WHEN ${word} IS NULL THEN ${code('unknown_word')} END`,
      };
    }
    case 'count': {
      const v = `COALESCE(${n}, ${exactWordSql(key, BOOLEAN)})`;
      return {
        value: `CASE WHEN ${v} >= 0 AND ${v} = floor(${v}) THEN ${v} END`,
        problem: `CASE WHEN ${x} IS NULL THEN NULL WHEN ${v} IS NULL THEN ${code('not_a_number')} WHEN ${v} < 0 OR ${v} <> floor(${v}) THEN ${code('out_of_range')} END`,
      };
    }
    case 'hours': {
      const hms = '(\\d+):([0-5]\\d)(:([0-5]\\d))?';
      const part = (re: string) => `CAST(${d.group(x, re)} AS ${d.double})`;
      const duration = `CASE WHEN ${d.matches(x, hms)} THEN ${part('(\\d+):[0-5]\\d(?::[0-5]\\d)?')} + ${part('\\d+:([0-5]\\d)(?::[0-5]\\d)?')} / 60 + COALESCE(${part('\\d+:[0-5]\\d:([0-5]\\d)')}, 0) / 3600 END`;
      const v = `COALESCE(${n}, ${duration})`;
      return {
        value: `CASE WHEN ${v} >= 0 THEN ${v} END`,
        problem: `CASE WHEN ${x} IS NULL THEN NULL WHEN ${v} IS NULL THEN ${code('not_a_number')} WHEN ${v} < 0 THEN ${code('out_of_range')} END`,
      };
    }
    case 'satisfaction': {
      const { lo, hi, binary } = o.satisfaction!;
      // Binary satisfaction reads numbers as they are (convert.ts): a percentage only on a numeric scale.
      const percent = percentOnScaleSql(number, `CASE WHEN NOT ${binary} THEN ${pct} END`, lo, hi);
      n = percent.v;
      const unrated = d.oneOf(key, [...UNRATED].map(literal));
      const word = exactWordSql(key, SATISFIED);
      const inScale = `${n} BETWEEN ${lo} AND ${hi}`;
      const clipped = `CASE WHEN ${n} < ${lo} THEN ${lo} WHEN ${n} > ${hi} THEN ${hi} ELSE ${n} END`;
      return {
        value: `CASE WHEN ${x} IS NULL OR ${percent.off} OR (${n} IS NULL AND ${unrated}) THEN NULL WHEN ${n} IS NOT NULL THEN ${o.clip ? clipped : `CASE WHEN ${inScale} THEN ${n} END`} WHEN ${binary} THEN ${word} END`,
        problem: `CASE WHEN ${x} IS NULL THEN NULL WHEN ${percent.off} THEN ${code('out_of_scale')} WHEN ${n} IS NULL AND ${unrated} THEN NULL WHEN ${n} IS NOT NULL THEN ${o.clip ? 'NULL' : `CASE WHEN ${inScale} THEN NULL ELSE ${code('out_of_scale')} END`} WHEN ${word} IS NULL OR NOT ${binary} THEN ${code('unknown_word')} END`,
      };
    }
    case 'group': {
      const words = (g: 'failure' | 'control') => [...GROUP].filter(([, v]) => v === g).map(([w]) => literal(w));
      const yes = [...BOOLEAN].filter(([, v]) => v === 1).map(([w]) => literal(w));
      const no = [...BOOLEAN].filter(([, v]) => v === 0).map(([w]) => literal(w));
      const v = `CASE WHEN ${x} IS NULL THEN NULL
        WHEN ${key} IN (${words('failure').join(', ')}) THEN 'failure' WHEN ${key} IN (${words('control').join(', ')}) THEN 'control'
        WHEN ${key} IN (${yes.join(', ')}) THEN 'failure' WHEN ${key} IN (${no.join(', ')}) THEN 'control' END`;
      return { value: v, problem: `CASE WHEN ${x} IS NOT NULL AND (${v}) IS NULL THEN ${code('unknown_word')} END` };
    }
    case 'date': {
      const ms = epochMs(d, x);
      return { value: ms, problem: `CASE WHEN ${x} IS NOT NULL AND ${ms} IS NULL THEN ${code('bad_date')} END` };
    }
  }
}

/** Every satisfaction value a number or a satisfied/dissatisfied word: what the scale is inferred from (io/scale.ts). */
export function satisfactionTallySql(d: Dialect, { x, key, n }: CellParts): { number: string; word: string } {
  // Nested: the word is looked up only where the cell is text (a CASE is evaluated for the rows that reach it).
  return {
    number: n,
    word: `CASE WHEN ${n} IS NULL AND ${x} IS NOT NULL THEN CASE WHEN NOT ${d.oneOf(key, [...UNRATED].map(literal))} AND ${exactWordSql(key, SATISFIED)} IS NOT NULL THEN 1 ELSE 0 END ELSE 0 END`,
  };
}
