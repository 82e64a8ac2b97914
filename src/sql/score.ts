/**
 * The scoring query (SPEC §9): over a table with the export's columns, one row per case with what
 * `srp score` computes for it: the five normalised factors (NULL where unknown), the probability
 * averaged over the unknown factors (model/unknown.ts: their distributions among the same table's
 * cases, convolved on the same 0.01 log-odds grid), its range and the verdict. Every step is the
 * reader's and the model's, written in SQL; what SQL cannot do as srp does is refused, never
 * approximated (sql/refuse.ts).
 */
import { FACTORS } from '../case.js';
import type { Canonical } from '../io/columns.js';
import { CANONICAL } from '../io/columns.js';
import type { Resolved } from '../io/sources.js';
import { SCALES } from '../io/scale.js';
import { coefficientArray, type Model } from '../model/model.js';
import { CEILING_VERDICT } from '../model/predict.js';
import { cellSql, cleanText, foldSql, partsOf, satisfactionTallySql, throughTable } from './cells.js';
import { literal, numberLiteral, type Dialect } from './dialect.js';
import { expressionSql } from './expr.js';

export interface QueryInput {
  dialect: Dialect;
  model: Model;
  threshold: number;
  /** The table (or a table expression such as `read_csv(...)`) the export is in. */
  table: string;
  /** The table has `srp_row` (the record's number from 1, in input order), `srp_blank` (every cell blank) and `srp_header` (the header line again) already. */
  numbered?: boolean;
  /** The export's header. */
  header: string[];
  /** Where each canonical column comes from (io/sources.ts). */
  specs: Map<Canonical, Resolved>;
  missing: ReadonlySet<string>;
  decimalComma: boolean;
  /** The declared satisfaction scale, if any; else it is inferred from every value, as srp does. */
  scale?: [number, number];
  binary: boolean;
  /** Derived from each customer's history. */
  derive: { prior: boolean; pre: { withinDays?: number } | null };
  design?: string;
  baseline?: number;
  /** The date is not needed (no history, no periods): one that does not read is missing, as srp takes it. */
  dateOptional?: boolean;
  /** The --by column (a header index): its text rides along as `srp_segment`. */
  segment?: number;
}

const MASKS = 1 << FACTORS.length;
/** The log-odds grid of model/unknown.ts. */
const SUM_GRID = 0.01;
const STEPS = 100;

/** A canonical column as the reader reads it, in SQL over `p` (srp_keys) and `sc` (srp_scale). */
export interface ColumnSql {
  name: Canonical;
  /** NULL where missing or unread. */
  value: string;
  /** The rejection code, NULL for none. */
  problem: string;
}

/** The reader (io/) in SQL: the cells of each row, the satisfaction scale, and each canonical column's value and problem. */
export interface ReaderSql {
  /** srp_src … srp_keys: one row per record, `srp_row` its number from 1, with `srp_raw{i}` for each carried column. */
  rows: string[];
  /** srp_scale (lo, hi, srp_binary), declared or inferred from every value. */
  scale: string[];
  /** What the scale is inferred from, over srp_keys: numbers, words, mn, mx, zero_one, a0…, b0… (io/scale.ts ScaleTally). */
  tally: string | null;
  columns: ColumnSql[];
}

