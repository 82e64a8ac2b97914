/**
 * Sniffs the delimiter (SPEC §3.2; NOTES.md: csv-parse's own detection breaks on quotes).
 * Each candidate splits the first lines, quote-aware; the winner gives the most lines with
 * the header's field count (more than one field), then the most fields.
 */
import { CsvReader, type RawRecord } from './csv.js';

export const DELIMITERS = [',', ';', '\t', '|'] as const;

export function sniffDelimiter(sample: string): string {
  let best = ',';
  let bestScore = -1;
  const lines = sample.slice(0, 64 * 1024);
  for (const d of DELIMITERS) {
    const records: RawRecord[] = [];
    const reader = new CsvReader(d);
    const sink = { record: (r: RawRecord) => records.length < 50 && records.push(r), broken: () => {}, blank: () => {} };
    reader.push(lines.slice(0, lines.lastIndexOf('\n') + 1) || lines, sink);
    if (lines.lastIndexOf('\n') < 0) reader.end(sink);
    if (!records.length) continue;
    const width = records[0].fields.length;
    if (width < 2) continue;
    const consistent = records.filter((r) => r.fields.length === width).length / records.length;
    const score = consistent * 1000 + Math.min(width, 999);
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best;
}

/** A delimiter as people name it (`;`, `tab`, `pipe`), or null when it is not one character that can delimit. */
export function parseDelimiter(value: string): string | null {
  const named: Record<string, string> = { comma: ',', semicolon: ';', tab: '\t', '\\t': '\t', pipe: '|' };
  const d = named[value.toLowerCase()] ?? value;
  return d.length !== 1 || d === '"' || d === '\n' || d === '\r' ? null : d;
}

export const delimiterName = (d: string) => (d === '\t' ? 'tab' : d);
