/**
 * How numbers read in srp's words: documents (warnings, the plain-language reading) and renderers
 * alike use these, so a share or a p-value reads the same everywhere. Imports nothing.
 */

/** "1 case", "2 cases": a count with its noun, singular or plural. */
export const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A number to `digits` decimals, never "-0.00": a value that rounds to zero reads without a sign. */
export function fixed(x: number, digits: number): string {
  const s = x.toFixed(digits);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}

/** A share as a percentage: `digits` decimals; by default one, two for a nonzero share below 0.1%. */
export const percent = (x: number, digits = x > 0 && x < 0.001 ? 2 : 1) => `${fixed(x * 100, digits)}%`;

/** R's warning where a chi-squared test has an expected count below 5 (prop.test, chisq.test). */
export const CHI_SQUARED_WARNING = 'Chi-squared approximation may be incorrect (an expected count is below 5, as R warns)';

/** p as APA writes it: "< .001", else "= .042"; "= NA" where it is undefined. */
export function formatP(p: number): string {
  if (!Number.isFinite(p)) return '= NA';
  if (p < 0.001) return '< .001';
  return `= ${p.toFixed(3).replace(/^0/, '')}`;
}

/** The warning for factors assumed unknown (factor → share of cases), or null where every factor was known. */
export function unknownFactorsWarning(assumed: Record<string, number>): string | null {
  const unknown = Object.entries(assumed).filter(([, share]) => share > 0);
  return unknown.length ? `unknown factors, averaged over their distribution: ${unknown.map(([f, share]) => `${f} for ${percent(share, 1)} of cases`).join(', ')}` : null;
}