/** The reader in SQL; `carry`: header columns whose text (as written) rides along as `srp_raw{i}`. */
export function readerSql(q: QueryInput, carry: number[] = []): ReaderSql {
  const d = q.dialect;
  const id = d.ident;
  const ctes: string[] = [];
  const rowNumber = d.name === 'spark' ? 'ROW_NUMBER() OVER (ORDER BY monotonically_increasing_id())' : 'ROW_NUMBER() OVER ()';
  // A row of blank cells is a blank line to the reader: skipped, not a case.
  const blank = q.header.map((h) => `${d.trim(`COALESCE(${d.text(`t.${id(h)}`)}, '')`)} = ''`).join(' AND ') || 'FALSE';
  ctes.push(q.numbered ? `srp_src AS (SELECT t.* FROM ${q.table} t)` : `srp_src AS (SELECT t.*, ${rowNumber} AS srp_row, (${blank}) AS srp_blank FROM ${q.table} t)`);

  // Cleaned text of every header column a canonical column reads.
  const textOf = new Map<number, string>();
  const cleanCols: string[] = [];
  const text = (index: number, values?: Record<string, unknown>) => {
    const key = values ? -1 - index : index;
    let name = textOf.get(key);
    if (!name) {
      name = `srp_t${cleanCols.length}`;
      textOf.set(key, name);
      cleanCols.push(`${cleanText(d, `t.${id(q.header[index])}`, q.missing, values)} AS ${name}`);
    }
    return `c.${name}`;
  };
  // The cleaned cells, once every column read is known.
  const cellsAt = ctes.push('') - 1;

  // The satisfaction scale: declared, or inferred from every value (io/scale.ts inferScale).
  // Each column's text (after the values table, or computed by its expression), folded and read as a number, once per row.
  const parts: string[] = [];
  const keys: string[] = [];
  const partsOfColumn = new Map<Canonical, { raw: string | null; failed: string | null }>();
  for (const [name, r] of q.specs) {
    let x: string;
    let failed: string | null = null;
    let raw: string | null = null;
    if (r.expr) {
      const { indexes, expression } = r.expr;
      const sql = expressionSql(d, expression, (column) => text(indexes[expression.columns.indexOf(column)]), q.decimalComma);
      x = sql.value;
      failed = sql.failed === 'FALSE' ? null : sql.failed;
    } else if (r.index >= 0) {
      raw = text(r.index, r.spec.values);
      x = r.spec.values ? throughTable(d, raw, r.spec.values) : raw;
    } else if (r.spec.value !== undefined) x = literal(String(r.spec.value));
    else continue;
    const p = partsOf(d, x, q.decimalComma);
    parts.push(`${p.x} AS ${id(`x_${name}`)}`, `${p.n} AS ${id(`n_${name}`)}`);
    // A percentage is read on the scale of a factor, component or satisfaction (convert.ts).
    if (['factor', 'component', 'satisfaction'].includes(CANONICAL[name].kind)) parts.push(`${p.pct} AS ${id(`p_${name}`)}`);
    // The folded text is for words: computed only where the cell is not a number (a group's 1 and 0 are words too).
    const key = foldSql(d, `p.${id(`x_${name}`)}`);
    keys.push(`${CANONICAL[name].kind === 'group' ? key : `CASE WHEN p.${id(`n_${name}`)} IS NULL THEN ${key} END`} AS ${id(`k_${name}`)}`);
    if (raw) parts.push(`${raw} AS ${id(`r_${name}`)}`);
    if (failed) parts.push(`${failed} AS ${id(`f_${name}`)}`);
    partsOfColumn.set(name, { raw: raw && `p.${id(`r_${name}`)}`, failed: failed && `p.${id(`f_${name}`)}` });
  }
  const partsAt = (name: Canonical) => ({
    x: `p.${id(`x_${name}`)}`,
    key: `p.${id(`k_${name}`)}`,
    n: `p.${id(`n_${name}`)}`,
    pct: ['factor', 'component', 'satisfaction'].includes(CANONICAL[name].kind) ? `p.${id(`p_${name}`)}` : 'NULL',
  });
  const raws = carry.map((i) => `srp_raw${i}`);
  const flags = q.numbered ? 'srp_blank, t.srp_header' : 'srp_blank';
  ctes[cellsAt] = `srp_cells AS (SELECT t.srp_row, t.${flags}${carry.map((i) => `, ${d.text(`t.${id(q.header[i])}`)} AS srp_raw${i}`).join('')}${cleanCols.map((c) => `, ${c}`).join('')} FROM srp_src t)`;
  ctes.push(`srp_parts AS (SELECT c.srp_row, c.${flags.replace('t.', 'c.')}${raws.map((r) => `, c.${r}`).join('')}${parts.map((c) => `, ${c}`).join('')} FROM srp_cells c)`);
  ctes.push(`srp_keys AS (SELECT p.*${keys.map((c) => `, ${c}`).join('')} FROM srp_parts p)`);

  const rows = ctes.splice(0);
  // The satisfaction scale: declared, or inferred from every value (io/scale.ts inferScale).
  const satisfactionCols = (['pre_satisfaction', 'post_satisfaction'] as const).filter((n) => (q.specs.get(n)?.index ?? -1) >= 0);
  const binaryByTable = satisfactionCols.some((n) => Object.values(q.specs.get(n)!.spec.values ?? {}).some((v) => typeof v === 'string'));
  let tally: string | null = null;
  if (satisfactionCols.length) {
    const tallies = satisfactionCols.map((n) => satisfactionTallySql(d, partsAt(n)));
    tally = scaleTallySql(tallies.map((t) => `SELECT ${t.number} AS v, ${t.word} AS w FROM srp_keys p`).join(' UNION ALL '));
  }
  if (q.scale) {
    ctes.push(`srp_scale AS (SELECT ${numberLiteral(q.scale[0])} AS lo, ${numberLiteral(q.scale[1])} AS hi, ${q.binary ? 'TRUE' : 'FALSE'} AS srp_binary)`);
  } else if (q.binary || binaryByTable || !satisfactionCols.length) {
    ctes.push(`srp_scale AS (SELECT 0.0 AS lo, 1.0 AS hi, TRUE AS srp_binary)`);
  } else {
    ctes.push(`srp_sat AS (${tally})`);
    const spare = `(CASE WHEN floor(numbers * 0.005) > 1 THEN floor(numbers * 0.005) ELSE 1 END)`;
    const all = `CASE ${SCALES.map((_, k) => `WHEN a${k} = 0 AND b${k} = 0 THEN ${k}`).join(' ')} ELSE -1 END`;
    const robust = `CASE WHEN numbers > ${spare} THEN CASE ${SCALES.map((_, k) => `WHEN b${k} = 0 AND a${k} <= ${spare} THEN ${k}`).join(' ')} ELSE -1 END ELSE -1 END`;
    const hiOf = (k: string) => `CASE ${k} ${SCALES.map(([, hi], j) => `WHEN ${j} THEN ${numberLiteral(hi)}`).join(' ')} END`;
    const loOf = (k: string) => `CASE ${k} ${SCALES.map(([lo], j) => `WHEN ${j} THEN ${numberLiteral(lo)}`).join(' ')} END`;
    ctes.push(`srp_pick AS (SELECT numbers, words, mn, mx, ${all} AS k_all, ${robust} AS k_robust FROM srp_sat)`);
    ctes.push(
      `srp_chosen AS (SELECT numbers, words, mn, mx, CASE WHEN k_robust >= 0 AND (k_all < 0 OR ${hiOf('k_all')} > 2 * ${hiOf('k_robust')}) THEN k_robust ELSE k_all END AS k FROM srp_pick)`,
    );
    ctes.push(
      `srp_scale AS (SELECT CASE WHEN words > 0 OR numbers = 0 THEN 0.0 WHEN k >= 0 THEN ${loOf('k')} ELSE mn END AS lo, CASE WHEN words > 0 OR numbers = 0 THEN 1.0 WHEN k >= 0 THEN ${hiOf('k')} ELSE mx END AS hi, (words > 0 OR numbers = 0) AS srp_binary FROM srp_chosen)`,
    );
  }

  // Every canonical column's value and rejection, in the reader's field order.
  const columns: ColumnSql[] = [];
  for (const [name, r] of q.specs) {
    const made = partsOfColumn.get(name);
    if (!made) continue;
    const kind = CANONICAL[name].kind;
    const options = {
      kind,
      name,
      scale: r.spec.scale,
      clip: r.spec.clip,
      satisfaction: kind === 'satisfaction' ? { lo: 'sc.lo', hi: 'sc.hi', binary: 'sc.srp_binary' } : undefined,
    };
    const cell = cellSql(d, partsAt(name), options);
    const def = r.spec.default !== undefined && made.raw ? cellSql(d, partsOf(d, literal(String(r.spec.default)), q.decimalComma), options) : null;
    const value = def ? `CASE WHEN ${made.raw} IS NULL THEN ${def.value} ELSE ${cell.value} END` : cell.value;
    const problem = def ? `CASE WHEN ${made.raw} IS NULL THEN ${def.problem} ELSE ${cell.problem} END` : cell.problem;
    const column = {
      name,
      value: made.failed ? `CASE WHEN ${made.failed} THEN NULL ELSE ${value} END` : value,
      problem: made.failed ? `CASE WHEN ${made.failed} THEN 'expr_failed' ELSE ${problem} END` : problem,
    };
    // A date the run does not need is optional: one that does not read is missing, not a rejection (io/plan.ts).
    columns.push(name === 'date' && q.dateOptional ? { name, value: `CASE WHEN (${column.problem}) IS NULL THEN ${column.value} END`, problem: 'NULL' } : column);
  }
  return { rows, scale: ctes, tally, columns };
}

