/**
 * Where a large file can be cut in two so that both parts can be read at once: at the start of
 * a line near the middle, outside any quoted field (an even number of quote marks before it),
 * with the physical line number the second part starts on. Works on the bytes, which is exact
 * for UTF-8 and single-byte encodings (a newline byte never occurs inside a character). Lines are
 * counted by LF; a file with a lone CR (an old-Mac line end) before the cut gets no cut, and is
 * read in one pass.
 */
import { openSync, readSync, closeSync } from 'node:fs';

export interface Cut {
  /** Byte offset where the second part starts. */
  offset: number;
  /** Physical line the second part starts on. */
  line: number;
}

const NEWLINE = 10;
const CR = 13;
const QUOTE = 34;
const BLOCK = 1 << 20;

/** `share` is the part of the file before the cut (this thread also merges, so it takes a little more). */
export function findCut(path: string, size: number, share = 0.5): Cut | null {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(BLOCK);
    let newlines = 0;
    let quotes = 0;
    let pos = 0;
    const middle = Math.floor(size * share);
    while (pos < size) {
      const n = readSync(fd, buf, 0, Math.min(BLOCK, size - pos), pos);
      if (n <= 0) return null;
      const block = buf.subarray(0, n);
      for (let i = block.indexOf(CR); i >= 0; i = block.indexOf(CR, i + 1)) if ((i + 1 < n ? block[i + 1] : byteAt(fd, pos + n)) !== NEWLINE) return null;
      for (let i = block.indexOf(QUOTE); i >= 0; i = block.indexOf(QUOTE, i + 1)) if (pos + i < middle) quotes++;
      // Past the middle: the first newline outside quotes (quote parity even up to it) is the cut.
      for (let i = block.indexOf(NEWLINE); i >= 0; i = block.indexOf(NEWLINE, i + 1)) {
        newlines++;
        if (pos + i < middle) continue;
        let parity = quotes;
        for (let j = Math.max(0, middle - pos); j < i; j++) if (block[j] === QUOTE) parity++;
        if (parity % 2 === 0) return pos + i + 1 < size ? { offset: pos + i + 1, line: newlines + 1 } : null;
      }
      if (pos + n > middle) quotes += countQuotes(block, Math.max(0, middle - pos), n);
      pos += n;
    }
    return null;
  } finally {
    closeSync(fd);
  }
}

function byteAt(fd: number, at: number): number {
  const one = Buffer.alloc(1);
  return readSync(fd, one, 0, 1, at) === 1 ? one[0] : -1;
}

function countQuotes(block: Buffer, from: number, to: number): number {
  let q = 0;
  for (let i = from; i < to; i++) if (block[i] === QUOTE) q++;
  return q;
}
