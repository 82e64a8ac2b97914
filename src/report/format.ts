/**
 * Numbers and tables as people read them, for every renderer: the only formatting helpers (shares
 * and p-values word for word as documents write them: src/wording.ts).
 */
import type { Accounting } from '../case.js';
import { fixed, formatP, percent } from '../wording.js';

export { fixed, formatP, percent };

/** A share as a percentage (one decimal unless told), '–' for none. */
export const pct = (x: number | null | undefined, digits = 1) => (x === null || x === undefined ? '–' : percent(x, digits));
/** A number to `digits` decimals, '–' for none or not finite. */
export const num = (x: number | null | undefined, digits = 3) => (x === null || x === undefined || !Number.isFinite(x) ? '–' : fixed(x, digits));
/** An interval `[lo, hi]`, '–' for none. */
export const interval = (ci: [number, number] | null | undefined, f: (x: number) => string = (x) => pct(x)) => (ci ? `[${f(ci[0])}, ${f(ci[1])}]` : '–');

/**
 * The accounting sentence every output gives: "2000 rows read = 1998 accepted + 2 rejected", or for
 * an event log "141712 rows read = 24918 cases + 116794 earlier events of the same cases + 0 rejected".
 */
export const rowsSentence = (a: Accounting, { read = 'rows read', accepted = 'accepted' } = {}) =>
  a.collapsed === undefined
    ? `${a.rows} ${read} = ${a.accepted} ${accepted} + ${a.rejected} rejected`
    : `${a.rows} ${read} = ${a.cases} cases + ${a.collapsed} ${a.collapse === 'first' ? 'later' : 'earlier'} events of the same cases + ${a.rejected} rejected`;

/** A plain table with aligned columns; numbers right-aligned. */
export function table(header: string[], rows: string[][], indent = '  '): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const right = header.map((_, i) => rows.length > 0 && rows.every((r) => /^[-–+\d.%\[\], ]*$/.test(r[i])));
  const line = (cells: string[]) =>
    indent +
    cells
      .map((c, i) => (right[i] ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), indent + widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)];
}

/** A GitHub-flavoured Markdown table. */
export function markdownTable(header: string[], rows: string[][]): string[] {
  const right = header.map((_, i) => rows.length > 0 && rows.every((r) => /^[-–+\d.%\[\], ]*$/.test(r[i])));
  return [`| ${header.join(' | ')} |`, `|${header.map((_, i) => (right[i] ? ' ---: ' : ' --- ')).join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}
