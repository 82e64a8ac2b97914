/**
 * A streaming RFC 4180 reader that knows the physical line where every record starts.
 *
 * Lines end in LF, CRLF or a lone CR, wherever they appear and in any mix, as Python's csv and
 * pandas read them; a CR and its LF may arrive in different chunks. Each character is looked at
 * a bounded number of times however the text is cut into chunks, so a 50 MB line costs what 50 MB
 * of short lines cost.
 *
 * Why not csv-parse: it cannot resume after an unclosed quote (the rest of the file is lost or
 * reported at its end), and it reports the line where a record ends. Here a broken record is
 * reported at its first line and reading resumes on the next line, so every other row is still
 * accounted for. A well-formed record is always one record, whatever its field count (the caller
 * rejects a wrong count as one record). Quote-free lines take a fast path, and a line whose quotes
 * close on it is offered to it first (`quotedLine`).
 */
export interface RawRecord {
  line: number;
  fields: string[];
}

export type BrokenCode = 'unclosed_quote' | 'stray_quote' | 'record_too_long';

export interface BrokenRecord {
  line: number;
  code: BrokenCode;
  reason: string;
}

export interface ParseSink {
  record(r: RawRecord): void;
  /**
   * Optional fast path for quote-free lines: the line is text[start, end), not sliced out (nor its
   * line end). Without it, such lines come to `record` split into fields.
   */
  line?(line: number, text: string, start: number, end: number, bytes: Uint8Array | null): void;
  /**
   * Optional fast path for a line whose quotes all close on it: true where it was taken; false,
   * and it is read as a record (to `record`, or as broken).
   */
  quotedLine?(line: number, text: string, start: number, end: number, bytes: Uint8Array | null): boolean;
  broken(b: BrokenRecord): void;
  blank(line: number): void;
}

/**
 * Longest record kept whole, in characters. A record that grows past it is rejected as one record
 * (`record_too_long`) and read on to its end without being kept, so memory stays bounded; below it,
 * a record with a broken quote is re-read from its second line.
 */
export const MAX_RECORD_CHARS = 16 * 1024 * 1024;

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** Where a quoted record stands between chunks. */
const enum At {
  FieldStart,
  Unquoted,
  Quoted,
  /** Just after a quote inside a quoted field: an escaped quote or the closing one. */
  QuoteInQuoted,
}

interface OpenRecord {
  /** Physical line the record starts on. */
  line: number;
  /** Line ends inside the record so far. */
  lines: number;
  fields: string[];
  /** The field being read, so far. */
  value: string;
  at: At;
  /** The record's text so far, to re-read it from its second line if it turns out broken; null past the cap. */
  raw: string[] | null;
  rawChars: number;
}

export class CsvReader {
  /** Text not yet consumed. */
  private text = '';
  /** Chunks held back while they end no line and open no quote (joined once a line ends). */
  private parts: string[] = [];
  private open: OpenRecord | null = null;
  /** After a broken record: skip to the end of the current physical line first. */
  private skipLine = false;
  private readonly d: number;

  /** `line` is the physical line the text starts on (a later part of a file starts further on). */
  constructor(private readonly delimiter: string, private line = 1, private readonly maxRecordChars = MAX_RECORD_CHARS) {
    this.d = delimiter.charCodeAt(0);
  }

  /** The bytes of the text being read where they are its characters one for one (an ASCII chunk read by itself), else null. */
  private bytes: Uint8Array | null = null;

  push(chunk: string, sink: ParseSink, bytes: Uint8Array | null = null): void {
    if (!chunk) return;
    if (!this.open && !this.skipLine && this.text.charCodeAt(this.text.length - 1) !== CR && chunk.indexOf('\n') < 0 && chunk.indexOf('\r') < 0 && chunk.indexOf('"') < 0) {
      // Still inside one long plain line: keep the piece, look at it once the line ends.
      this.parts.push(chunk);
      return;
    }
    this.bytes = this.parts.length || this.text ? null : bytes;
    this.text = this.parts.length ? this.text + this.parts.join('') + chunk : this.text ? this.text + chunk : chunk;
    this.parts = [];
    this.scan(false, sink);
    this.bytes = null;
  }

