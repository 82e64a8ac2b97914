/**
 * The mapping file of SPEC §3.3: how an export's columns become the canonical ones.
 * Checked once, up front, so that every mistake in it is reported with its path.
 */
import { usageError } from '../errors.js';
import type { Canonical } from './columns.js';
import { ExpressionError, parseExpression } from './expr.js';
import { readJsonFile, schemaProblem } from './json-file.js';

export interface ColumnSpec {
  column?: string;
  values?: Record<string, number | string | null>;
  scale?: [number, number];
  clip?: boolean;
  default?: number | string;
  value?: number | string;
  /** A value computed from other columns of the row (expr.ts). */
  expr?: string;
  /** The column may be missing from the header (exports let users choose columns): then it is as if not mapped. */
  optional?: boolean;
  /** prior_failures: `previous_cases`; pre_satisfaction: `previous_value` (of post_satisfaction). */
  derive?: 'previous_cases' | 'previous_value';
  of?: string;
  customer?: string;
  date?: string;
  within_days?: number;
}

/** Event logs (SPEC §3.6): one row per case id, the first or the last by `order` (else input order). */
export interface Collapse {
  keep: 'first' | 'last';
  order?: string;
}

export interface Mapping {
  /** A canonical column's source; null switches off the header's guess for it. */
  columns: Partial<Record<Canonical, ColumnSpec | null>>;
  delimiter?: string;
  encoding?: string;
  decimal?: string;
  date_format?: string;
  /** The texts that mean "no value" (replacing the default list, SPEC §3.2). */
  missing?: string[];
  collapse?: Collapse;
  /** Where the file came from, for `validate` (optional). */
  description?: string;
  /** The pre-failure level of the baseline design (SPEC §3.5). */
  baseline?: number;
  /** The file it was read from, for messages (not a key of the file). */
  path?: string;
}

export function loadMapping(path: string): Mapping {
  const read = readJsonFile(path);
  if ('problem' in read) throw usageError('bad_mapping', `${path}: ${read.problem}`);
  return checkMapping(read.json, path);
}

/**
 * A parsed mapping, checked: its shape by data/schemas/mapping.schema.json, then what a schema
 * cannot say (one source per column, min below max, what may be derived).
 */
export function checkMapping(json: unknown, path = 'mapping'): Mapping {
  const fail = (where: string, why: string) => usageError('bad_mapping', `${path}: ${where}: ${why}`);
  const problem = schemaProblem('mapping', json);
  if (problem) throw usageError('bad_mapping', `${path}: ${problem}`);
  const m = json as { columns: Record<string, string | ColumnSpec | null> } & Omit<Mapping, 'columns'>;
  const columns: Mapping['columns'] = Object.create(null);
  for (const [name, raw] of Object.entries(m.columns)) {
    const where = `columns.${name}`;
    if (raw === null) {
      columns[name as Canonical] = null;
      continue;
    }
    const spec: ColumnSpec = typeof raw === 'string' ? { column: raw } : { ...raw };
    const sources = [spec.column, spec.value, spec.derive, spec.expr].filter((s) => s !== undefined).length;
    if (sources !== 1) throw fail(where, 'give exactly one of "column", "value", "expr" or "derive"');
    if (spec.expr !== undefined) {
      try {
        parseExpression(spec.expr);
      } catch (e) {
        if (e instanceof ExpressionError) throw fail(`${where}.expr`, `at character ${e.position}: ${e.message}`);
        throw e;
      }
    }
    if (spec.scale && !(spec.scale[0] < spec.scale[1])) throw fail(`${where}.scale`, 'expected [min, max] with min < max');
    if (spec.derive !== undefined) {
      const allowed = spec.derive === 'previous_cases' ? 'prior_failures' : 'pre_satisfaction';
      if (name !== allowed) throw fail(`${where}.derive`, 'prior_failures can be derived as "previous_cases", pre_satisfaction as "previous_value"');
      if (spec.customer === undefined) throw fail(`${where}.customer`, 'name the column that identifies the customer');
      if (spec.derive === 'previous_value' && spec.of !== 'post_satisfaction')
        throw fail(`${where}.of`, 'expected "post_satisfaction": the value a customer gave on an earlier case');
      if (spec.derive === 'previous_cases' && (spec.of !== undefined || spec.within_days !== undefined))
        throw fail(where, '"of" and "within_days" go with "previous_value"');
    } else if (spec.optional !== undefined && spec.column === undefined) throw fail(`${where}.optional`, 'goes with "column"');
    else if (spec.customer !== undefined || spec.date !== undefined || spec.of !== undefined || spec.within_days !== undefined)
      throw fail(where, '"customer", "date", "of" and "within_days" go with "derive"');
    columns[name as Canonical] = spec;
  }
  return { ...m, columns, path };
}
