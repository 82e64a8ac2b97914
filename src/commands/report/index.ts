/** `srp report`: every case predicted and folded into the aggregate of srp.report/1. */
import type { ReadOptions } from '../../io/read.js';
import type { Input } from '../../io/source.js';
import type { Model } from '../../model/model.js';
import { consume, readInContext, type DesignOptions, type Pass } from '../context.js';
import { reportFeeder, type ReportDoc } from './aggregate.js';
import { reportInParallel } from './parallel.js';
import type { Period } from './periods.js';

export type { ReportDoc, Period };

export interface ReportOptions extends DesignOptions {
  threshold?: number;
  by?: string;
  period?: Period;
  /**
   * Whether a single file is read in two parts by two threads: true (or none) from PARALLEL_MIN_BYTES,
   * a number from that many bytes, false never.
   */
  parallel?: boolean | number;
}

export async function report(inputs: Input[], read: ReadOptions, model: Model, options: ReportOptions = {}): Promise<ReportDoc> {
  const threshold = options.threshold ?? 0.5;
  const by = options.by ?? read.by;
  const builderOptions = { model: model.name, threshold, by, period: options.period, terms: model.terms };
  const sequential: Pass<ReportDoc> = consume((context, tally) => {
    const feeder = reportFeeder(model, { ...builderOptions, context }, tally);
    return { batch: (b) => feeder.batch(b), end: (summary) => feeder.builder.build(summary) };
  });
  const pass: Pass<ReportDoc> = async (ins, opts, contextFor, tally) =>
    (options.parallel === false || read.fileReader ? null : await reportInParallel(ins, opts, model, builderOptions, contextFor, tally, typeof options.parallel === 'number' ? options.parallel : undefined)) ?? sequential(ins, opts, contextFor, tally);
  const { result, context } = await readInContext(inputs, { ...read, by }, model, options, pass);
  // The reason for the design as the whole input gives it (the report was begun with a first batch's).
  return { ...result, design_reason: context.reason };
}
