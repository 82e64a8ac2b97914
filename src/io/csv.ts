/**
 * A streaming RFC 4180 reader that knows the physical line where every record starts.
 *
 * Why not csv-parse: it cannot resume after an unclosed quote (the rest of the file is lost
 * or reported at its end), and it reports the line where a record ends. Here a broken record
 * is reported at its first line and reading resumes on the next line, so every other row is
 * still accounted for. Unquoted lines take a fast path (`indexOf` + `split`).
 */
export interface RawRecord {
  line: number;
  fields: string[];
}

export interface BrokenRecord {
  line: number;
  reason: string;
}

export interface ParseSink {
  record(r: RawRecord): void;
  /**
   * Optional fast path for quote-free lines: the line's text and where each of its `count` fields
   * ends (field i runs from `i ? ends[i - 1] + 1 : 0` to `ends[i]`). `ends` is reused: read it
   * before returning. Without it, such lines come to `record` split into fields.
   */
  line?(line: number, text: string, ends: Int32Array, count: number): void;
  broken(b: BrokenRecord): void;
  blank(line: number): void;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;
const INCOMPLETE = -1;

export class CsvReader {
  private buf = '';
  private expected = 0;
  private ends = new Int32Array(256);
  /**
   * `line` is the physical line the text starts on (a later part of a file starts further on).
   * Records longer than `maxRecordChars` are taken for an unclosed quote (NOTES.md: about 1 MiB).
   */
  constructor(private readonly delimiter: string, private line = 1, private readonly maxRecordChars = 1 << 20) {}

  /** After the header is known: a multi-line record with another field count is a broken quote. */
  expectFields(n: number): void {
    this.expected = n;
  }

  push(chunk: string, sink: ParseSink): void {
    this.buf = this.buf.length ? this.buf + chunk : chunk;
    this.scan(false, sink);
  }

  end(sink: ParseSink): void {
    this.scan(true, sink);
    this.buf = '';
  }

  private scan(final: boolean, sink: ParseSink): void {
    const buf = this.buf;
    let pos = 0;
    while (pos < buf.length) {
      // Lines before the next quote take the fast path (split natively); the record holding
      // the quote takes the slow one; then on again.
      const quote = buf.indexOf('"', pos);
      if (quote === INCOMPLETE) {
        pos = this.plainLines(buf, pos, final ? buf.length : buf.lastIndexOf('\n') + 1, sink);
        break;
      }
      const lineStart = buf.lastIndexOf('\n', quote) + 1;
      if (lineStart > pos) pos = this.plainLines(buf, pos, lineStart, sink);
      const next = this.record(buf, pos, final, sink);
      if (next === INCOMPLETE) break;
      pos = next;
    }
    this.buf = pos >= buf.length ? '' : buf.slice(pos);
  }

  /** Every line in [from, to) of quote-free text; returns `to` (or `from` when there is none). */
  private plainLines(buf: string, from: number, to: number, sink: ParseSink): number {
    if (to <= from) return from;
    const lines = buf.slice(from, to).split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    const d = this.delimiter;
    for (let line of lines) {
      if (line.charCodeAt(line.length - 1) === CR) line = line.slice(0, -1);
      if (line === '') sink.blank(this.line++);
      else if (sink.line) sink.line(this.line++, line, this.fieldEnds(line), this.count);
      else sink.record({ line: this.line++, fields: line.split(d) });
    }
    return to;
  }

  private count = 0;
  /** Where each field of a quote-free line ends (and, in `count`, how many there are). */
  private fieldEnds(line: string): Int32Array {
    const d = this.delimiter;
    let ends = this.ends;
    let count = 0;
    for (let from = 0; ; ) {
      if (count === ends.length) {
        const grown = new Int32Array(ends.length * 2);
        grown.set(ends);
        this.ends = ends = grown;
      }
      const at = line.indexOf(d, from);
      if (at < 0) {
        ends[count++] = line.length;
        break;
      }
      ends[count++] = at;
      from = at + 1;
    }
    this.count = count;
    return ends;
  }

  /** One record that holds a quote, from `pos`; returns where the next starts, or INCOMPLETE. */
  private record(buf: string, pos: number, final: boolean, sink: ParseSink): number {
    let eol = buf.indexOf('\n', pos);
    if (eol === INCOMPLETE && !final) return INCOMPLETE;
    if (eol === INCOMPLETE) eol = buf.length;
    const fields: string[] = [];
    const result = this.quoted(buf, pos, final, fields);
    if (result.next === INCOMPLETE && !final && buf.length - pos <= this.maxRecordChars) return INCOMPLETE;
    const spansLines = result.lines > 1;
    if (result.next === INCOMPLETE || result.error || (spansLines && this.expected && fields.length !== this.expected)) {
      const reason =
        result.error ??
        (result.next === INCOMPLETE
          ? 'unclosed quote: the quoted field never ends'
          : `unclosed quote: the record runs over ${result.lines} lines and has ${fields.length} fields, expected ${this.expected}`);
      sink.broken({ line: this.line++, reason });
      return eol + 1;
    }
    sink.record({ line: this.line, fields });
    this.line += result.lines;
    return result.next;
  }

  /** The slow path: one record that holds a quote, from `start`. */
  private quoted(buf: string, start: number, final: boolean, fields: string[]): { next: number; lines: number; error?: string } {
    const d = this.delimiter.charCodeAt(0);
    let i = start;
    let lines = 1;
    for (;;) {
      if (buf.charCodeAt(i) === QUOTE) {
        let value = '';
        let j = i + 1;
        for (;;) {
          const q = buf.indexOf('"', j);
          if (q === INCOMPLETE) return { next: INCOMPLETE, lines };
          value += buf.slice(j, q);
          if (buf.charCodeAt(q + 1) === QUOTE) {
            value += '"';
            j = q + 2;
            continue;
          }
          i = q + 1;
          break;
        }
        lines += countNewlines(value);
        fields.push(value);
        const c = buf.charCodeAt(i);
        if (c === d) {
          i++;
          continue;
        }
        if (c === LF) return { next: i + 1, lines };
        if (c === CR && buf.charCodeAt(i + 1) === LF) return { next: i + 2, lines };
        if (i >= buf.length) return final ? { next: i, lines } : { next: INCOMPLETE, lines };
        return { next: i, lines, error: `unclosed or stray quote: field ${fields.length} has text after its closing quote` };
      }
      let j = i;
      while (j < buf.length) {
        const c = buf.charCodeAt(j);
        if (c === d || c === LF) break;
        j++;
      }
      if (j >= buf.length && !final) return { next: INCOMPLETE, lines };
      const c = buf.charCodeAt(j);
      const endsLine = c === LF || j >= buf.length;
      fields.push(endsLine && buf.charCodeAt(j - 1) === CR && j > i ? buf.slice(i, j - 1) : buf.slice(i, j));
      if (!endsLine) {
        i = j + 1;
        continue;
      }
      return { next: j + 1, lines };
    }
  }
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== INCOMPLETE; i = s.indexOf('\n', i + 1)) n++;
  return n;
}
