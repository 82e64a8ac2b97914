/**
 * Where each canonical column of a file comes from (SPEC §3.1, §3.3): the mapping's columns,
 * constants, expressions and derivations, then the header's names and aliases, each a guess
 * checked against the file's first rows.
 */
import { inputError } from '../errors.js';
import { CANONICAL, CANONICAL_NAMES, headerCandidates, headerKey, type Canonical } from './columns.js';
import { isProblem, makeConverter } from './convert.js';
import { parseDate } from './dates.js';
import { parseExpression, type Expression } from './expr.js';
import type { ColumnSpec, Mapping } from './mapping.js';

export interface SourceOptions {
  mapping?: Mapping;
  missing: ReadonlySet<string>;
  decimalComma: boolean;
}

export interface Resolved {
  index: number;
  spec: ColumnSpec;
  describe: string;
  /** A mapping expression, and the header indexes of its columns in the order it names them. */
  expr?: { expression: Expression; indexes: number[] };
}

/**
 * Where each canonical column comes from: the mapping first (a column, a constant, an expression, a
 * derivation's customer and date; null switches the header's guess off), then the header. A header
 * match is a guess (SPEC §3.1), unless spelled exactly as srp's own name: a guessed column whose
 * first rows mostly do not fit (an agent group called `Group`) is left unused with a note, and the
 * next candidate tried; where several fit, the likeliest is used and the others named.
 */
export function resolveSources(
  file: string,
  header: string[],
  sample: string[][],
  options: SourceOptions,
): { specs: Map<Canonical, Resolved>; notes: string[] } {
  const out = new Map<Canonical, Resolved>();
  const notes: string[] = [];
  const mapping = options.mapping;
  const at = (column: string) => {
    const i = header.indexOf(column);
    return i >= 0 ? i : header.findIndex((h) => headerKey(h) === headerKey(column));
  };
  const find = (column: string, what: string) => {
    const i = at(column);
    if (i < 0) throw inputError('missing_column', `${file}: the mapping's ${what} names column '${column}', which is not in the header (${header.join(', ')})`);
    return i;
  };
  // An optional column the header lacks is as if the mapping did not name it.
  const mapped = Object.fromEntries(
    Object.entries(mapping?.columns ?? {}).filter(([, s]) => !(s?.optional && s.column !== undefined && at(s.column) < 0)),
  ) as NonNullable<Mapping['columns']>;
  for (const name of CANONICAL_NAMES) {
    const spec = mapped[name];
    if (!spec || spec.derive) continue;
    if (spec.value !== undefined) out.set(name, { index: -1, spec, describe: `constant ${spec.value} (mapping)` });
    else if (spec.expr !== undefined) {
      const expression = parseExpression(spec.expr);
      const indexes = expression.columns.map((c) => find(c, `${name}.expr`));
      out.set(name, { index: -1, spec, describe: `expression ${spec.expr} (mapping)`, expr: { expression, indexes } });
    } else out.set(name, { index: find(spec.column!, name), spec, describe: `'${spec.column}' (mapping)` });
  }
  for (const name of ['prior_failures', 'pre_satisfaction'] as const) {
    const derived = mapped[name];
    if (!derived?.derive) continue;
    if (!out.has('customer_id'))
      out.set('customer_id', { index: find(derived.customer!, `${name}.customer`), spec: {}, describe: `'${derived.customer}' (mapping, for ${name})` });
    if (derived.date && !out.has('date'))
      out.set('date', { index: find(derived.date, `${name}.date`), spec: {}, describe: `'${derived.date}' (mapping, for ${name})` });
  }
  const used = new Set([...out.values()].map((r) => r.index));
  const quote = (i: number) => `'${header[i]}' (column ${i + 1})`;
  for (const [name, candidates] of headerCandidates(header)) {
    if (Object.hasOwn(mapped, name)) continue;
    let chosen: number | null = null;
    const others: number[] = [];
    for (const c of candidates) {
      if (used.has(c.index)) continue;
      if (chosen !== null) others.push(c.index);
      else {
        const unfit = c.exact ? null : misfit(name, columnCells(sample, c.index, options.missing), options);
        if (unfit)
          notes.push(
            `${name}: ${quote(c.index)} looked like it by its name, but ${unfit.bad} of the first ${unfit.total} values do not fit (${unfit.example}); left unused (name the column in a mapping to use it, or "${name}": null to silence this)`,
          );
        else chosen = c.index;
      }
    }
    if (chosen === null) continue;
    used.add(chosen);
    const exact = headerKey(header[chosen]) === headerKey(name);
    out.set(name, { index: chosen, spec: {}, describe: exact ? `'${header[chosen]}'` : `'${header[chosen]}' (alias)` });
    const same = others.filter((i) => headerKey(header[i]) === headerKey(header[chosen!]));
    const aliases = others.filter((i) => !same.includes(i));
    if (same.length) notes.push(`${name}: the header has it ${same.length + 1} times; ${quote(chosen)} is used, ${same.map(quote).join(', ')} left unused`);
    if (aliases.length) notes.push(`${name}: ${quote(chosen)} is used; ${aliases.map(quote).join(', ')}, also a name for it, left unused`);
  }
  return { specs: out, notes };
}

/** The first rows' values in one column, trimmed, without empty cells and missing markers. */
function columnCells(sample: string[][], index: number, missing: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const r of sample) {
    const v = (r[index] ?? '').trim();
    if (v !== '' && !missing.has(v)) out.push(v);
    if (out.length === SAMPLE_CHECKED) break;
  }
  return out;
}

/** How many of a guessed column's first values are looked at to decide whether it fits. */
const SAMPLE_CHECKED = 1000;

/** Whether most of a guessed column's first values do not fit its canonical column: how many, and the first. */
function misfit(name: Canonical, cells: string[], options: SourceOptions): { bad: number; total: number; example: string } | null {
  const kind = CANONICAL[name].kind;
  // Any scale and either date order: the question is only whether the values are of the right kind.
  const probe = makeConverter({
    name,
    kind,
    decimalComma: options.decimalComma,
    missing: options.missing,
    dateOrder: 'dmy',
    satisfaction: { scale: [-Infinity, Infinity], binary: true, declared: false },
  });
  let bad = 0;
  let example = '';
  for (const v of cells) {
    const read = kind === 'date' ? (parseDate(v, 'dmy') ?? parseDate(v, 'mdy') ?? probe(v)) : probe(v);
    if (read !== null && isProblem(read)) {
      if (!bad) example = read.problem;
      bad++;
    }
  }
  return bad * 2 > cells.length ? { bad, total: cells.length, example } : null;
}
