/**
 * The SQL dialects srp writes its model in (SPEC §9): DuckDB, PostgreSQL and Spark SQL. Only what
 * differs between them is here; everything else is written once in standard SQL.
 */

export const DIALECTS = ['duckdb', 'postgres', 'spark'] as const;
export type DialectName = (typeof DIALECTS)[number];

export interface Dialect {
  name: DialectName;
  /** A quoted identifier. */
  ident(name: string): string;
  /** A text value as text (whatever type the column has). */
  text(sql: string): string;
  /** Text without the white space JavaScript's trim removes at either end (tabs, line ends, no-break and other Unicode spaces), as the reader trims. */
  trim(sql: string): string;
  /**
   * A number read the quick way, NULL where the text is not one: at least every plain decimal
   * (`-?(\d+(\.\d+)?|\.\d+)`, the reader's fast path), and never a text the reader reads otherwise.
   */
  plainNumber(sql: string): string;
  /** Whether text is one of the literals (a short list, such as the missing markers). */
  oneOf(sql: string, literals: string[]): string;
  /**
   * Text a pattern has checked as a finite double, NULL where it is beyond a double's range (`1e999`,
   * which the reader does not read as a number). DuckDB computes an expression written twice once for
   * every row, outside the CASE that guards it: what is written twice here is a cast that cannot fail.
   */
  finiteDouble(sql: string): string;
  /** Whether text matches the whole regular expression. */
  matches(sql: string, re: string): string;
  /** The first group of a regular expression that matches the whole text (null otherwise). */
  group(sql: string, re: string): string;
  /** Group k (from 1) of a regular expression that matches the whole text: NULL or '' where it does not, or the group is not there. */
  groupAt(sql: string, re: string, k: number): string;
  /** Text of digits as an integer (NULL stays NULL): no error on a row a CASE guards (DuckDB may compute a guarded branch for every row: there, no error at all). */
  int(sql: string): string;
  /** A `YYYY-MM-DD` text (month and day checked by a pattern, year from 1) as days since 1970-01-01, NULL where the month has no such day. */
  epochDays(sql: string): string;
  /** Every match of a regular expression replaced. */
  replaceAll(sql: string, re: string, by: string): string;
  /** Text that reads as a number, as a double. */
  double: string;
  /**
   * Statements to run first, in the same session: PostgreSQL's JIT compiler takes minutes (and
   * cannot be cancelled) on a query this size once its planner expects many rows, so it is set off.
   */
  settings: string[];
  /** How a CTE that several parts of the query read is kept, computed once (`AS MATERIALIZED`). */
  materialized: string;
  /** The integers 0 … n−1 as a table with column `k`. */
  series(n: number): string;
  /** Milliseconds since the epoch as the report's period key, UTC: `2026-03` (month) or the ISO week `2026-W05`. */
  periodKey(ms: string, unit: 'week' | 'month'): string;
}

/** A string literal, quotes doubled. */
export const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** A number literal that reads back as the same double. */
export function numberLiteral(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`not a finite number: ${n}`);
  const s = String(n);
  return /e/i.test(s) ? `CAST(${literal(s)} AS DOUBLE PRECISION)` : s.includes('.') ? s : `${s}.0`;
}

/** The reader's plain decimals: an optional minus, digits, and digits after one point. */
const PLAIN = '-?(\\d+(\\.\\d+)?|\\.\\d+)';

/**
 * The layout of the ISO dates the query reads: `2024-03-01`, `2024-03-01 17:05`, `2024-03-01T17:05:00`,
 * seconds with fractions, and `Z` or an offset (fields not range-checked: what a sample is checked against;
 * ISO_VALID below is the query's own, checked, pattern).
 */
const ZONE = '(Z|[+-]\\d{2}(:?\\d{2})?)';
export const ISO = `\\d{4}-\\d{2}-\\d{2}([ T]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?${ZONE}?)?`;

/** The characters JavaScript's String.prototype.trim removes (ECMAScript WhiteSpace and LineTerminator), by code point. */
const TRIMMED = [9, 10, 11, 12, 13, 32, 0xa0, 0x1680, ...Array.from({ length: 11 }, (_, k) => 0x2000 + k), 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff];
/** Those characters as SQL text, each by its code point (chr), so that the query's text holds no control or invisible character. */
const trimmedByChr = TRIMMED.map((c) => (c === 32 ? "' '" : `chr(${c})`)).join(' || ');

/**
 * ISO 8601 as the reader reads it (io/dates.ts), each field in its range (the day up to 31): a
 * date, then an optional time with optional seconds (a fraction is read and dropped, as the reader
 * does) and an optional `Z` or offset.
 */
const ISO_VALID = '\\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\\d|3[01])(?:[ T](?:[01]\\d|2[0-3]):[0-5]\\d(?::[0-5]\\d(?:\\.\\d+)?)?(?:Z|[+-]\\d{2}(?::?\\d{2})?)?)?';
/** What follows `YYYY-MM-DDTHH:MM`: seconds and their fraction, then the offset's sign, hours and minutes (groups 1–3). */
const ISO_TAIL = '(?::\\d{2}(?:\\.\\d+)?)?(?:Z|([+-])(\\d{2})(?::?(\\d{2}))?)?';

