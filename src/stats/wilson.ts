/**
 * Wilson score interval for a proportion k/n, as R's `prop.test(k, n, correct = FALSE)$conf.int`.
 * Wilson, E. B. (1927). Probable inference, the law of succession, and statistical inference. JASA 22, 209-212.
 * @example wilson(282, 500) // [0.5202096875, 0.6068143969]
 */
import { qnorm } from './distributions.js';

export function wilson(k: number, n: number, confLevel = 0.95): [number, number] | null {
  if (n === 0) return null;
  const z = qnorm((1 + confLevel) / 2);
  const p = k / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const half = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const denom = 1 + z2 / n;
  return [Math.max(0, (centre - half) / denom), Math.min(1, (centre + half) / denom)];
}
