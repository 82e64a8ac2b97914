/**
 * `srp sql` (SPEC §9): the scoring query for the current model and mapping, over a table with the
 * export's columns. The columns are found as srp finds them: in a sample file's header when one is
 * given (its first rows check the header's guesses), else in the mapping, else srp's own names.
 */
import { CANONICAL_NAMES, type Canonical } from '../io/columns.js';
import { parseExpression } from '../io/expr.js';
import { guessedHistory } from '../io/plan.js';
import { readPlan, type ReadOptions } from '../io/read.js';
import { resolveSources, type Resolved } from '../io/sources.js';
import type { Input } from '../io/source.js';
import { MISSING_MARKERS } from '../io/values.js';
import type { Model } from '../model/model.js';
import { dialects, type DialectName } from '../sql/dialect.js';
import { scoringQuery, type QueryInput } from '../sql/score.js';
import type { DesignOptions } from './context.js';

export interface SqlOptions {
  dialect: DialectName;
  /** The table the export is in (a name, or a table expression such as DuckDB's `read_csv(...)`). */
  table: string;
  threshold: number;
  design: DesignOptions;
  read: ReadOptions;
}

export interface SqlDoc {
  schema: 'srp.sql/1';
  dialect: DialectName;
  table: string;
  /** Canonical column → the table's column it is read from (or how it is made). */
  columns: Record<string, string>;
  score: string;
  warnings: string[];
}

/** The scoring query, the columns of `sample` (a file with the export's header) or of the mapping. */
export async function sqlQueries(sample: Input | null, model: Model, o: SqlOptions): Promise<SqlDoc> {
  const plan = sample ? await readPlan(sample, o.read) : null;
  const header = plan?.header ?? tableHeader(o.read);
  const missing = new Set(o.read.missing ?? MISSING_MARKERS);
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
    design: o.design.design,
    baseline: o.design.baseline,
  };
  return { schema: 'srp.sql/1', dialect: o.dialect, table: o.table, columns: describe(specs, header), score: scoringQuery(query), warnings: [] };
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
