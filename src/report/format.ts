/** Numbers as people read them in text and Markdown. */
export const pct = (x: number | null | undefined, digits = 1) => (x === null || x === undefined ? '–' : `${(x * 100).toFixed(digits)}%`);
export const num = (x: number | null | undefined, digits = 3) => (x === null || x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(digits));
export const interval = (ci: [number, number] | null | undefined, f: (x: number) => string = (x) => pct(x)) =>
  ci ? `[${f(ci[0])}, ${f(ci[1])}]` : '–';

/** A plain table with aligned columns; numbers right-aligned. */
export function table(header: string[], rows: string[][], indent = '  '): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const right = header.map((_, i) => rows.length > 0 && rows.every((r) => /^[-–+\d.%\[\], ]*$/.test(r[i])));
  const line = (cells: string[]) => indent + cells.map((c, i) => (right[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(header), indent + widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)];
}

/** A GitHub-flavoured Markdown table. */
export function markdownTable(header: string[], rows: string[][]): string[] {
  const right = header.map((_, i) => rows.length > 0 && rows.every((r) => /^[-–+\d.%\[\], ]*$/.test(r[i])));
  return [`| ${header.join(' | ')} |`, `|${header.map((_, i) => (right[i] ? ' ---: ' : ' --- ')).join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}
