/**
 * Seeded k-fold cross-validation of the logistic model: each case is predicted by a model fitted
 * without its fold; AUC, Brier score and log loss are taken over those out-of-fold predictions.
 */
import { auc, brier, calibrationTable, logLoss, type CalibrationBin } from './calibration.js';
import { linearPredictor, logistic } from '../model/linear.js';
import { logisticRegression } from './logistic.js';
import { seededRandom } from './random.js';

export interface CrossValidation {
  folds: number;
  seed: number;
  auc: number | null;
  brier: number | null;
  log_loss: number | null;
  calibration: CalibrationBin[];
}

export function crossValidate(x: number[][], y: number[], names: string[], folds: number, seed: number): CrossValidation {
  const n = y.length;
  const random = seededRandom(seed);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const fold = new Array<number>(n);
  order.forEach((caseIndex, rank) => (fold[caseIndex] = rank % folds));
  const predicted = new Array<number>(n);
  for (let f = 0; f < folds; f++) {
    const train = order.filter((i) => fold[i] !== f);
    const fit = logisticRegression(train.map((i) => x[i]), train.map((i) => y[i]), names);
    const beta = fit.terms.map((t) => t.estimate);
    const slopes = beta.slice(1);
    for (let i = 0; i < n; i++) if (fold[i] === f) predicted[i] = logistic(linearPredictor(beta[0], slopes, x[i]));
  }
  return { folds, seed, auc: auc(predicted, y), brier: brier(predicted, y), log_loss: logLoss(predicted, y), calibration: calibrationTable(predicted, y) };
}