  end(sink: ParseSink): void {
    if (this.parts.length) {
      this.text += this.parts.join('');
      this.parts = [];
    }
    this.scan(true, sink);
    this.text = '';
  }

  private scan(final: boolean, sink: ParseSink): void {
    let text = this.text;
    let pos = 0;
    for (;;) {
      if (this.skipLine) {
        const end = lineEnd(text, pos, final);
        if (end < 0) {
          pos = text.length - (text.charCodeAt(text.length - 1) === CR ? 1 : 0);
          break;
        }
        this.skipLine = false;
        pos = end;
        continue;
      }
      if (this.open) {
        const next = this.continueRecord(text, pos, final, sink);
        if (next === null) {
          pos = text.length;
          if (this.open && this.pendingCr) pos--;
          break;
        }
        if (typeof next === 'string') {
          // A broken record: read on from its second line.
          text = next;
          this.bytes = null;
          pos = 0;
          continue;
        }
        pos = next;
        continue;
      }
      if (pos >= text.length) break;
      const quote = text.indexOf('"', pos);
      const stop = quote < 0 ? text.length : lastLineStart(text, quote);
      if (stop > pos) pos = this.plainLines(text, pos, stop, quote < 0 && final, sink);
      if (quote < 0 || pos < stop) break;
      const taken = this.quotedLine(text, pos, sink);
      if (taken > pos) {
        pos = taken;
        continue;
      }
      this.open = { line: this.line, lines: 0, fields: [], value: '', at: At.FieldStart, raw: [], rawChars: 0 };
      this.rawFrom = pos;
    }
    this.text = pos >= text.length ? '' : text.slice(pos);
  }

  /**
   * Every complete line in [from, to) of quote-free text; `to` is a line start, or the end of the
   * text. Returns where it stopped: before a last line that is not known to be complete.
   */
  private plainLines(text: string, from: number, to: number, final: boolean, sink: ParseSink): number {
    if (!final && to === text.length) {
      // The last line may go on in the next chunk; a CR at the very end may be half of a CRLF.
      let last = text.lastIndexOf('\n', to - 1);
      // The last CR is after the last LF or irrelevant: searched forward from there (lastIndexOf
      // would read back through the whole chunk of a file that has none: 250 instructions a row).
      let cr = -1;
      for (let i = text.indexOf('\r', last + 1); i >= 0; i = text.indexOf('\r', i + 1)) cr = i;
      if (cr > last && cr < text.length - 1) last = cr;
      to = last + 1;
      if (to <= from) return from;
    }
    const cr = text.indexOf('\r', from);
    const hasCr = cr >= 0 && cr < to;
    for (let start = from; start < to; ) {
      let next = text.indexOf('\n', start);
      if (next < 0 || next >= to) next = to;
      let end = next;
      if (hasCr && end > start && text.charCodeAt(end - 1) === CR) end--;
      const lone = hasCr ? text.indexOf('\r', start) : -1;
      if (lone >= 0 && lone < end) for (const piece of text.slice(start, end).split('\r')) this.plainLine(piece, 0, piece.length, sink, null);
      else this.plainLine(text, start, end, sink, this.bytes);
      start = next + 1;
    }
    return to;
  }

  private plainLine(text: string, start: number, end: number, sink: ParseSink, bytes: Uint8Array | null): void {
    if (start === end) sink.blank(this.line++);
    else if (sink.line) sink.line(this.line++, text, start, end, bytes);
    else sink.record({ line: this.line++, fields: text.slice(start, end).split(this.delimiter) });
  }

