/**
 * Opens one input (a path, or a stream such as stdin) as decoded text chunks, after sniffing
 * its encoding from the first bytes. Knows nothing about CSV.
 */
import { isAscii } from 'node:buffer';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { inputError } from '../errors.js';
import { bomEncoding, sniffEncoding, type Encoding } from './encoding.js';

/**
 * A file path; a file under another name (standard input kept in a temporary file); or a named
 * stream (the CLI passes stdin as `{ name: '<stdin>', stream }`). A stream that continues a file
 * past its header says so: the header and the line it starts on.
 */
export type Input =
  | string
  | { name: string; path: string }
  | { name: string; stream: Readable; size?: number; continuation?: { header: string[]; line: number } };

export interface TextSource {
  file: string;
  encoding: Encoding;
  /** Bytes in the file when known (for progress), else undefined. */
  size?: number;
  chunks: AsyncGenerator<string>;
  /** Characters that were not valid in the encoding and were replaced by U+FFFD (known at the end). */
  replaced: number;
  /** The encoding declared for the file where its byte-order mark names another (the mark wins). */
  declared?: Encoding;
  /** The bytes of the chunk last yielded where it is ASCII (its characters are these bytes, one for one), else null. */
  bytes: Uint8Array | null;
  /** Stops reading (for a reader that leaves early or fails): the file is closed. */
  close(): void;
}

export const SAMPLE_BYTES = 256 * 1024;
/**
 * Bytes read at a time. Small enough that a batch of cases dies young in V8's nursery (measured:
 * 1 MiB chunks held `score --format ndjson` at 563 MB, 32 KiB at 171 MB, at the same speed).
 */
export const CHUNK_BYTES = 1 << 15;
/** Bytes read from a file at a time, then decoded a chunk at a time: fewer, larger reads wait less on the disk. */
export const READ_BYTES = 1 << 19;

