/** A result as titled sections of lines and tables, rendered as text or as GitHub Markdown. */
import { markdownTable, table } from './format.js';
import type { Style } from './style.js';

export interface Section {
  title: string;
  lines?: string[];
  /** The lines are a plain-character figure: kept as they are (a code block in Markdown). */
  preformatted?: boolean;
  header?: string[];
  rows?: string[][];
}

export function sectionsText(sections: Section[], s: Style): string {
  const out: string[] = [];
  for (const sec of sections) {
    out.push(s.bold(sec.title));
    for (const l of sec.lines ?? []) out.push(`  ${l}`);
    if (sec.header) out.push(...table(sec.header, sec.rows!));
    out.push('');
  }
  return out.join('\n');
}

/** GitHub job summaries are capped at 1 MiB (NOTES.md): long output ends with "… N more". */
export const MARKDOWN_LIMIT = 1000 * 1024;

export function sectionsMarkdown(sections: Section[]): string {
  const out: string[] = [];
  for (const sec of sections) {
    out.push(`### ${sec.title}`, '');
    if (sec.preformatted) out.push('```', ...(sec.lines ?? []), '```');
    else for (const l of sec.lines ?? []) out.push(`- ${l}`);
    if (sec.header) out.push(...markdownTable(sec.header, sec.rows!));
    out.push('');
  }
  return truncateMarkdown(out, MARKDOWN_LIMIT);
}

export function truncateMarkdown(lines: string[], limit: number): string {
  let size = 0;
  for (let i = 0; i < lines.length; i++) {
    size += Buffer.byteLength(lines[i]) + 1;
    if (size > limit - 200) return [...lines.slice(0, i), '', `… ${lines.length - i} more lines (truncated to fit a job summary; use --format json for everything)`].join('\n') + '\n';
  }
  return lines.join('\n') + '\n';
}
