/**
 * The mapping file of SPEC §3.3: how an export's columns become the canonical ones.
 * Checked once, up front, so that every mistake in it is reported with its path.
 */
import { readFileSync } from 'node:fs';
import { usageError } from '../errors.js';
import { CANONICAL, type Canonical } from './columns.js';

export interface ColumnSpec {
  column?: string;
  values?: Record<string, number | string | null>;
  scale?: [number, number];
  clip?: boolean;
  default?: number | string;
  value?: number | string;
  derive?: 'previous_cases';
  customer?: string;
  date?: string;
}

export interface Mapping {
  columns: Partial<Record<Canonical, ColumnSpec>>;
  delimiter?: string;
  encoding?: string;
  decimal?: string;
  date_format?: string;
  /** Where the file came from, for `validate` (optional). */
  description?: string;
}

const SPEC_KEYS = new Set(['column', 'values', 'scale', 'clip', 'default', 'value', 'derive', 'customer', 'date']);
const TOP_KEYS = new Set(['columns', 'delimiter', 'encoding', 'decimal', 'date_format', 'description', '$comment', 'source']);

export function loadMapping(path: string): Mapping {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw usageError('bad_mapping', `--map ${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? e})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw usageError('bad_mapping', `--map ${path}: not valid JSON (${(e as Error).message})`);
  }
  return checkMapping(json, path);
}

export function checkMapping(json: unknown, path = 'mapping'): Mapping {
  const fail = (where: string, why: string) => usageError('bad_mapping', `--map ${path}: ${where}: ${why}`);
  if (!isObject(json) || !isObject(json.columns)) throw fail('top level', 'expected an object with "columns"');
  for (const key of Object.keys(json)) if (!TOP_KEYS.has(key)) throw fail(key, `unknown key (known: ${[...TOP_KEYS].join(', ')})`);
  const columns: Mapping['columns'] = {};
  for (const [name, raw] of Object.entries(json.columns)) {
    if (!(name in CANONICAL)) throw fail(`columns.${name}`, `not a canonical column (known: ${Object.keys(CANONICAL).join(', ')})`);
    const where = `columns.${name}`;
    const spec: ColumnSpec = typeof raw === 'string' ? { column: raw } : isObject(raw) ? (raw as ColumnSpec) : (() => { throw fail(where, 'expected a header name or an object'); })();
    for (const key of Object.keys(spec)) if (!SPEC_KEYS.has(key)) throw fail(`${where}.${key}`, `unknown key (known: ${[...SPEC_KEYS].join(', ')})`);
    const sources = [spec.column !== undefined, spec.value !== undefined, spec.derive !== undefined].filter(Boolean).length;
    if (sources !== 1) throw fail(where, 'give exactly one of "column", "value" or "derive"');
    if (spec.column !== undefined && typeof spec.column !== 'string') throw fail(`${where}.column`, 'expected a header name');
    if (spec.value !== undefined && !isScalar(spec.value)) throw fail(`${where}.value`, 'expected a number or a word');
    if (spec.default !== undefined && !isScalar(spec.default)) throw fail(`${where}.default`, 'expected a number or a word');
    if (spec.values !== undefined) {
      if (!isObject(spec.values)) throw fail(`${where}.values`, 'expected an object from text to number or word');
      for (const [k, v] of Object.entries(spec.values)) if (v !== null && !isScalar(v)) throw fail(`${where}.values.${k}`, 'expected a number, a word, or null (missing)');
    }
    if (spec.scale !== undefined) {
      const s = spec.scale;
      if (!Array.isArray(s) || s.length !== 2 || !s.every(Number.isFinite) || s[0] >= s[1]) throw fail(`${where}.scale`, 'expected [min, max] with min < max');
    }
    if (spec.clip !== undefined && typeof spec.clip !== 'boolean') throw fail(`${where}.clip`, 'expected true or false');
    if (spec.derive !== undefined) {
      if (name !== 'prior_failures' || spec.derive !== 'previous_cases') throw fail(`${where}.derive`, 'only prior_failures can be derived, as "previous_cases"');
      if (typeof spec.customer !== 'string') throw fail(`${where}.customer`, 'name the column that identifies the customer');
      if (spec.date !== undefined && typeof spec.date !== 'string') throw fail(`${where}.date`, 'name the date column');
    }
    columns[name as Canonical] = spec;
  }
  const m = json as unknown as Mapping;
  for (const key of ['delimiter', 'encoding', 'decimal', 'date_format'] as const)
    if (m[key] !== undefined && typeof m[key] !== 'string') throw fail(key, 'expected text');
  return { ...m, columns };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isScalar = (v: unknown) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