/**
 * The satisfaction values' tally (io/scale.ts ScaleTally) over `values`, a query of `v` (the number,
 * NULL where none) and `w` (1 where the cell is a satisfied/dissatisfied word): what the scale is inferred from.
 */
export function scaleTallySql(values: string): string {
  const above = SCALES.map(([, hi], k) => `SUM(CASE WHEN v > ${numberLiteral(hi)} THEN 1 ELSE 0 END) AS a${k}`);
  const below = SCALES.map(([lo], k) => `SUM(CASE WHEN v < ${numberLiteral(lo)} THEN 1 ELSE 0 END) AS b${k}`);
  return `SELECT COUNT(v) AS numbers, COALESCE(SUM(w), 0) AS words, MIN(v) AS mn, MAX(v) AS mx, COALESCE(BOOL_AND(v = 0 OR v = 1), TRUE) AS zero_one, ${[...above, ...below].join(', ')} FROM (${values}) s`;
}

/** The CTEs shared by the scoring and the report query, ending in `scored`: one row per case read, rejected or scored. */
export function scoredCtes(q: QueryInput): string[] {
  const d = q.dialect;
  const id = d.ident;
  const reader = readerSql(q, q.segment === undefined ? [] : [q.segment]);
  const ctes = [...reader.rows, ...reader.scale];
  const reads = reader.columns.map((c) => `${c.value} AS ${id(`v_${c.name}`)}`);
  const firstProblem = reader.columns.length ? `COALESCE(${reader.columns.map((c) => c.problem).join(', ')})` : 'NULL';
  // The --by column's text, trimmed, '(missing)' where blank or a missing marker (commands/report segmentKey).
  const segment = q.segment === undefined ? 'NULL' : `CASE WHEN ${cleanText(d, `COALESCE(p.srp_raw${q.segment}, '')`, q.missing)} IS NULL THEN '(missing)' ELSE trim(p.srp_raw${q.segment}) END`;
  ctes.push(
    `srp_read AS (SELECT p.srp_row, ${reads.map((r) => `${r}, `).join('')}${segment} AS srp_segment, ${firstProblem} AS srp_problem FROM srp_keys p CROSS JOIN srp_scale sc WHERE NOT p.srp_blank)`,
  );

  // History (io/history.ts): cases in order of date (undated last), ties in input order.
  const v = (name: Canonical) => (q.specs.has(name) ? id(`v_${name}`) : 'NULL');
  const customer = q.specs.has('customer_id') ? `CASE WHEN ${d.trim(v('customer_id'))} = '' THEN NULL ELSE lower(${d.trim(v('customer_id'))}) END` : 'NULL';
  const caseId = q.specs.has('case_id') ? v('case_id') : `CAST(srp_row + 1 AS ${d.name === 'spark' ? 'STRING' : 'VARCHAR(20)'})`;
  const group = v('group');
  ctes.push(
    `srp_ok ${d.materialized} (SELECT r.*, ${caseId} AS srp_id, ${customer} AS srp_customer, ROW_NUMBER() OVER (ORDER BY ${q.specs.has('date') ? `${v('date')} IS NULL, ${v('date')}, ` : ''}srp_row) AS srp_ord FROM srp_read r WHERE srp_problem IS NULL)`,
  );
  const grouped = q.specs.has('group') ? `(SELECT COUNT(*) FROM srp_ok WHERE ${group} IS NOT NULL) > 0` : 'FALSE';
  const failed = `(NOT ${grouped} OR ${group} = 'failure')`;
  let prior = v('prior_failures');
  let pre = v('pre_satisfaction');
  if (q.derive.prior) {
    ctes.push(
      `srp_first AS (SELECT o.*, CASE WHEN ${failed} AND ROW_NUMBER() OVER (PARTITION BY srp_customer, srp_id, CASE WHEN ${failed} THEN 1 ELSE 0 END ORDER BY srp_ord) = 1 THEN 1 ELSE 0 END AS srp_new, CASE WHEN ${failed} THEN 1 ELSE 0 END AS srp_failed FROM srp_ok o)`,
    );
    ctes.push(
      `srp_prior AS (SELECT f.*, CASE WHEN srp_customer IS NULL THEN NULL ELSE COALESCE(SUM(srp_new) OVER (PARTITION BY srp_customer ORDER BY srp_ord ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) - CASE WHEN COALESCE(SUM(srp_failed) OVER (PARTITION BY srp_customer, srp_id ORDER BY srp_ord ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) > 0 THEN 1 ELSE 0 END END AS srp_prior FROM srp_first f)`,
    );
    prior = 'srp_prior';
  } else ctes.push(`srp_prior AS (SELECT * FROM srp_ok)`);
  if (q.derive.pre) {
    const post = v('post_satisfaction');
    ctes.push(
      `srp_last AS (SELECT p.*, MAX(CASE WHEN ${post} IS NOT NULL THEN srp_ord END) OVER (PARTITION BY srp_customer ORDER BY srp_ord ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS srp_last FROM srp_prior p)`,
    );
    const within = q.derive.pre.withinDays;
    const recent =
      within === undefined
        ? 'TRUE'
        : `(a.${v('date')} IS NOT NULL AND b.${v('date')} IS NOT NULL AND a.${v('date')} - b.${v('date')} <= ${numberLiteral(within * 86_400_000)})`;
    ctes.push(
      `srp_hist AS (SELECT a.*, CASE WHEN a.srp_customer IS NOT NULL AND b.srp_id <> a.srp_id AND ${recent} THEN b.${post} END AS srp_pre FROM srp_last a LEFT JOIN srp_last b ON b.srp_customer = a.srp_customer AND b.srp_ord = a.srp_last)`,
    );
    pre = 'srp_pre';
  } else ctes.push(`srp_hist AS (SELECT * FROM srp_prior)`);

  // The design (commands/context.ts chooseDesign) and the baseline of each case.
  const post = v('post_satisfaction');
  const historyPre = !!q.derive.pre;
  ctes.push(
    `srp_counts AS (SELECT SUM(CASE WHEN ${post} IS NOT NULL AND ${pre} IS NOT NULL THEN 1 ELSE 0 END) AS pairs, SUM(CASE WHEN ${post} IS NOT NULL AND ${group} = 'failure' THEN 1 ELSE 0 END) AS failures, SUM(CASE WHEN ${post} IS NOT NULL AND ${group} = 'control' THEN 1 ELSE 0 END) AS controls, AVG(CASE WHEN ${group} = 'control' THEN ${post} END) AS control_mean FROM srp_hist)`,
  );
  const design = q.design
    ? literal(q.design)
    : q.baseline !== undefined
      ? `'baseline'`
      : historyPre
        ? `'history'`
        : `CASE WHEN pairs > 0 THEN 'within' WHEN failures > 0 AND controls > 0 THEN 'between' ELSE 'post-only' END`;
  // grouped: the input has failure or control cases (commands/context.ts), so a case without a group is of unknown group.
  ctes.push(`srp_design AS (SELECT ${design} AS design, control_mean, COALESCE(failures, 0) + COALESCE(controls, 0) > 0 AS grouped FROM srp_counts)`);
  const baseline = `CASE WHEN dz.design IN ('within', 'history') THEN CASE WHEN ${group} = 'control' THEN NULL ELSE CAST(${pre} AS ${d.double}) END
    WHEN dz.design = 'baseline' THEN CASE WHEN ${group} = 'control' OR (${group} IS NULL AND dz.grouped) THEN NULL ELSE CAST(${q.baseline === undefined ? 'NULL' : numberLiteral(q.baseline)} AS ${d.double}) END
    WHEN dz.design = 'between' THEN CASE WHEN ${group} = 'failure' THEN CASE WHEN sc.srp_binary THEN 0.5 ELSE dz.control_mean END END END`;

  // The normalised factors (model/factors.ts normalise), NULL where unknown.
  const weights = Object.entries(q.model.componentWeights).filter(([c, w]) => w && q.specs.has(c as Canonical));
  const componentScore = (c: string) =>
    c === 'response_hours' ? `power(0.5, ${v(c as Canonical)} / ${numberLiteral(q.model.responseHalfLifeHours)})` : v(c as Canonical);
  const fromComponents = weights.length
    ? `CASE WHEN ${weights.map(([c]) => `${v(c as Canonical)} IS NULL`).join(' AND ')} THEN NULL ELSE (${weights.map(([c, w]) => `COALESCE(${numberLiteral(w)} * ${componentScore(c)}, 0)`).join(' + ')}) / (${weights.map(([c, w]) => `CASE WHEN ${v(c as Canonical)} IS NULL THEN 0 ELSE ${numberLiteral(w)} END`).join(' + ')}) END`
    : 'NULL';
  const x = [
    v('severity'),
    `CASE WHEN ${prior} < 2 THEN ${prior} / 2.0 WHEN ${prior} IS NOT NULL THEN 1.0 END`,
    v('controllability'),
    v('stability'),
    `COALESCE(${v('recovery_quality')}, ${fromComponents})`,
  ];
  const control = `COALESCE(dz.design IN ('between', 'within', 'baseline') AND ${group} = 'control', FALSE)`;
  ctes.push(
    `srp_cases AS (SELECT h.srp_row, h.srp_id, ${x.map((e, i) => `CAST(${e} AS ${d.double}) AS x${i}`).join(', ')}, CAST(${post} AS ${d.double}) AS srp_post, CAST(${baseline} AS ${d.double}) AS srp_baseline, sc.hi AS srp_top, dz.design AS srp_design, ${control} AS srp_control, ${group} AS srp_group, h.srp_segment${q.specs.has('date') ? `, ${v('date')} AS srp_date` : ', NULL AS srp_date'} FROM srp_hist h CROSS JOIN srp_design dz CROSS JOIN srp_scale sc)`,
  );
  const b = coefficientArray(q.model);
  const mask = FACTORS.map((_, i) => `CASE WHEN x${i} IS NULL THEN ${1 << i} ELSE 0 END`).join(' + ');
  const eta = `${numberLiteral(q.model.intercept)}${FACTORS.map((_, i) => ` + ${numberLiteral(b[i])} * COALESCE(x${i}, 0)`).join('')}`;
  // The ceiling (P7): the baseline already at the top of the scale, where the baseline is the case's own.
  const ceiling = `(c.srp_design <> 'between' AND c.srp_baseline IS NOT NULL AND c.srp_top IS NOT NULL AND c.srp_baseline >= c.srp_top)`;
  ctes.push(`srp_eta ${d.materialized} (SELECT c.*, ${mask} AS srp_mask, ${eta} AS srp_eta, ${ceiling} AS srp_ceiling FROM srp_cases c)`);

  // The unknown factors' distributions among the cases where they are known (model/unknown.ts).
  const tallies = FACTORS.map(
    (_, i) =>
      `SELECT ${i} AS f, floor(x${i} * ${STEPS} + 0.5) AS k, COUNT(*) AS n FROM srp_eta WHERE x${i} IS NOT NULL AND (srp_group IS NULL OR srp_group <> 'control') GROUP BY floor(x${i} * ${STEPS} + 0.5)`,
  );
  ctes.push(`srp_tally AS (${tallies.join(' UNION ALL ')})`);
  ctes.push(`srp_known AS (SELECT f, SUM(n) AS total FROM srp_tally GROUP BY f)`);
  const fallback = FACTORS.map((f, i) =>
    f === 'prior_failures'
      ? q.model.priorShares.map((s, j) => `SELECT ${i} AS f, ${numberLiteral(j / 2)} AS v, ${numberLiteral(s)} AS w`).join(' UNION ALL ')
      : `SELECT ${i} AS f, (k + 0.5) / ${STEPS}.0 AS v, ${numberLiteral(1 / STEPS)} AS w FROM ${d.series(STEPS)} g`,
  );
  ctes.push(
    `srp_dist AS (SELECT t.f, t.k / ${STEPS}.0 AS v, CAST(t.n AS ${d.double}) / k.total AS w FROM srp_tally t JOIN srp_known k ON k.f = t.f UNION ALL SELECT u.f, u.v, u.w FROM (${fallback.join(' UNION ALL ')}) u WHERE NOT EXISTS (SELECT 1 FROM srp_known k WHERE k.f = u.f))`,
  );
  // The sum of the unknown contributions per set of unknown factors, on the grid, each set from the one without its last factor.
  ctes.push(`srp_sum0 AS (SELECT 0.0 AS s, 1.0 AS w)`);
  // Only the sets some case needs, and the sets they are built from.
  ctes.push(`srp_present ${d.materialized} (SELECT DISTINCT srp_mask AS mask FROM srp_eta WHERE NOT srp_control)`);
  for (let m = 1; m < MASKS; m++) {
    const top = 31 - Math.clz32(m);
    const rest = m & ~(1 << top);
    const t = `(p.s + ${numberLiteral(b[top])} * dd.v)`;
    ctes.push(
      `srp_sum${m} ${d.materialized} (SELECT SUM(t * wt) / SUM(wt) AS s, SUM(wt) AS w FROM (SELECT ${t} AS t, p.w * dd.w AS wt FROM srp_sum${rest} p CROSS JOIN (SELECT v, w FROM srp_dist WHERE f = ${top}) dd WHERE EXISTS (SELECT 1 FROM srp_present x WHERE (x.mask & ${(2 << top) - 1}) = ${m})) j GROUP BY floor(t / ${SUM_GRID} + 0.5))`,
    );
  }
  ctes.push(
    `srp_sums ${d.materialized} (${Array.from({ length: MASKS - 1 }, (_, i) => `SELECT ${i + 1} AS mask, s, w FROM srp_sum${i + 1}`).join(' UNION ALL ')})`,
  );
  // Each set's extremes: Σ min(0, βᵢ) and Σ max(0, βᵢ), summed in factor order as srp does.
  const extremes = Array.from({ length: MASKS }, (_, m) => {
    let low = 0;
    let high = 0;
    for (let f = 0; f < FACTORS.length; f++) if (m & (1 << f)) ((low += Math.min(0, b[f])), (high += Math.max(0, b[f])));
    return `SELECT ${m} AS mask, ${numberLiteral(low)} AS low, ${numberLiteral(high)} AS high`;
  });
  ctes.push(`srp_masks AS (${extremes.join(' UNION ALL ')})`);
  ctes.push(
    `srp_avg AS (SELECT e.srp_mask, e.srp_eta, SUM(s.w / (1 + exp(-(e.srp_eta + s.s)))) AS p FROM (SELECT DISTINCT srp_mask, srp_eta FROM srp_eta WHERE srp_mask <> 0 AND NOT srp_control) e JOIN srp_sums s ON s.mask = e.srp_mask GROUP BY e.srp_mask, e.srp_eta)`,
  );
  const threshold = numberLiteral(q.threshold);
  ctes.push(
    `srp_prob AS (SELECT e.*, CASE WHEN e.srp_ceiling THEN 0.0 WHEN e.srp_mask = 0 THEN 1 / (1 + exp(-e.srp_eta)) ELSE a.p END AS probability,
      CASE WHEN e.srp_ceiling THEN 0.0 ELSE 1 / (1 + exp(-(e.srp_eta + m.low))) END AS range_low, CASE WHEN e.srp_ceiling THEN 0.0 ELSE 1 / (1 + exp(-(e.srp_eta + m.high))) END AS range_high
      FROM srp_eta e JOIN srp_masks m ON m.mask = e.srp_mask LEFT JOIN srp_avg a ON a.srp_mask = e.srp_mask AND a.srp_eta = e.srp_eta WHERE NOT e.srp_control)`,
  );
  ctes.push(
    `srp_scored AS (SELECT p.*, CASE WHEN srp_ceiling THEN ${literal(CEILING_VERDICT)} WHEN range_low >= ${threshold} THEN 'paradox likely' WHEN range_high < ${threshold} THEN 'paradox unlikely' ELSE 'undetermined' END AS verdict,
      CASE WHEN srp_post IS NULL OR srp_baseline IS NULL THEN NULL WHEN srp_post > srp_baseline THEN 'paradox' WHEN srp_post = srp_baseline THEN 'restored' ELSE 'not restored' END AS observed FROM srp_prob p)`,
  );
  return ctes;
}

/** The scoring query: one row per scored case, in input order. */
export function scoringQuery(q: QueryInput): string {
  const columns = ['srp_id AS case_id', ...FACTORS.map((f, i) => `x${i} AS ${f}`), 'probability', 'range_low', 'range_high', 'verdict', 'observed'];
  return `WITH ${scoredCtes(q).join(',\n')}\nSELECT ${columns.join(', ')} FROM srp_scored ORDER BY srp_row`;
}
