/** `srp validate`: read and map the input, list every problem, score nothing (SPEC §2, §7). */
import { FACTORS, type Accounting, type Factor, type Rejection } from '../case.js';
import { polarityList, polarityRead } from '../io/convert.js';
import { knownExport, type KnownExport } from '../io/known-exports.js';
import { accounting, readSettled, type FileInfo, type ReadOptions } from '../io/read.js';
import { finalContext, emptyContextTally, tallyCase, type Design, type DesignOptions } from './context.js';
import type { Input } from '../io/source.js';
import { AssumedCount, normalise } from '../model/factors.js';
import type { Model } from '../model/model.js';
import { percent } from '../wording.js';

export interface ValidateDoc {
  schema: 'srp.validate/1';
  design: Design;
  design_reason: string;
  files: FileInfo[];
  input: Accounting;
  columns: Record<string, string>;
  assumed: Record<Factor, number>;
  problems: Rejection[];
  /** Binary satisfaction: the values read as satisfied and as dissatisfied, with counts. */
  polarity: ReturnType<typeof polarityList> | null;
  warnings: string[];
  /** Set when no row was accepted: the input is unusable (exit 3), and why. */
  unusable?: string;
  /** Without --map: the known export (data/mappings) the header looks like, and the mapping to use. */
  known_export: KnownExport | null;
}

export async function validate(inputs: Input[], options: ReadOptions, model: Model, design: DesignOptions = {}): Promise<ValidateDoc> {
  const tally = emptyContextTally();
  let header: string[] = [];
  const onPlan: ReadOptions['onPlan'] = (p) => {
    header = p.header;
    options.onPlan?.(p);
  };
  const { result, summary } = await readSettled(inputs, { ...options, acceptNone: true, onPlan }, () => {
    const problems: Rejection[] = [];
    const missing = new AssumedCount();
    const values = [0, 0, 0, 0, 0];
    Object.assign(tally, emptyContextTally());
    return {
      batch: (batch) => {
        problems.push(...batch.rejections);
        for (const c of batch.cases) {
          missing.add(normalise(c, model, values));
          tallyCase(tally, c);
        }
      },
      end: () => ({ problems, missing }),
    };
  });
  const binary = summary.scales.some((s) => s.satisfaction.binary);
  const context = finalContext(tally, model, design, options.mapping?.columns.pre_satisfaction?.derive === 'previous_value', summary);
  const assumed = result.missing.shares(summary.accepted - summary.collapsed);
  const warnings = [...summary.warnings];
  for (const f of FACTORS) if (assumed[f] > 0) warnings.push(`${f} unknown for ${percent(assumed[f])} of accepted cases: averaged over its distribution`);
  return {
    schema: 'srp.validate/1',
    design: context.design,
    design_reason: context.reason,
    files: summary.files,
    input: accounting(summary),
    columns: summary.columns,
    assumed,
    problems: result.problems,
    polarity: binary && polarityRead(summary.polarity) ? polarityList(summary.polarity) : null,
    warnings,
    ...(summary.nothingAccepted ? { unusable: summary.nothingAccepted } : {}),
    known_export: options.mapping ? null : knownExport(header.map((h) => h.trim())),
  };
}