  /**
   * Offers the line at `start`, which holds a quote, to the sink's fast path, as files written by
   * R's write.csv quote every text cell: a line that ends in LF or CRLF with an even number of
   * quotes. (That alone does not make the line a record, `"a""b` or `ab"c,"x⏎y"` being two lines of
   * one: the sink takes only cells quoted whole that close before the line's end.) Returns where the
   * next line starts if the sink took it, else `start`, and the line is read as any record with a
   * quote is. The line is read a character at a time, never past its end.
   */
  private quotedLine(text: string, start: number, sink: ParseSink): number {
    if (!sink.quotedLine) return start;
    let quotes = 0;
    let end = start;
    for (; end < text.length; end++) {
      const c = text.charCodeAt(end);
      if (c === QUOTE) quotes++;
      else if (c === LF || c === CR) break;
    }
    const crlf = text.charCodeAt(end) === CR;
    // No line end yet, or a CR alone: left to the general reading.
    if (end >= text.length || (crlf && text.charCodeAt(end + 1) !== LF)) return start;
    if (quotes % 2 || !sink.quotedLine(this.line, text, start, end, this.bytes)) return start;
    this.line++;
    return end + (crlf ? 2 : 1);
  }

  /** Where the open record's unread text starts in `text` (for its raw copy). */
  private rawFrom = 0;
  /** The open record's text ends in a CR whose LF may be in the next chunk. */
  private pendingCr = false;

  /**
   * Reads on in the open record (one that holds a quote) from `pos`. Returns where the next record
   * starts, null when the text ran out first (the record stays open), or, for a broken record, the
   * text to read on with (from the record's second line).
   */
  private continueRecord(text: string, pos: number, final: boolean, sink: ParseSink): number | string | null {
    const r = this.open!;
    const d = this.d;
    let i = pos;
    let from = pos; // start of the part of the current field not yet in r.value
    this.pendingCr = false;
    const n = text.length;
    while (i < n) {
      const c = text.charCodeAt(i);
      switch (r.at) {
        case At.FieldStart:
          if (c === QUOTE) {
            r.at = At.Quoted;
            from = ++i;
            continue;
          }
          r.at = At.Unquoted;
          from = i;
        // falls through
        case At.Unquoted: {
          // To the next delimiter or line end; a quote inside an unquoted field is text.
          while (i < n) {
            const k = text.charCodeAt(i);
            if (k === d || k === LF || k === CR) break;
            i++;
          }
          if (i >= n) break;
          const k = text.charCodeAt(i);
          r.value += text.slice(from, i);
          from = i;
          if (k === d) {
            this.endField(r);
            r.at = At.FieldStart;
            from = ++i;
            continue;
          }
          const after = this.afterLineEnd(text, i, final);
          if (after < 0) break;
          return this.finish(r, text, after, sink);
        }
        case At.Quoted: {
          const q = text.indexOf('"', i);
          if (q < 0) {
            // A CR at the very end may be half of a CRLF: leave it for the next chunk.
            const end = !final && text.charCodeAt(n - 1) === CR ? n - 1 : n;
            r.lines += lineEnds(text, i, end);
            if (end < n) this.pendingCr = true;
            i = n;
            break;
          }
          r.lines += lineEnds(text, i, q);
          r.value += text.slice(from, q);
          r.at = At.QuoteInQuoted;
          i = q + 1;
          from = i;
          continue;
        }
        case At.QuoteInQuoted:
          if (c === QUOTE) {
            r.value += '"';
            r.at = At.Quoted;
            from = ++i;
            continue;
          }
          if (c === d) {
            this.endField(r);
            r.at = At.FieldStart;
            from = ++i;
            continue;
          }
          if (c === LF || c === CR) {
            const after = this.afterLineEnd(text, i, final);
            if (after < 0) {
              from = i;
              break;
            }
            return this.finish(r, text, after, sink);
          }
          return this.broken(r, text, i, 'stray_quote', `stray quote: field ${r.fields.length + 1} has text after its closing quote`, sink);
      }
      if (i >= n || this.pendingCr) break;
    }
    // The text ran out inside the record.
    if (r.at === At.Quoted || r.at === At.Unquoted) r.value += text.slice(from, this.pendingCr ? n - 1 : n);
    if (!final) {
      this.keepRaw(r, text, this.pendingCr ? n - 1 : n);
      return null;
    }
    this.pendingCr = false;
    if (r.at === At.Quoted) return this.broken(r, text, n, 'unclosed_quote', 'unclosed quote: the quoted field never ends', sink);
    // At the end of the input, the record ends with it.
    return this.finish(r, text, n, sink);
  }

