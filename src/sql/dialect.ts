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
  /** Every match of a regular expression replaced. */
  replaceAll(sql: string, re: string, by: string): string;
  /** Text that reads as a number, as a double. */
  double: string;
  /** How a CTE that several parts of the query read is kept, computed once (`AS MATERIALIZED`). */
  materialized: string;
  /** The integers 0 … n−1 as a table with column `k`. */
  series(n: number): string;
  /** An ISO 8601 date or date-time text as milliseconds since the epoch, UTC (null where not one). */
  epochMs(sql: string): string;
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

/** ISO dates: `2024-03-01`, `2024-03-01 17:05`, `2024-03-01T17:05:00`, seconds with fractions, and `Z` or an offset. */
const ZONE = '(Z|[+-]\\d{2}(:?\\d{2})?)';
export const ISO = `\\d{4}-\\d{2}-\\d{2}([ T]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?${ZONE}?)?`;

/** DuckDB's cast of text to a double, NULL where it fails or is infinite or NaN. */
const duckdbFinite = (s: string) => `CASE WHEN isfinite(TRY_CAST(${s} AS DOUBLE)) THEN TRY_CAST(${s} AS DOUBLE) END`;

const duckdb: Dialect = {
  name: 'duckdb',
  ident: (n) => `"${n.replace(/"/g, '""')}"`,
  text: (s) => `CAST(${s} AS VARCHAR)`,
  // DuckDB's cast reads what the reader's numbers read (signs, exponents, `5.`) and more: `inf`, `nan`
  // and digits grouped by `_`, which are left to the reader's rules (a regular expression per cell is slow).
  plainNumber: (s) => `CASE WHEN NOT contains(${s}, '_') THEN ${duckdbFinite(s)} END`,
  // DuckDB plans a long IN list as a join per column; list_contains is one function call.
  oneOf: (s, literals) => `list_contains([${literals.join(', ')}], ${s})`,
  finiteDouble: (s) => duckdbFinite(s),
  matches: (s, re) => `regexp_full_match(${s}, ${literal(re)})`,
  group: (s, re) => `CASE WHEN regexp_full_match(${s}, ${literal(re)}) THEN regexp_extract(${s}, ${literal(`^${re}$`)}, 1) END`,
  replaceAll: (s, re, by) => `regexp_replace(${s}, ${literal(re)}, ${literal(by)}, 'g')`,
  double: 'DOUBLE',
  materialized: 'AS MATERIALIZED',
  series: (n) => `(SELECT range AS k FROM range(${n}))`,
  epochMs: (s) =>
    `CASE WHEN regexp_full_match(${s}, ${literal(ISO)}) THEN CASE WHEN regexp_matches(${s}, ${literal(`${ZONE}$`)}) THEN epoch_ms(CAST(${s} AS TIMESTAMPTZ)) ELSE epoch_ms(CAST(${s} AS TIMESTAMP)) END END`,
  periodKey: (ms, unit) => `strftime(epoch_ms(CAST(${ms} AS BIGINT)), ${unit === 'month' ? "'%Y-%m'" : "'%G-W%V'"})`,
};

const postgres: Dialect = {
  name: 'postgres',
  ident: (n) => `"${n.replace(/"/g, '""')}"`,
  text: (s) => `CAST(${s} AS TEXT)`,
  plainNumber: (s) => `CASE WHEN ${s} ~ ${literal(`^(?:${PLAIN})$`)} THEN CAST(${s} AS DOUBLE PRECISION) END`,
  oneOf: (s, literals) => `${s} IN (${literals.join(', ')})`,
  // PostgreSQL refuses to cast a number beyond a double's range (an error, not a wrong value).
  finiteDouble: (s) => `CAST(${s} AS DOUBLE PRECISION)`,
  matches: (s, re) => `(${s} ~ ${literal(`^(?:${re})$`)})`,
  group: (s, re) => `substring(${s} from ${literal(`^(?:${re})$`)})`,
  replaceAll: (s, re, by) => `regexp_replace(${s}, ${literal(re)}, ${literal(by)}, 'g')`,
  double: 'DOUBLE PRECISION',
  materialized: 'AS MATERIALIZED',
  series: (n) => `(SELECT k FROM generate_series(0, ${n - 1}) AS g(k))`,
  epochMs: (s) =>
    `CASE WHEN ${s} ~ ${literal(`^${ISO}$`)} THEN CAST(CASE WHEN ${s} ~ ${literal(`${ZONE}$`)} THEN EXTRACT(EPOCH FROM CAST(${s} AS TIMESTAMPTZ)) ELSE EXTRACT(EPOCH FROM CAST(${s} AS TIMESTAMP)) END * 1000 AS DOUBLE PRECISION) END`,
  periodKey: (ms, unit) => `to_char(to_timestamp(${ms} / 1000.0) AT TIME ZONE 'UTC', ${unit === 'month' ? "'YYYY-MM'" : `'IYYY-"W"IW'`})`,
};

const spark: Dialect = {
  name: 'spark',
  ident: (n) => `\`${n.replace(/`/g, '``')}\``,
  text: (s) => `CAST(${s} AS STRING)`,
  plainNumber: (s) => `CASE WHEN ${s} RLIKE ${literal(`^(?:${PLAIN})$`)} THEN CAST(${s} AS DOUBLE) END`,
  oneOf: (s, literals) => `${s} IN (${literals.join(', ')})`,
  finiteDouble: (s) => `CASE WHEN abs(CAST(${s} AS DOUBLE)) < double('Infinity') THEN CAST(${s} AS DOUBLE) END`,
  matches: (s, re) => `(${s} RLIKE ${literal(`^(?:${re})$`)})`,
  group: (s, re) => `CASE WHEN ${s} RLIKE ${literal(`^(?:${re})$`)} THEN regexp_extract(${s}, ${literal(`^${re}$`)}, 1) END`,
  replaceAll: (s, re, by) => `regexp_replace(${s}, ${literal(re)}, ${literal(by)})`,
  double: 'DOUBLE',
  materialized: 'AS',
  series: (n) => `(SELECT explode(sequence(0, ${n - 1})) AS k)`,
  epochMs: (s) => `CASE WHEN ${s} RLIKE ${literal(`^${ISO}$`)} THEN unix_millis(to_timestamp(${s})) END`,
  // Spark has the ISO week (weekofyear) but not its year: the year of the week's Thursday.
  periodKey: (ms, unit) => {
    const ts = `timestamp_millis(CAST(${ms} AS BIGINT))`;
    return unit === 'month'
      ? `date_format(${ts}, 'yyyy-MM')`
      : `concat(CAST(year(date_add(to_date(${ts}), 3 - ((dayofweek(${ts}) + 5) % 7))) AS STRING), '-W', lpad(CAST(weekofyear(${ts}) AS STRING), 2, '0'))`;
  },
};

export const dialects: Record<DialectName, Dialect> = { duckdb, postgres, spark };
