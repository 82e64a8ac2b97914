/** `srp report`: every case predicted and folded into the aggregate of srp.report/1. */
import { readCases, withSettledScale, type ReadOptions } from '../../io/read.js';
import type { Input } from '../../io/source.js';
import type { Model } from '../../model/model.js';
import { predict, scratchPrediction } from '../../model/predict.js';
import { ReportBuilder, type ReportDoc } from './aggregate.js';
import { reportInParallel } from './parallel.js';
import type { Period } from './periods.js';

export type { ReportDoc, Period };

export interface ReportOptions {
  threshold?: number;
  by?: string;
  period?: Period;
  /** false: one thread, whatever the size (large single files are otherwise read in two parts). */
  parallel?: boolean;
}

export async function report(inputs: Input[], read: ReadOptions, model: Model, options: ReportOptions = {}): Promise<ReportDoc> {
  const threshold = options.threshold ?? 0.5;
  const builderOptions = { model: model.name, threshold, by: options.by ?? read.by, period: options.period, terms: model.terms };
  const { doc } = await withSettledScale(inputs, { ...read, by: options.by ?? read.by }, async (ins, opts) => {
    const parallel = options.parallel === false ? null : await reportInParallel(ins, opts, model, builderOptions);
    if (parallel) return parallel;
    const reading = readCases(ins, opts);
    const builder = new ReportBuilder(builderOptions);
    const scratch = scratchPrediction();
    for await (const batch of reading.batches) {
      builder.reject(batch.rejections);
      for (const c of batch.cases) builder.add(c, predict(c, model, threshold, scratch));
    }
    return { summary: reading.summary, doc: reading.summary.rescale ? null : builder.build(reading.summary) };
  });
  return doc!;
}