export async function openText(input: Input, encoding?: Encoding): Promise<TextSource> {
  const { name, stream, size } = typeof input === 'string' ? await openFile(input) : 'path' in input ? { ...(await openFile(input.path)), name: input.name } : input;
  const bytes = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const head: Buffer[] = [];
  let headLength = 0;
  try {
    while (headLength < SAMPLE_BYTES) {
      const next = await bytes.next();
      if (next.done) break;
      head.push(next.value);
      headLength += next.value.length;
    }
  } catch (e) {
    throw inputError('unreadable', `${name}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const first = Buffer.concat(head);
  if (first.length === 0) throw inputError('empty_input', `${name}: empty file (no header, no rows)`);
  // A byte-order mark names the encoding beyond doubt, over a declared one (a mapping's, written for another copy of the export).
  const bom = bomEncoding(first);
  const chosen = bom ?? encoding ?? sniffEncoding(first, name);
  const source: TextSource = { file: name, encoding: chosen, size, replaced: 0, bytes: null, chunks: undefined as never, close: () => void stream.destroy() };
  if (bom && encoding && bom !== encoding) source.declared = encoding;
  source.chunks = decode(first, bytes, chosen, name, (n) => (source.replaced += n), (b) => (source.bytes = b));
  return source;
}

async function openFile(path: string): Promise<{ name: string; stream: Readable; size: number }> {
  try {
    const handle = await open(path, 'r');
    const stat = await handle.stat();
    if (stat.isDirectory()) {
      await handle.close();
      throw inputError('unreadable', `${path}: is a directory, not a CSV file`);
    }
    return { name: path, stream: handle.createReadStream({ highWaterMark: READ_BYTES }), size: stat.size };
  } catch (e) {
    if (e instanceof Error && e.name === 'SrpError') throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory, not a CSV file' : String(code ?? e);
    throw inputError(code === 'ENOENT' ? 'not_found' : 'unreadable', `${path}: cannot open (${why})`);
  }
}

async function* decode(first: Buffer, rest: AsyncIterator<Buffer>, encoding: Encoding, name: string, onReplaced: (n: number) => void, onBytes: (b: Uint8Array | null) => void): AsyncGenerator<string> {
  // The decoder takes a byte-order mark off the start of what it is given first, which is the
  // file's start only where that is not ASCII: a U+FEFF anywhere but at the file's start is text.
  const decoder = new TextDecoder(encoding, { ignoreBOM: bomEncoding(first) === null });
  const literal = literalReplacements(encoding);
  // In UTF-8 and Windows-1252 an ASCII byte is the same character, and never part of another: a
  // chunk of ASCII bytes is copied as Latin-1 (several times faster than decoding) where the decoder
  // holds no part of a character, and a LF byte always ends a line.
  const asciiCompatible = encoding === 'utf-8' || encoding === 'windows-1252';
  // (A first chunk of ASCII bytes holds no byte-order mark, whose bytes are not ASCII: any other
  // goes to the decoder, which takes the mark off.)
  let whole = true;
  // Characters that were not valid in the encoding: the U+FFFD the decoder wrote, less those the file holds as text.
  const decodeCounting = (bytes: Buffer | undefined) => {
    if (bytes && asciiCompatible && whole && isAscii(bytes)) {
      literal.skip(bytes);
      onBytes(bytes);
      return bytes.toString('latin1');
    }
    onBytes(null);
    const s = bytes ? decoder.decode(bytes, { stream: true }) : decoder.decode();
    // A chunk that ends in an ASCII byte ends between characters.
    whole = !bytes || (bytes.length > 0 && bytes[bytes.length - 1] < 0x80);
    const written = bytes ? literal.count(bytes) : 0;
    if (s.indexOf('\uFFFD') >= 0) onReplaced(s.split('\uFFFD').length - 1 - written);
    return s;
  };
  // Chunks end after a LF where they can: the next chunk then starts a line, and the CSV reader reads
  // it as the decoder made it, not joined to a piece of the last (a joined string is read a character
  // at a time more slowly; measured 5% of a report).
  // The first chunk is the sample the plan is made from; the rest goes on in chunks of CHUNK_BYTES.
  yield decodeCounting(first.subarray(0, SAMPLE_BYTES));
  let bytes = first.subarray(SAMPLE_BYTES);
  for (;;) {
    for (let at = 0; at < bytes.length; ) {
      let end = Math.min(bytes.length, at + CHUNK_BYTES);
      // (Searched within this chunk's bytes only: a file without LF costs no more.)
      const lf = asciiCompatible && end < bytes.length ? bytes.subarray(at, end).lastIndexOf(10) : -1;
      if (lf >= 0) end = at + lf + 1;
      const text = decodeCounting(bytes.subarray(at, end));
      at = end;
      if (text) yield text;
    }
    let next: IteratorResult<Buffer>;
    try {
      next = await rest.next();
    } catch (e) {
      throw inputError('unreadable', `${name}: read failed (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    if (next.done) break;
    bytes = next.value;
  }
  const text = decodeCounting(undefined);
  if (text) yield text;
}

/**
 * Counts U+FFFD written in the file itself (UTF-8 EF BF BD, UTF-16 FD FF or FF FD), across chunk
 * boundaries, so that a file that holds the character as text is not called invalid. It is shown
 * every chunk's bytes in order (`skip` for a chunk known to hold none, such as an ASCII one), so
 * that a character cut by a chunk's end is still found whole.
 */
function literalReplacements(encoding: Encoding): { count(bytes: Buffer): number; skip(bytes: Buffer): void } {
  const pattern = encoding === 'utf-8' ? Buffer.from([0xef, 0xbf, 0xbd]) : encoding === 'utf-16le' ? Buffer.from([0xfd, 0xff]) : encoding === 'utf-16be' ? Buffer.from([0xff, 0xfd]) : null;
  if (!pattern) return { count: () => 0, skip: () => {} };
  const unit = encoding === 'utf-8' ? 1 : 2;
  let carry = Buffer.alloc(0);
  let offset = 0; // bytes seen before `carry`, for UTF-16 alignment
  return {
    count(bytes) {
      const joined = carry.length ? Buffer.concat([carry, bytes]) : bytes;
      let n = 0;
      for (let i = joined.indexOf(pattern); i >= 0; i = joined.indexOf(pattern, i + 1)) if ((offset + i) % unit === 0) n++;
      const keep = Math.min(pattern.length - 1, joined.length);
      offset += joined.length - keep;
      carry = Buffer.from(joined.subarray(joined.length - keep));
      return n;
    },
    skip(bytes) {
      offset += carry.length + bytes.length;
      carry = Buffer.alloc(0);
    },
  };
}
