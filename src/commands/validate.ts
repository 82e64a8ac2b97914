/** `srp validate`: read and map the input, list every problem, score nothing (SPEC §2, §7). */
import type { Rejection } from '../case.js';
import { FACTORS, type Factor } from '../io/columns.js';
import { readSettled, type FileInfo, type ReadOptions } from '../io/read.js';
import type { Input } from '../io/source.js';
import { observedFactor } from '../model/factors.js';
import type { Model } from '../model/model.js';

export interface ValidateResult {
  schema: 'srp.validate/1';
  files: FileInfo[];
  input: { rows: number; accepted: number; rejected: number };
  columns: Record<string, string>;
  assumed: Record<Factor, number>;
  problems: Rejection[];
  warnings: string[];
  /** Set when no row was accepted: the input is unusable (exit 3), and why. */
  unusable?: string;
}

export async function validate(inputs: Input[], options: ReadOptions, model: Model): Promise<ValidateResult> {
  const { result, summary } = await readSettled(inputs, { ...options, acceptNone: true }, () => {
    const problems: Rejection[] = [];
    const missing = Object.fromEntries(FACTORS.map((f) => [f, 0])) as Record<Factor, number>;
    return {
      batch: (batch) => {
        problems.push(...batch.rejections);
        for (const c of batch.cases) for (const f of FACTORS) if (observedFactor(c, f, model) === null) missing[f]++;
      },
      end: () => ({ problems, missing }),
    };
  });
  const assumed = assumedShares(result.missing, summary.accepted);
  const warnings = [...summary.warnings];
  for (const f of FACTORS) if (assumed[f] > 0) warnings.push(`${f} missing for ${percent(assumed[f])} of accepted cases: assumed neutral (${model.neutral[f]})`);
  return {
    schema: 'srp.validate/1',
    files: summary.files,
    input: { rows: summary.rows, accepted: summary.accepted, rejected: summary.rejected },
    columns: summary.columns,
    assumed,
    problems: result.problems,
    warnings,
    ...(summary.nothingAccepted ? { unusable: summary.nothingAccepted } : {}),
  };
}

export function assumedShares(missing: Record<Factor, number>, accepted: number): Record<Factor, number> {
  return Object.fromEntries(FACTORS.map((f) => [f, accepted ? missing[f] / accepted : 0])) as Record<Factor, number>;
}

export const percent = (x: number) => `${(x * 100).toFixed(x > 0 && x < 0.001 ? 2 : 1)}%`;
