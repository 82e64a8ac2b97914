/**
 * `srp score`: every case predicted and handed on as it is read (streams in bounded memory); what
 * is left at the end is the accounting (the document's closing fields, and what --fail-if reads).
 * Output streams, so the input's context (the satisfaction scale, each factor's distribution, the
 * control group) is counted in a first reading: no case is written with a provisional one.
 */
import type { Accounting, Case, Factor, Rejection } from '../case.js';
import { normalise } from '../model/factors.js';
import { accounting, rejectedWarning, readCases, readSettled, type ReadOptions } from '../io/read.js';
import type { Input } from '../io/source.js';
import { spoolStreams } from '../io/spool.js';
import { AssumedCount } from '../model/factors.js';
import type { Model } from '../model/model.js';
import { unknownFactorsWarning } from '../wording.js';
import { scratchPrediction, type Prediction } from '../model/predict.js';
import { tallyFactors } from '../model/unknown.js';
import { baselineLeftOut, contextOf, finalContext, emptyContextTally, isControl, predictorFor, tallyCase, type DesignOptions, type InputContext } from './context.js';

/** What `srp score` knows once every case is written. */
export interface ScoreEnd {
  input: Accounting;
  assumed: Record<Factor, number>;
  rejected: Rejection[];
  warnings: string[];
  mean_probability: number | null;
  likely: number;
  undetermined: number;
}

/** A case and its prediction (null for a control case: the baseline, not scored). */
export type Scored = [Case, Prediction | null];

/** Cases predicted and handed on at a time: what is written dies young (a narrow file holds thousands per chunk). */
const SLICE = 512;

/**
 * Counts the input's context, then calls `onScored` with each slice of cases and their predictions
 * (`onContext` first, with the context, for a header); returns the accounting.
 */
export async function scoreCases(
  inputs: Input[],
  read: ReadOptions,
  model: Model,
  threshold: number,
  options: DesignOptions,
  onContext: (ctx: InputContext) => Promise<void> | void,
  onScored: (scored: Scored[]) => Promise<void> | void,
): Promise<ScoreEnd> {
  const spooled = await spoolStreams(inputs);
  try {
    const { context, satisfaction, accepted } = await countContext(spooled.inputs, read, model, options);
    // Where no row is accepted the scoring pass ends in that error (its rejections written first): no header before it.
    if (accepted) await onContext(context);
    const predictor = predictorFor(model, threshold, context);
    const rejected: Rejection[] = [];
    const assumed = new AssumedCount();
    let sum = 0;
    let scoredCount = 0;
    let likely = 0;
    let undetermined = 0;
    let controls = 0;
    let ungrouped = 0;
    const reading = readCases(spooled.inputs, satisfaction ? { ...read, pinned: { ...read.pinned, satisfaction } } : read);
    for await (const batch of reading.batches) {
      for (const r of batch.rejections) rejected.push(r);
      for (let i = 0; i < batch.cases.length; i += SLICE) {
        const scored: Scored[] = batch.cases.slice(i, i + SLICE).map((c) => [c, isControl(context, c.group) ? null : predictor.predict(c, scratchPrediction())]);
        for (const [c, p] of scored) {
          if (!p) {
            controls++;
            continue;
          }
          if (context.grouped && c.group === null) ungrouped++;
          scoredCount++;
          sum += p.probability;
          if (p.verdict === 'paradox likely') likely++;
          else if (p.verdict === 'undetermined') undetermined++;
          assumed.add(p.assumedMask);
        }
        await onScored(scored);
      }
    }
    const { summary } = reading;
    if (!accepted) await onContext(context);
    const shares = assumed.shares(scoredCount);
    // Said on standard error in every format: CSV and NDJSON carry neither the rejections nor the assumptions.
    const warnings = [...summary.warnings, rejectedWarning(summary), unknownFactorsWarning(shares), baselineLeftOut(context, controls, ungrouped)].filter((w): w is string => w !== null);
    return { input: accounting(summary), assumed: shares, rejected, warnings, mean_probability: scoredCount ? sum / scoredCount : null, likely, undetermined };
  } finally {
    spooled.remove();
  }
}

/** A first reading that only counts: the settled satisfaction scale and the input's context. */
async function countContext(inputs: Input[], read: ReadOptions, model: Model, options: DesignOptions) {
  const tally = emptyContextTally();
  const quiet = { ...read, strict: false, onRejections: undefined, onRestart: undefined, progress: undefined, acceptNone: true };
  const values = [0, 0, 0, 0, 0];
  const { summary } = await readSettled(inputs, quiet, () => {
    Object.assign(tally, emptyContextTally());
    return {
      batch: (b) => {
        for (const c of b.cases) {
          tallyCase(tally, c);
          if (c.group === 'control') continue;
          normalise(c, model, values);
          tallyFactors(tally.factors, values);
        }
      },
      end: () => undefined,
    };
  });
  const history = read.mapping?.columns.pre_satisfaction?.derive === 'previous_value';
  const inferred = summary.scales.find((s) => !s.satisfaction.declared)?.satisfaction;
  // Where no row is accepted the scoring pass ends in that error, the one to give (not the design's complaint).
  const context = summary.accepted ? finalContext(tally, model, options, history, summary) : contextOf(tally, model, options, history, false);
  return { context: { ...context, set: summary.set }, satisfaction: inferred, accepted: summary.accepted };
}

