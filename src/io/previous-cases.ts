/**
 * Derives prior failures as "previous cases" (SPEC §3.3): for each case, how many earlier cases
 * of the same customer the input holds, earlier by date, ties and undated cases in input order.
 */
import type { Case } from '../case.js';

export function countPreviousCases(cases: Case[]): void {
  const order = cases.map((_, i) => i);
  order.sort((a, b) => {
    const da = cases[a].date ?? Infinity;
    const db = cases[b].date ?? Infinity;
    return da - db || a - b;
  });
  const seen = new Map<string, number>();
  for (const i of order) {
    const c = cases[i];
    if (c.customer === null || c.customer === '') continue;
    const key = c.customer.toLowerCase();
    const n = seen.get(key) ?? 0;
    c.prior = n;
    seen.set(key, n + 1);
  }
}
