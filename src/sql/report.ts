/**
 * The report query (SPEC §9): what `srp report` aggregates, as sums over the scoring query's cases,
 * from which srp or the reader finishes the statistics. One row per group — the whole input
 * (`all`), each known factor's level (`condition`, key `severity:low`), each `--by` segment, each
 * `--period` — with counts and sums: means are sums over counts, variances come from the sums of
 * squares, Welch's t and prop.test from each side's n, sum, sum of squares and satisfied count. Then
 * one row per calibration bin (the tenth of probability, over cases with an observed outcome) and
 * one with the AUC's Mann–Whitney U (mid-ranks for ties) and its class sizes.
 */
import { FACTORS } from '../case.js';
import type { Canonical } from '../io/columns.js';
import { scoredCtes, type QueryInput } from './score.js';

/** The sums of a group, in result order (NULL where a row's section has none). */
export const REPORT_SUMS = [
  'n',
  'probability',
  'likely',
  'undetermined',
  'observed',
  'paradox',
  'restored',
  'post_n',
  'post_sum',
  'post_sumsq',
  'failure_n',
  'failure_sum',
  'failure_sumsq',
  'failure_satisfied',
  'control_n',
  'control_sum',
  'control_sumsq',
  'control_satisfied',
  'brier',
  'auc_u',
  'auc_pos',
  'auc_neg',
] as const;

export interface ReportQueryOptions {
  /** Group by the --by column too (QueryInput.segment names it). */
  segments: boolean;
  period?: 'week' | 'month';
}

export function reportQuery(q: QueryInput, o: ReportQueryOptions): string {
  const d = q.dialect;
  const text = (sql: string) => `CAST(${sql} AS ${d.name === 'spark' ? 'STRING' : d.name === 'postgres' ? 'TEXT' : 'VARCHAR'})`;
  const ctes = scoredCtes(q);
  const x = FACTORS.map((_, i) => `x${i}`).join(', ');
  // Scored cases and the control group of a between (or within) design, side by side.
  ctes.push(
    `srp_rows AS (SELECT TRUE AS scored, probability, verdict, observed, srp_post, srp_group, srp_segment, srp_date, srp_design, ${x} FROM srp_scored
      UNION ALL SELECT FALSE, NULL, NULL, NULL, srp_post, srp_group, srp_segment, srp_date, srp_design, ${x} FROM srp_eta WHERE srp_control)`,
  );
  // Factors the mapping set to one value are set, not observed: no conditions for them.
  const conditions = FACTORS.flatMap((f, i) =>
    q.specs.get(f as Canonical)?.spec.value !== undefined
      ? []
      : [
          `SELECT 'condition' AS section, '${f}:' || CASE WHEN x${i} < 0.5 THEN 'low' WHEN x${i} = 0.5 THEN 'middle' ELSE 'high' END AS key, r.* FROM srp_rows r WHERE scored AND x${i} IS NOT NULL`,
        ],
  );
  const keyed = [
    `SELECT 'all' AS section, ${text('NULL')} AS key, r.* FROM srp_rows r`,
    ...conditions,
    ...(o.segments ? [`SELECT 'segment', srp_segment, r.* FROM srp_rows r`] : []),
    ...(o.period ? [`SELECT 'period', ${d.periodKey('srp_date', o.period)}, r.* FROM srp_rows r WHERE srp_date IS NOT NULL`] : []),
  ];
  ctes.push(`srp_keyed AS (${keyed.join('\n      UNION ALL ')})`);

  const count = (when: string) => `SUM(CASE WHEN ${when} THEN 1 ELSE 0 END)`;
  // The failure side (commands/report/aggregate.ts): between, the failure group; baseline, the cases compared with the level.
  const failure = `scored AND srp_post IS NOT NULL AND CASE srp_design WHEN 'between' THEN COALESCE(srp_group = 'failure', FALSE) WHEN 'baseline' THEN observed IS NOT NULL ELSE TRUE END`;
  const control = `NOT scored AND srp_post IS NOT NULL`;
  const sums: Record<(typeof REPORT_SUMS)[number], string> = {
    n: count('scored'),
    probability: 'SUM(probability)',
    likely: count(`verdict = 'paradox likely'`),
    undetermined: count(`verdict = 'undetermined'`),
    observed: count('observed IS NOT NULL'),
    paradox: count(`observed = 'paradox'`),
    restored: count(`observed = 'restored'`),
    post_n: count('scored AND srp_post IS NOT NULL'),
    post_sum: 'SUM(CASE WHEN scored THEN srp_post END)',
    post_sumsq: 'SUM(CASE WHEN scored THEN srp_post * srp_post END)',
    failure_n: count(failure),
    failure_sum: `SUM(CASE WHEN ${failure} THEN srp_post END)`,
    failure_sumsq: `SUM(CASE WHEN ${failure} THEN srp_post * srp_post END)`,
    failure_satisfied: count(`${failure} AND srp_post = 1`),
    control_n: count(control),
    control_sum: `SUM(CASE WHEN ${control} THEN srp_post END)`,
    control_sumsq: `SUM(CASE WHEN ${control} THEN srp_post * srp_post END)`,
    control_satisfied: count(`${control} AND srp_post = 1`),
    brier: `SUM(CASE WHEN observed IS NOT NULL THEN (probability - CASE WHEN observed = 'paradox' THEN 1 ELSE 0 END) * (probability - CASE WHEN observed = 'paradox' THEN 1 ELSE 0 END) END)`,
    auc_u: 'NULL',
    auc_pos: 'NULL',
    auc_neg: 'NULL',
  };
  const row = (section: string, key: string, values: Partial<typeof sums>) =>
    `SELECT ${section} AS section, ${key} AS key, ${REPORT_SUMS.map((s) => `${values[s] ?? `CAST(NULL AS ${d.double})`} AS ${s}`).join(', ')}`;
  const groups = `${row('section', 'key', sums)} FROM srp_keyed GROUP BY section, key`;

  // Calibration: cases with an observed outcome by tenth of probability (the last tenth holds 1).
  ctes.push(
    `srp_outcomes AS (SELECT probability AS p, CASE WHEN observed = 'paradox' THEN 1 ELSE 0 END AS y, CAST(CASE WHEN floor(probability * 10) > 9 THEN 9 ELSE floor(probability * 10) END AS INT) AS bin FROM srp_scored WHERE observed IS NOT NULL)`,
  );
  const bins = `${row(`'calibration'`, text('bin'), { n: 'COUNT(*)', probability: 'SUM(p)', paradox: 'SUM(y)' })} FROM srp_outcomes GROUP BY bin`;
  // AUC: U = the positives' mid-rank sum − n₊(n₊ + 1)/2.
  ctes.push(`srp_ranks AS (SELECT y, RANK() OVER (ORDER BY p) + (COUNT(*) OVER (PARTITION BY p) - 1) / 2.0 AS r FROM srp_outcomes)`);
  const auc = `${row(`'auc'`, text('NULL'), {
    auc_u: 'SUM(CASE WHEN y = 1 THEN r ELSE 0 END) - SUM(y) * (SUM(y) + 1) / 2.0',
    auc_pos: 'SUM(y)',
    auc_neg: 'COUNT(*) - SUM(y)',
  })} FROM srp_ranks`;
  return `WITH ${ctes.join(',\n')}\n${groups}\nUNION ALL ${bins}\nUNION ALL ${auc}\nORDER BY section, key`;
}