/**
 * An ISO 8601 date or date-time text as milliseconds since the epoch (UTC), in any dialect: NULL where it is none or not in the
 * calendar (30 February, month 13, 24:00, a 60th second, the year 0): the pattern checks the fields'
 * ranges, the dialect's date the day of the month, and the rest is read at its place, so that no
 * dialect's cast fails on a row or reads it otherwise than the reader.
 */
export function epochMs(d: Dialect, s: string): string {
  const at = (from: number, length: number) => `COALESCE(${d.int(`NULLIF(substr(${s}, ${from}, ${length}), '')`)}, 0)`;
  const tail = `substr(${s}, 17)`;
  const zone = (k: number) => `COALESCE(${d.int(`NULLIF(${d.groupAt(tail, ISO_TAIL, k)}, '')`)}, 0)`;
  const sign = `CASE ${d.groupAt(tail, ISO_TAIL, 1)} WHEN '+' THEN 1 WHEN '-' THEN -1 ELSE 0 END`;
  const sec = `CASE WHEN substr(${s}, 17, 1) = ':' THEN ${at(18, 2)} ELSE 0 END`;
  // (A double from the days on: their milliseconds overflow a 32-bit integer.)
  const ms = `CAST(${d.epochDays(`substr(${s}, 1, 10)`)} AS ${d.double}) * 86400000 + ${at(12, 2)} * 3600000 + ${at(15, 2)} * 60000 + ${sec} * 1000 - ${sign} * (${zone(2)} * 60 + ${zone(3)}) * 60000`;
  return `CASE WHEN ${d.matches(s, ISO_VALID)} AND substr(${s}, 1, 4) <> '0000' THEN ${ms} END`;
}

/**
 * Days since 1970-01-01 of a `YYYY-MM-DD` text whose month and day a pattern checked, by the
 * dialect's own date (`days`), NULL where the month has no such day: checked first, for the
 * dialects whose date would stop the query on one (PostgreSQL; Spark in ANSI mode).
 */
function guardedEpochDays(s10: string, days: string): string {
  const [y, mo, day] = [`CAST(substr(${s10}, 1, 4) AS INTEGER)`, `CAST(substr(${s10}, 6, 2) AS INTEGER)`, `CAST(substr(${s10}, 9, 2) AS INTEGER)`];
  const leap = `(${y} % 4 = 0 AND ${y} % 100 <> 0 OR ${y} % 400 = 0)`;
  const monthDays = `CASE WHEN ${mo} = 2 THEN CASE WHEN ${leap} THEN 29 ELSE 28 END WHEN ${mo} IN (4, 6, 9, 11) THEN 30 ELSE 31 END`;
  return `CASE WHEN ${day} <= ${monthDays} THEN ${days} END`;
}

/** DuckDB's cast of text to a double, NULL where it fails or is infinite or NaN. */
const duckdbFinite = (s: string) => `CASE WHEN isfinite(TRY_CAST(${s} AS DOUBLE)) THEN TRY_CAST(${s} AS DOUBLE) END`;

/**
 * Text DuckDB's cast reads otherwise than the reader: digits grouped by `_` (`1_000`) and a sign
 * after a sign (`+-0` reads as −0), which the reader does not read as numbers.
 */
export const duckdbCastsOtherwise = (s: string) => `(contains(${s}, '_') OR contains(${s}, '+-'))`;

const duckdb: Dialect = {
  name: 'duckdb',
  ident: (n) => `"${n.replace(/"/g, '""')}"`,
  text: (s) => `CAST(${s} AS VARCHAR)`,
  trim: (s) => `trim(${s}, ${trimmedByChr})`,
  // DuckDB's cast reads what the reader's numbers read (signs, exponents, `5.`) and more: `inf`, `nan`,
  // `1_000`, `+-0`, which are left to the reader's rules (a regular expression per cell is slow).
  plainNumber: (s) => `CASE WHEN NOT ${duckdbCastsOtherwise(s)} THEN ${duckdbFinite(s)} END`,
  // DuckDB plans a long IN list as a join per column; list_contains is one function call.
  oneOf: (s, literals) => `list_contains([${literals.join(', ')}], ${s})`,
  finiteDouble: (s) => duckdbFinite(s),
  matches: (s, re) => `regexp_full_match(${s}, ${literal(re)})`,
  group: (s, re) => `CASE WHEN regexp_full_match(${s}, ${literal(re)}) THEN regexp_extract(${s}, ${literal(`^${re}$`)}, 1) END`,
  groupAt: (s, re, k) => `regexp_extract(${s}, ${literal(`^${re}$`)}, ${k})`,
  // (DuckDB may compute a CASE's branch for every row: TRY_CAST cannot fail.)
  int: (s) => `TRY_CAST(${s} AS INTEGER)`,
  epochDays: (s) => `date_diff('day', DATE '1970-01-01', TRY_CAST(${s} AS DATE))`,
  replaceAll: (s, re, by) => `regexp_replace(${s}, ${literal(re)}, ${literal(by)}, 'g')`,
  double: 'DOUBLE',
  settings: [],
  materialized: 'AS MATERIALIZED',
  series: (n) => `(SELECT range AS k FROM range(${n}))`,
  periodKey: (ms, unit) => `strftime(epoch_ms(CAST(${ms} AS BIGINT)), ${unit === 'month' ? "'%Y-%m'" : "'%G-W%V'"})`,
};

