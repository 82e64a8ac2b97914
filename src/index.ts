/**
 * srp as a library: what the commands do, without `process`, colour or exit codes.
 *
 * @example
 * import { report, loadModel } from 'srp';
 * const doc = await report(['incidents.csv'], {}, loadModel(), { by: 'team' });
 * console.log(doc.observed.rate);
 */
export { SrpError, type ErrorKind } from './errors.js';
export type { Case, Rejection, Group } from './case.js';
export { readCases, type ReadOptions, type ReadSummary, type Batch, type Reading } from './io/read.js';
export type { Input } from './io/source.js';
export { loadMapping, checkMapping, type Mapping, type ColumnSpec } from './io/mapping.js';
export { loadModel, parseModel, DEFAULT_MODEL_PATH, type Model } from './model/model.js';
export { predict, paradoxProbability, type Prediction, type Driver } from './model/predict.js';
export { validate, type ValidateResult } from './commands/validate.js';
export { scoreCases } from './commands/score.js';
export { report, type ReportOptions } from './commands/report.js';
export type { ReportDoc } from './report/aggregate.js';
export { researchTest, type TestDoc, type TestOptions } from './commands/test.js';
export { fitModel, type FitDoc, type FitOptions } from './commands/fit.js';
export { pairedT, welchT } from './stats/t-test.js';
export { signedRank, rankSum } from './stats/wilcoxon.js';
export { cohensDz, hedgesG } from './stats/effect-size.js';
export { mcnemar, propTest } from './stats/proportions.js';
export { wilson } from './stats/wilson.js';
export { logisticRegression } from './stats/logistic.js';
