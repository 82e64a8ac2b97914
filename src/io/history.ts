/**
 * Values derived from each customer's history in the input (SPEC §3.3), once every case is read:
 * cases in order of date (ties and undated cases in input order; without a date, input order).
 * - `previous_cases` (prior failures): how many distinct earlier cases of the same customer the
 *   input holds; the events of one case (a repeated case id) count once, never as its own prior.
 *   Where the input has a group column (between designs) only failure cases count: a control case
 *   had no failure, and a case whose group is unknown (an order not delivered yet) is not known to.
 * - `previous_value` (pre-failure satisfaction): the satisfaction the customer gave on their most
 *   recent earlier case that has one, optionally no older than `withinDays`.
 */
import type { Case } from '../case.js';

export interface Derivations {
  prior: boolean;
  pre: { withinDays?: number } | null;
}

const DAY = 86_400_000;

export function deriveHistory(cases: Case[], d: Derivations): void {
  const order = cases.map((_, i) => i);
  order.sort((a, b) => (cases[a].date ?? Infinity) - (cases[b].date ?? Infinity) || a - b);
  const grouped = cases.some((c) => c.group !== null);
  const failed = (c: Case) => (grouped ? c.group === 'failure' : true);
  const customers = new Map<string, { ids: Set<string>; last: { post: number; date: number | null; id: string; top: number | null } | null }>();
  for (const i of order) {
    const c = cases[i];
    if (c.customer === null || c.customer.trim() === '') continue;
    const key = c.customer.trim().toLowerCase();
    let h = customers.get(key);
    if (!h) customers.set(key, (h = { ids: new Set(), last: null }));
    if (d.prior) c.prior = h.ids.size - (h.ids.has(c.id) ? 1 : 0);
    if (d.pre) {
      const last = h.last && h.last.id !== c.id ? h.last : null;
      const recent = last && (d.pre.withinDays === undefined || (c.date !== null && last.date !== null && c.date - last.date <= d.pre.withinDays * DAY));
      c.pre = recent ? last.post : null;
      // The scale's top comes with the satisfaction (a case without its own still has the ceiling, P7).
      if (recent) c.top ??= last.top;
    }
    if (failed(c)) h.ids.add(c.id);
    if (c.post !== null) h.last = { post: c.post, date: c.date, id: c.id, top: c.top };
  }
}
