/**
 * The logistic model's arithmetic, in one place for scoring, fitting and cross-validation:
 * the linear predictor η = β₀ + Σ βᵢxᵢ and the logistic function p = 1 / (1 + e^−η).
 * @example logistic(linearPredictor(-3, [4], [1])) // 0.7310585786300049
 */
export const logistic = (eta: number) => 1 / (1 + Math.exp(-eta));

/** β₀ + Σ βᵢxᵢ over the first `b.length` values of `x`. */
export function linearPredictor(intercept: number, b: ArrayLike<number>, x: ArrayLike<number>): number {
  let eta = intercept;
  for (let i = 0; i < b.length; i++) eta += b[i] * x[i];
  return eta;
}
