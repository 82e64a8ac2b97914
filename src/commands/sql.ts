/**
 * `srp sql` (SPEC §9): the scoring and the report query for the current model and mapping, over a table with the
 * export's columns. The columns are found as srp finds them: in a sample file's header when one is
 * given (its first rows check the header's guesses), else in the mapping, else srp's own names.
 */
import { CANONICAL_NAMES, type Canonical } from '../io/columns.js';
import { parseDate } from '../io/dates.js';
import { dateColumns, parseExpression } from '../io/expr.js';
import { guessedHistory, isDateNeeded } from '../io/plan.js';
import { readPlan, type FilePlanInfo, type ReadOptions } from '../io/read.js';
import { resolveSources, type Resolved } from '../io/sources.js';
import type { Input } from '../io/source.js';
import { MISSING_MARKERS } from '../io/values.js';
import type { Model } from '../model/model.js';
import { dialects, ISO, type DialectName } from '../sql/dialect.js';
import { reportQuery } from '../sql/report.js';
import { scoringQuery, type QueryInput } from '../sql/score.js';
import { usageError } from '../errors.js';
import { RefusedError } from '../sql/refuse.js';
import type { Period } from './report/periods.js';
import type { DesignOptions } from './context.js';

export interface SqlOptions {
  dialect: DialectName;
  /** The table the export is in (a name, or a table expression such as DuckDB's `read_csv(...)`). */
  table: string;
  threshold: number;
  design: DesignOptions;
  read: ReadOptions;
  /** The query a text rendering writes. */
  query?: 'score' | 'report';
  /** The report query's groups besides the whole input and the conditions. */
  by?: string;
  period?: Period;
}

export interface SqlDoc {
  schema: 'srp.sql/1';
  dialect: DialectName;
  table: string;
  /** Canonical column → the table's column it is read from (or how it is made). */
  columns: Record<string, string>;
  /** Statements to run before the query in the same session (PostgreSQL: `SET jit = off`). */
  settings: string[];
  /** The query a text rendering writes. */
  query: 'score' | 'report';
  score: string;
  /** The report's aggregates as sums (sql/report.ts), for srp or the reader to finish. */
  report: string;
  warnings: string[];
}

/** The scoring query, the columns of `sample` (a file with the export's header) or of the mapping. */
export async function sqlQueries(sample: Input | null, model: Model, o: SqlOptions): Promise<SqlDoc> {
  // Event logs are not collapsed by the query, and it reads ISO dates only: refused rather than scored otherwise.
  if (o.read.collapse) throw new RefusedError('--collapse: the query does not collapse event logs; collapse them in the warehouse first (QUALIFY ROW_NUMBER() OVER (PARTITION BY id ORDER BY updated DESC) = 1)');
  const plan = sample ? await readPlan(sample, o.read) : null;
  const missing = new Set(o.read.missing ?? MISSING_MARKERS);
  const notIso = plan ? nonIsoDate(plan, missing) : undefined;
  if (notIso !== undefined)
    throw new RefusedError(`the dates in ${plan!.file} are not ISO 8601 ('${notIso.value}' in ${plan!.header[notIso.column]}); the query reads ISO dates (2024-03-01, 2024-03-01 17:05) only`);
  const header = plan?.header ?? tableHeader(o.read);
  const decimalComma = (plan?.decimal ?? o.read.decimal) === ',';
  const specs = plan?.specs ?? resolveSources('(table)', header, [], { mapping: o.read.mapping, missing, decimalComma }).specs;
  const mapping = o.read.mapping;
  const prior = mapping?.columns.prior_failures ?? guessedHistory(specs, header, mapping);
  const pre = mapping?.columns.pre_satisfaction;
  const query: QueryInput = {
    dialect: dialects[o.dialect],
    model,
    threshold: o.threshold,
    table: o.table,
    header,
    specs,
    missing,
    decimalComma,
    scale: o.read.satisfactionScale ?? specs.get('post_satisfaction')?.spec.scale ?? specs.get('pre_satisfaction')?.spec.scale,
    binary: !!o.read.binary,
    derive: { prior: prior?.derive === 'previous_cases', pre: pre?.derive === 'previous_value' ? { withinDays: pre.within_days } : null },
    dateOptional: !isDateNeeded(!!o.period, mapping),
    design: o.design.design,
    baseline: o.design.baseline,
    segment: o.by === undefined ? undefined : columnIndex(header, o.by),
  };
  return {
    schema: 'srp.sql/1',
    dialect: o.dialect,
    table: o.table,
    columns: describe(specs, header),
    settings: query.dialect.settings,
    query: o.query ?? 'score',
    score: scoringQuery(query),
    report: reportQuery(query, { segments: o.by !== undefined, period: o.period }),
    warnings: [],
  };
}

/**
 * A date srp reads and the query would not (day-first, month names, `2024/3/1`): the first in the
 * sample's date column or in a column an expression may read as a date (compared, or in hours() or days()).
 * A cell that is no date at all is rejected by both alike, and does not count.
 */
function nonIsoDate(plan: FilePlanInfo, missing: ReadonlySet<string>): { value: string; column: number } | undefined {
  const iso = new RegExp(`^(?:${ISO})$`);
  const columns = [...plan.specs.entries()].flatMap(([name, r]) => {
    if (name === 'date' && r.index >= 0) return [r.index];
    const e = r.expr;
    return e ? dateColumns(e.expression).map((c) => e.indexes[e.expression.columns.indexOf(c)]).filter((i) => i >= 0) : [];
  });
  for (const column of new Set(columns))
    for (const row of plan.sample) {
      const value = (row[column] ?? '').trim();
      if (value && !missing.has(value) && !iso.test(value) && parseDate(value, plan.pinned.dateOrder) !== null) return { value, column };
    }
  return undefined;
}

/** The --by column: by its name, then ignoring case. */
function columnIndex(header: string[], name: string): number {
  let i = header.indexOf(name);
  if (i < 0) i = header.findIndex((h) => h.toLowerCase() === name.toLowerCase());
  if (i < 0) throw usageError('bad_option', `--by: column '${name}' is not in the table's columns (${header.join(', ')})`);
  return i;
}

/** Without a sample: the columns the mapping names, or srp's own column names. */
function tableHeader(read: ReadOptions): string[] {
  const columns = read.mapping?.columns;
  if (!columns) return [...CANONICAL_NAMES];
  const named = new Set<string>();
  for (const spec of Object.values(columns)) {
    if (!spec) continue;
    for (const c of [spec.column, spec.customer, spec.date]) if (c !== undefined) named.add(c);
    if (spec.expr !== undefined) for (const c of parseExpression(spec.expr).columns) named.add(c);
  }
  return [...named];
}

function describe(specs: Map<Canonical, Resolved>, header: string[]): Record<string, string> {
  return Object.fromEntries([...specs].map(([name, r]) => [name, r.index >= 0 ? header[r.index] : r.describe]));
}
