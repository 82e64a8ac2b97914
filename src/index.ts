/**
 * srp as a library: what the commands do, without `process`, colour or exit codes.
 *
 * @example
 * import { report, loadModel } from 'srp';
 * const doc = await report(['incidents.csv'], {}, loadModel(), { by: 'team' });
 * console.log(doc.observed.rate);
 */
export { SrpError, type ErrorKind, type ErrorCode } from './errors.js';
export { FACTORS, COMPONENTS, type Case, type Rejection, type RejectionCode, type Group, type Factor, type Accounting } from './case.js';
export { readCases, readSettled, type ReadOptions, type ReadSummary, type Batch, type Reading } from './io/read.js';
export type { Input } from './io/source.js';
export { loadMapping, checkMapping, type Mapping, type ColumnSpec } from './io/mapping.js';
export { loadModel, parseModel, DEFAULT_MODEL_PATH, type Model } from './model/model.js';
export { Predictor, paradoxProbability, type Prediction, type Driver } from './model/predict.js';
export { validate, type ValidateDoc } from './commands/validate.js';
export { scoreCases, type ScoreEnd } from './commands/score.js';
export { report, type ReportOptions, type ReportDoc } from './commands/report/index.js';
export { researchTest, type TestDoc, type TestOptions } from './commands/test/index.js';
export { fitModel, type FitDoc, type FitOptions } from './commands/fit.js';
export { pairedT, welchT } from './stats/t-test.js';
export { signedRank, rankSum } from './stats/wilcoxon.js';
export { cohensDz, hedgesG } from './stats/effect-size.js';
export { mcnemar, propTest } from './stats/proportions.js';
export { binomTest } from './stats/binom-test.js';
export { fisherTest } from './stats/fisher.js';
export { wilson } from './stats/wilson.js';
export { logisticRegression } from './stats/logistic.js';