const postgres: Dialect = {
  name: 'postgres',
  ident: (n) => `"${n.replace(/"/g, '""')}"`,
  text: (s) => `CAST(${s} AS TEXT)`,
  trim: (s) => `btrim(${s}, ${trimmedByChr})`,
  plainNumber: (s) => `CASE WHEN ${s} ~ ${literal(`^(?:${PLAIN})$`)} THEN CAST(${s} AS DOUBLE PRECISION) END`,
  oneOf: (s, literals) => `${s} IN (${literals.join(', ')})`,
  // PostgreSQL refuses to cast a number beyond a double's range (an error, not a wrong value).
  finiteDouble: (s) => `CAST(${s} AS DOUBLE PRECISION)`,
  matches: (s, re) => `(${s} ~ ${literal(`^(?:${re})$`)})`,
  group: (s, re) => `substring(${s} from ${literal(`^(?:${re})$`)})`,
  groupAt: (s, re, k) => `(regexp_match(${s}, ${literal(`^${re}$`)}))[${k}]`,
  // PostgreSQL evaluates a CASE's branches only for the rows that reach them.
  int: (s) => `CAST(${s} AS INTEGER)`,
  epochDays: (s) => guardedEpochDays(s, `CAST(${s} AS DATE) - DATE '1970-01-01'`),
  replaceAll: (s, re, by) => `regexp_replace(${s}, ${literal(re)}, ${literal(by)}, 'g')`,
  double: 'DOUBLE PRECISION',
  settings: ['SET jit = off'],
  materialized: 'AS MATERIALIZED',
  series: (n) => `(SELECT k FROM generate_series(0, ${n - 1}) AS g(k))`,
  periodKey: (ms, unit) => `to_char(to_timestamp(${ms} / 1000.0) AT TIME ZONE 'UTC', ${unit === 'month' ? "'YYYY-MM'" : `'IYYY-"W"IW'`})`,
};

const spark: Dialect = {
  name: 'spark',
  ident: (n) => `\`${n.replace(/`/g, '``')}\``,
  text: (s) => `CAST(${s} AS STRING)`,
  // (Spark's chr is ASCII only; its string literals read \\uXXXX escapes.)
  trim: (s) => `trim(BOTH '${TRIMMED.map((c) => `\\u${c.toString(16).padStart(4, '0')}`).join('')}' FROM ${s})`,
  plainNumber: (s) => `CASE WHEN ${s} RLIKE ${literal(`^(?:${PLAIN})$`)} THEN CAST(${s} AS DOUBLE) END`,
  oneOf: (s, literals) => `${s} IN (${literals.join(', ')})`,
  finiteDouble: (s) => `CASE WHEN abs(CAST(${s} AS DOUBLE)) < double('Infinity') THEN CAST(${s} AS DOUBLE) END`,
  matches: (s, re) => `(${s} RLIKE ${literal(`^(?:${re})$`)})`,
  group: (s, re) => `CASE WHEN ${s} RLIKE ${literal(`^(?:${re})$`)} THEN regexp_extract(${s}, ${literal(`^${re}$`)}, 1) END`,
  groupAt: (s, re, k) => `regexp_extract(${s}, ${literal(`^${re}$`)}, ${k})`,
  int: (s) => `CAST(${s} AS INT)`,
  epochDays: (s) => guardedEpochDays(s, `datediff(to_date(${s}, 'yyyy-MM-dd'), DATE '1970-01-01')`),
  replaceAll: (s, re, by) => `regexp_replace(${s}, ${literal(re)}, ${literal(by)})`,
  double: 'DOUBLE',
  settings: [],
  materialized: 'AS',
  series: (n) => `(SELECT explode(sequence(0, ${n - 1})) AS k)`,
  // Spark has the ISO week (weekofyear) but not its year: the year of the week's Thursday.
  periodKey: (ms, unit) => {
    const ts = `timestamp_millis(CAST(${ms} AS BIGINT))`;
    return unit === 'month'
      ? `date_format(${ts}, 'yyyy-MM')`
      : `concat(CAST(year(date_add(to_date(${ts}), 3 - ((dayofweek(${ts}) + 5) % 7))) AS STRING), '-W', lpad(CAST(weekofyear(${ts}) AS STRING), 2, '0'))`;
  },
};

export const dialects: Record<DialectName, Dialect> = { duckdb, postgres, spark };
