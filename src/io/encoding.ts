/**
 * Which text encoding a file is in (SPEC §3.2): a BOM decides; otherwise text that is valid
 * UTF-8 is UTF-8, UTF-16 without a BOM is recognised by its zero bytes, and anything else is
 * read as Windows-1252 (the superset of Latin-1 that Excel writes on European Windows).
 */
import { inputError } from '../errors.js';

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

const ALIASES: Record<string, Encoding> = {
  'utf-8': 'utf-8', utf8: 'utf-8',
  'utf-16le': 'utf-16le', 'utf16le': 'utf-16le', 'utf-16': 'utf-16le', 'ucs-2': 'utf-16le',
  'utf-16be': 'utf-16be', 'utf16be': 'utf-16be',
  latin1: 'windows-1252', 'latin-1': 'windows-1252', 'iso-8859-1': 'windows-1252', 'iso8859-1': 'windows-1252',
  'windows-1252': 'windows-1252', cp1252: 'windows-1252', ansi: 'windows-1252',
};

/** An encoding by one of its names (utf8, latin1, cp1252, …), or null. */
export const parseEncoding = (label: string): Encoding | null => (Object.hasOwn(ALIASES, label.trim().toLowerCase()) ? ALIASES[label.trim().toLowerCase()] : null);

/** The encoding a byte-order mark names, or null. */
export function bomEncoding(sample: Uint8Array): Encoding | null {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8';
  if (sample[0] === 0xff && sample[1] === 0xfe) return 'utf-16le';
  if (sample[0] === 0xfe && sample[1] === 0xff) return 'utf-16be';
  return null;
}

/** Sniffs the encoding from the first bytes of a file; throws for a file that looks binary. */
export function sniffEncoding(sample: Uint8Array, file: string): Encoding {
  const bom = bomEncoding(sample);
  if (bom) return bom;
  const head = sample.subarray(0, 4096);
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < head.length; i++) if (head[i] === 0) i % 2 ? oddZeros++ : evenZeros++;
  const half = head.length / 2;
  if (oddZeros > half * 0.4 && evenZeros < oddZeros / 20) return 'utf-16le';
  if (evenZeros > half * 0.4 && oddZeros < evenZeros / 20) return 'utf-16be';
  const format = head.subarray(0, 4).toString() === 'PAR1' ? 'a Parquet file' : head.subarray(8, 12).toString() === 'DUCK' ? 'a DuckDB database' : null;
  if (format) throw inputError('binary_input', `${file}: ${format}; srp report and srp score read it with --engine duckdb`);
  // A stray NUL or control byte in one row is a broken row, not a binary file.
  if (looksBinary(head)) throw inputError('binary_input', `${file}: not a text file (binary content in the first bytes); srp reads CSV text`);
  const { valid, invalid } = utf8Sequences(sample);
  // Valid UTF-8, or UTF-8 with a stray byte or two (replaced, and each such row then shows it):
  // reading it as Windows-1252 instead would garble every accented letter in the file.
  return invalid === 0 || valid >= invalid * 2 ? 'utf-8' : 'windows-1252';
}

/** Bytes text carries when pasted from a terminal: backspace, bell and escape sequences. */
const TERMINAL = new Set([0x07, 0x08, 0x1b]);

/**
 * Control bytes other than tab, CR, LF, form feed and a terminal's are rare in text and common in
 * binaries (a ticket pasted from a terminal is still text: its rows are read and its escapes shown).
 */
function looksBinary(head: Uint8Array): boolean {
  let control = 0;
  for (const b of head) if ((b < 9 || (b > 13 && b < 32)) && !TERMINAL.has(b)) control++;
  return control > Math.max(8, head.length * 0.02);
}

/** Counts well-formed multi-byte UTF-8 sequences and bytes that fit none (a cut sequence at the end is neither). */
function utf8Sequences(bytes: Uint8Array): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need === 0) {
      i++;
      continue;
    }
    if (need < 0) {
      invalid++;
      i++;
      continue;
    }
    if (i + need >= bytes.length) break;
    let ok = true;
    for (let k = 1; k <= need; k++) if ((bytes[i + k] & 0xc0) !== 0x80) ok = false;
    if (ok) {
      valid++;
      i += need + 1;
    } else {
      invalid++;
      i++;
    }
  }
  return { valid, invalid };
}
