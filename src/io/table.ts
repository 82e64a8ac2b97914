/**
 * A small side table read whole (srp meta's studies table): its header and rows as text, with the
 * same CSV reader, delimiter sniffing and BOM handling as the inputs. A broken record is an error
 * naming its line: a table this small is written by hand and should be fixed, not skipped.
 */
import { readFileSync } from 'node:fs';
import { inputError } from '../errors.js';
import { CsvReader } from './csv.js';
import { sniffDelimiter } from './delimiter.js';

export function readTable(path: string): { header: string[]; rows: string[][] } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw inputError(code === 'ENOENT' ? 'not_found' : 'unreadable', `${path}: cannot open (${code === 'ENOENT' ? 'no such file' : (code ?? (e as Error).message)})`);
  }
  const records: string[][] = [];
  const reader = new CsvReader(sniffDelimiter(text));
  const sink = {
    record: (r: { fields: string[] }) => void records.push(r.fields.map((f) => f.trim())),
    broken: (b: { line: number; reason: string }) => {
      throw inputError('unreadable', `${path}:${b.line}: ${b.reason}`);
    },
    blank: () => undefined,
  };
  reader.push(text, sink);
  reader.end(sink);
  if (!records.length) throw inputError('no_rows', `${path}: empty (no header)`);
  const [header, ...rows] = records;
  return { header, rows };
}
