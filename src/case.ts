/**
 * The domain vocabulary: Magnini's factors and the recovery components, a case, a rejection and
 * its codes, the observed outcome, the accounting of rows. Plain data that flows from reading to
 * reporting; imported by every folder, importing nothing.
 */

/** The model's factors, in the order every factor array uses. 0 favours the paradox (Magnini et al. 2007). */
export const FACTORS = ['severity', 'prior_failures', 'controllability', 'stability', 'recovery_quality'] as const;
export type Factor = (typeof FACTORS)[number];

/** Magnini's four conditions: the factors a moderator or a condition level is about. */
export const MAGNINI_FACTORS = ['severity', 'prior_failures', 'controllability', 'stability'] as const;
export type MagniniFactor = (typeof MAGNINI_FACTORS)[number];

/** What a recovery consisted of, when its quality is derived (Orsingher et al. 2010). */
export const COMPONENTS = ['compensation', 'apology', 'explanation', 'prevention', 'responsibility', 'response_hours'] as const;
export type Component = (typeof COMPONENTS)[number];

export type Group = 'failure' | 'control';

/** The outcome where the baseline is known: post > pre, post = pre, post < pre. */
export type Observed = 'paradox' | 'restored' | 'not restored';

/**
 * Every row read ends in one place: `rows = accepted + rejected` (SPEC §4). Event logs collapsed to
 * one row per case (SPEC §3.6): `accepted = cases + collapsed`, the other events of the same cases.
 */
export interface Accounting {
  rows: number;
  accepted: number;
  rejected: number;
  cases: number;
  /** With --collapse: the events folded into their cases, and which row of each case was kept. */
  collapsed?: number;
  collapse?: 'first' | 'last';
}

/** One incident, its factors normalised to [0,1] (0 favours the paradox); null = not in the data. */
export interface Case {
  id: string;
  file: string;
  /** Physical line where the record starts. */
  line: number;
  severity: number | null;
  /** Count of earlier failures (the model uses min(n, 2) / 2). */
  prior: number | null;
  controllability: number | null;
  stability: number | null;
  recovery: number | null;
  /** Recovery components in [0,1] (response time as hours), when recovery quality is derived. */
  components: Partial<Record<Component, number>> | null;
  pre: number | null;
  post: number | null;
  /** Top of the satisfaction scale (for the ceiling, P7). */
  top: number | null;
  group: Group | null;
  customer: string | null;
  /** Milliseconds since the epoch, UTC. */
  date: number | null;
  /** Value of the `--by` column. */
  segment: string | null;
  /** The --keep columns' values, as written. */
  kept: string[] | null;
  /** Event logs: the value of the collapse order column (a date in ms, or a number); null where missing. */
  order?: number | null;
}

/** Why a row was rejected, as a stable code beside the prose reason (SPEC §4). */
export type RejectionCode =
  | 'field_count'
  | 'unclosed_quote'
  | 'stray_quote'
  | 'record_too_long'
  | 'not_a_number'
  | 'out_of_range'
  | 'out_of_scale'
  | 'unknown_word'
  | 'bad_date'
  | 'expr_failed'
  | 'repeated_header';

/** A row that was not scored, and why. */
export interface Rejection {
  file: string;
  line: number;
  column: string;
  value: string;
  code: RejectionCode;
  reason: string;
}

export const describeRejection = (r: Rejection) =>
  `${r.file}:${r.line}: ${r.column ? `column '${r.column}'` : 'row'}${r.value !== '' ? ` value '${r.value}'` : ''}: ${r.reason}`;
