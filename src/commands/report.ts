/** `srp report`: every case predicted and folded into the aggregate of srp.report/1. */
import { readCases, type ReadOptions } from '../io/read.js';
import type { Input } from '../io/source.js';
import type { Model } from '../model/model.js';
import { predict } from '../model/predict.js';
import { ReportBuilder, type ReportDoc } from '../report/aggregate.js';
import type { Period } from '../report/periods.js';

export interface ReportOptions {
  threshold?: number;
  by?: string;
  period?: Period;
}

export async function report(inputs: Input[], read: ReadOptions, model: Model, options: ReportOptions = {}): Promise<ReportDoc> {
  const threshold = options.threshold ?? 0.5;
  const reading = readCases(inputs, { ...read, by: options.by ?? read.by });
  const builder = new ReportBuilder({ model: model.name, threshold, by: options.by ?? read.by, period: options.period });
  for await (const batch of reading.batches) {
    builder.reject(batch.rejections);
    for (const c of batch.cases) builder.add(c, predict(c, model, threshold));
  }
  return builder.build(reading.summary);
}
