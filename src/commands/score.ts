/** `srp score`: every case predicted and handed on as it is read (streams in bounded memory). */
import type { Case, Rejection } from '../case.js';
import { FACTORS, type Factor } from '../io/columns.js';
import { readStreaming, type ReadOptions } from '../io/read.js';
import type { Input } from '../io/source.js';
import type { Model } from '../model/model.js';
import { predict, type Prediction } from '../model/predict.js';
import type { ScoreEnd } from '../report/score-writers.js';

const SLICE = 512;

/** Calls `onBatch` with each batch's predictions; returns the accounting. */
export async function scoreCases(
  inputs: Input[],
  read: ReadOptions,
  model: Model,
  threshold: number,
  onBatch: (scored: [Case, Prediction][]) => Promise<void> | void,
): Promise<ScoreEnd & { mean_probability: number | null; likely: number }> {
  const rejected: Rejection[] = [];
  const assumed = Object.fromEntries(FACTORS.map((f) => [f, 0])) as Record<Factor, number>;
  let sum = 0;
  let likely = 0;
  const summary = await readStreaming(inputs, read, async (batch) => {
    for (const r of batch.rejections) rejected.push(r);
    // A few hundred cases at a time: what is written dies young (a narrow file holds thousands per chunk).
    for (let i = 0; i < batch.cases.length; i += SLICE) {
      const scored = batch.cases.slice(i, i + SLICE).map((c) => [c, predict(c, model, threshold)] as [Case, Prediction]);
      for (const [, p] of scored) {
        sum += p.probability;
        if (p.likely) likely++;
        if (p.assumedMask) FACTORS.forEach((f, i) => p.assumedMask & (1 << i) && assumed[f]++);
      }
      await onBatch(scored);
    }
  });
  const n = summary.accepted;
  for (const f of FACTORS) assumed[f] = n ? assumed[f] / n : 0;
  return {
    input: { rows: summary.rows, accepted: summary.accepted, rejected: summary.rejected },
    assumed,
    rejected,
    warnings: summary.warnings,
    mean_probability: n ? sum / n : null,
    likely,
  };
}
