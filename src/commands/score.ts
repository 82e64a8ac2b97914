/**
 * `srp score`: every case predicted and handed on as it is read (streams in bounded memory); what
 * is left at the end is the accounting (the document's closing fields, and what --fail-if reads).
 */
import type { Accounting, Case, Factor, Rejection } from '../case.js';
import { accounting, readStreaming, type ReadOptions } from '../io/read.js';
import type { Input } from '../io/source.js';
import { AssumedCount } from '../model/factors.js';
import type { Model } from '../model/model.js';
import { predict, type Prediction } from '../model/predict.js';

/** What `srp score` knows once every case is written. */
export interface ScoreEnd {
  input: Accounting;
  assumed: Record<Factor, number>;
  rejected: Rejection[];
  warnings: string[];
  mean_probability: number | null;
  likely: number;
}

/** Cases predicted and handed on at a time: what is written dies young (a narrow file holds thousands per chunk). */
const SLICE = 512;

/** Calls `onScored` with each slice of cases and their predictions; returns the accounting. */
export async function scoreCases(
  inputs: Input[],
  read: ReadOptions,
  model: Model,
  threshold: number,
  onScored: (scored: [Case, Prediction][]) => Promise<void> | void,
): Promise<ScoreEnd> {
  const rejected: Rejection[] = [];
  const assumed = new AssumedCount();
  let sum = 0;
  let likely = 0;
  const summary = await readStreaming(inputs, read, async (batch) => {
    for (const r of batch.rejections) rejected.push(r);
    for (let i = 0; i < batch.cases.length; i += SLICE) {
      const scored = batch.cases.slice(i, i + SLICE).map((c) => [c, predict(c, model, threshold)] as [Case, Prediction]);
      for (const [, p] of scored) {
        sum += p.probability;
        if (p.likely) likely++;
        assumed.add(p.assumedMask);
      }
      await onScored(scored);
    }
  });
  const n = summary.accepted;
  return { input: accounting(summary), assumed: assumed.shares(n), rejected, warnings: summary.warnings, mean_probability: n ? sum / n : null, likely };
}