  /** Where the text after the line end at `i` starts; -1 when a CR ends the text (its LF may follow). */
  private afterLineEnd(text: string, i: number, final: boolean): number {
    if (text.charCodeAt(i) === LF) return i + 1;
    if (i + 1 < text.length) return text.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
    if (final) return i + 1;
    this.pendingCr = true;
    return -1;
  }

  private endField(r: OpenRecord) {
    r.fields.push(r.value);
    r.value = '';
  }

  /** Copies the open record's text up to `to` aside (to re-read it if broken), or drops it past the cap. */
  private keepRaw(r: OpenRecord, text: string, to: number) {
    if (r.raw) {
      r.raw.push(text.slice(this.rawFrom, to));
      r.rawChars += to - this.rawFrom;
      if (r.rawChars > this.maxRecordChars) r.raw = null;
    }
    // Past the cap nothing of the record is kept: it will be rejected whole.
    if (!r.raw) {
      r.value = '';
      r.fields.length = 0;
    }
    this.rawFrom = 0;
  }

  private finish(r: OpenRecord, text: string, next: number, sink: ParseSink): number {
    this.open = null;
    this.line = r.line + r.lines + 1;
    if (!r.raw || r.rawChars + (next - this.rawFrom) > this.maxRecordChars) {
      sink.broken({ line: r.line, code: 'record_too_long', reason: tooLong(r, this.maxRecordChars) });
      return next;
    }
    this.endField(r);
    sink.record({ line: r.line, fields: r.fields });
    return next;
  }

  /** A broken record: reported at its first line; reading goes on from its second line. */
  private broken(r: OpenRecord, text: string, at: number, code: BrokenCode, reason: string, sink: ParseSink): number | string {
    this.open = null;
    this.pendingCr = false;
    if (!r.raw) {
      // Past the cap its text is gone: it ends, as one record, at the end of this line.
      this.line = r.line + r.lines + 1;
      sink.broken({ line: r.line, code: 'record_too_long', reason: tooLong(r, this.maxRecordChars) });
      this.skipLine = true;
      return at;
    }
    sink.broken({ line: r.line, code, reason });
    this.line = r.line + 1;
    this.skipLine = true;
    return r.raw.join('') + text.slice(this.rawFrom);
  }
}

function tooLong(r: OpenRecord, cap: number): string {
  return `record longer than ${Math.round(cap / 1024 / 1024)} MiB (${r.lines + 1} lines, a quote that never closes?): rejected as one record`;
}

/**
 * Start of the line that holds `at`: just after the last LF or CR at or before it, looked for a
 * character at a time back to it. lastIndexOf of the one read back through the whole chunk at every
 * quoted record of a file without it (a million lines written by R's write.csv, ids quoted: 13.4 s
 * for want of a CR, pandas 1.3 s; the same with lone-CR line ends for want of a LF).
 */
function lastLineStart(text: string, at: number): number {
  let i = at;
  while (i >= 0 && text.charCodeAt(i) !== LF && text.charCodeAt(i) !== CR) i--;
  return i + 1;
}

/** Just after the first line end at or after `from`; -1 when none is known yet. */
function lineEnd(text: string, from: number, final: boolean): number {
  const lf = text.indexOf('\n', from);
  const cr = text.indexOf('\r', from);
  if (cr >= 0 && (lf < 0 || cr < lf)) {
    if (cr + 1 < text.length) return text.charCodeAt(cr + 1) === LF ? cr + 2 : cr + 1;
    return final ? cr + 1 : -1;
  }
  if (lf >= 0) return lf + 1;
  return final ? text.length : -1;
}

/** Physical line ends in text[from, to): LF, CRLF (one) and a CR not followed by LF. */
function lineEnds(text: string, from: number, to: number): number {
  // A character at a time: indexOf('\r') read on to the end of the chunk for every quoted field of a file without CR.
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) n++;
  }
  return n;
}
