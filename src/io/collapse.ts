/**
 * Event logs (SPEC §3.6): one row per state change of a case becomes one case. Each case id keeps
 * its last (or first) row by the order column, ties and rows without an order value in input
 * order; the other rows are the case's events, counted in the accounting (rows read = cases +
 * other events of the same cases + rejected), never scored.
 */
import type { Case } from '../case.js';

export type Keep = 'first' | 'last';

/** The cases, one per id, in the order their ids first appear; and how many events were folded in. */
export function collapseEvents(events: Case[], keep: Keep): { cases: Case[]; folded: number } {
  const at = new Map<string, number>();
  const cases: Case[] = [];
  for (const e of events) {
    const k = at.get(e.id);
    if (k === undefined) {
      at.set(e.id, cases.length);
      cases.push(e);
    } else if (replaces(e, cases[k], keep)) cases[k] = e;
  }
  return { cases, folded: events.length - cases.length };
}

/** A later row of the same case takes its place: keeping the last, unless it is ordered before it; keeping the first, only if ordered before it. */
function replaces(later: Case, kept: Case, keep: Keep): boolean {
  const [a, b] = [later.order ?? null, kept.order ?? null];
  const before = a !== null && b !== null && a < b;
  if (keep === 'first') return before;
  return !before;
}
