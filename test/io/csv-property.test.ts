/**
 * The CSV reader against two oracles, on random texts: the records the text was made from (with
 * the physical line each starts on, counted by construction) and csv-parse reading the same text.
 * Quotes, delimiters, LF, CRLF and lone CR inside and between fields, multi-line fields, empty
 * lines, and the text cut into chunks at random places, CR and LF apart included.
 */
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CsvReader, type BrokenRecord, type RawRecord } from '../../src/io/csv.js';

type LineEnd = '\n' | '\r\n' | '\r';

interface Read {
  records: RawRecord[];
  broken: BrokenRecord[];
  blanks: number[];
}

function read(text: string, cuts: number[] = [], maxRecordChars?: number): Read {
  const out: Read = { records: [], broken: [], blanks: [] };
  const reader = new CsvReader(',', 1, maxRecordChars);
  const sink = { record: (r: RawRecord) => out.records.push(r), broken: (b: BrokenRecord) => out.broken.push(b), blank: (l: number) => out.blanks.push(l) };
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    reader.push(text.slice(at, cut), sink);
    at = cut;
  }
  reader.push(text.slice(at), sink);
  reader.end(sink);
  return out;
}

const field = fc.stringMatching(/^[ab ,"\r\n]{0,6}$/);
const lineEnd = fc.constantFrom<LineEnd>('\n', '\r\n', '\r');

/** One CSV text with the records it holds and the physical line each starts on. */
const document = fc
  .array(fc.record({ fields: fc.array(field, { minLength: 1, maxLength: 4 }), end: lineEnd, blanksAfter: fc.integer({ min: 0, max: 2 }), quoteAll: fc.boolean() }), { minLength: 1, maxLength: 25 })
  .chain((rows) => fc.record({ rows: fc.constant(rows), lastEnd: fc.boolean() }))
  .map(({ rows, lastEnd }) => {
    let text = '';
    let line = 1;
    const expected: RawRecord[] = [];
    const blanks: number[] = [];
    rows.forEach((row, k) => {
      const cells = row.fields.map((f) => (row.quoteAll || /[",\r\n]/.test(f) || (row.fields.length === 1 && f === '') ? `"${f.replace(/"/g, '""')}"` : f));
      const body = cells.join(',');
      expected.push({ line, fields: row.fields });
      text += body;
      line += physicalLineEnds(body);
      const last = k === rows.length - 1;
      if (!last || lastEnd) {
        text += row.end;
        line++;
        // A blank line after a lone CR or before the text ends keeps its meaning only when it is followed by more.
        for (let b = 0; b < row.blanksAfter && !last; b++) {
          blanks.push(line);
          text += row.end;
          line++;
        }
      }
    });
    return { text, expected, blanks };
  })
;

/** LF, CRLF and lone CR, counted once each. */
function physicalLineEnds(s: string): number {
  return (s.match(/\r\n|\r|\n/g) ?? []).length;
}

const cutsOf = (text: string) => fc.array(fc.integer({ min: 0, max: Math.max(0, text.length) }), { maxLength: 8 });

describe('CsvReader on random texts (fast-check)', () => {
  it('gives the records the text was made from, each at the physical line it starts on, whole or cut anywhere', () => {
    fc.assert(
      fc.property(document.chain((d) => fc.record({ d: fc.constant(d), cuts: cutsOf(d.text) })), ({ d, cuts }) => {
        const got = read(d.text, cuts);
        expect(got.broken).toEqual([]);
        expect(got.records).toEqual(d.expected);
        expect(got.blanks).toEqual(d.blanks);
      }),
      { numRuns: 1500 },
    );
  });

  it('reads the same records as csv-parse (record delimiters LF, CRLF and CR)', () => {
    fc.assert(
      fc.property(document, (d) => {
        const oracle = parse(d.text, { record_delimiter: ['\r\n', '\n', '\r'], relax_column_count: true, skip_empty_lines: true }) as string[][];
        expect(read(d.text).records.map((r) => r.fields)).toEqual(oracle);
      }),
      { numRuns: 1000 },
    );
  });

  it('on broken texts (stray and unclosed quotes), reads the same whole or in chunks, and accounts for every record once', () => {
    const broken = document.chain((d) =>
      fc.record({ d: fc.constant(d), at: fc.array(fc.integer({ min: 0, max: d.text.length }), { minLength: 1, maxLength: 3 }) }).map(({ d, at }) => {
        let text = d.text;
        for (const i of at.sort((a, b) => b - a)) text = `${text.slice(0, i)}"${text.slice(i)}`;
        return text;
      }),
    );
    fc.assert(
      fc.property(broken.chain((text) => fc.record({ text: fc.constant(text), cuts: cutsOf(text) })), ({ text, cuts }) => {
        const whole = read(text);
        expect(read(text, cuts)).toEqual(whole);
        // Records and broken records start on distinct lines, in order, within the text.
        const starts = [...whole.records.map((r) => r.line), ...whole.broken.map((b) => b.line), ...whole.blanks].sort((a, b) => a - b);
        expect(new Set(starts).size).toBe(starts.length);
        expect(starts[starts.length - 1] ?? 1).toBeLessThanOrEqual(physicalLineEnds(text) + 1);
      }),
      { numRuns: 1500 },
    );
  });
});

describe('CsvReader on the shapes that lost or invented rows', () => {
  it('a chunk that ends between the CR and the LF closing a record with a multi-line field', () => {
    const text = 'id,note\r\n1,"two\r\nlines"\r\n2,x\r\n';
    const cut = text.indexOf('"\r\n2') + 2; // just after the CR
    for (const cuts of [[cut], [cut - 1], [cut + 1]]) expect(read(text, cuts)).toEqual({ records: [{ line: 1, fields: ['id', 'note'] }, { line: 2, fields: ['1', 'two\r\nlines'] }, { line: 4, fields: ['2', 'x'] }], broken: [], blanks: [] });
  });

  it('lone CRs end lines anywhere, mixed with LF and CRLF, and an LF inside a quoted cell stays in it', () => {
    const text = 'a,b\r1,"x\ny"\r2,3\r\n4,5\n6,7';
    expect(read(text).records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', 'x\ny'] },
      { line: 4, fields: ['2', '3'] },
      { line: 5, fields: ['4', '5'] },
      { line: 6, fields: ['6', '7'] },
    ]);
    const rows = Array.from({ length: 9000 }, (_, i) => `${i},x`).join('\r') + '\r' + Array.from({ length: 10 }, (_, i) => `c${i},y`).join('\r\n');
    expect(read(rows, [32768, 65536]).records).toHaveLength(9010);
  });

  it('a well-formed multi-line record of the wrong width is one record, at its start line', () => {
    const text = 'a,b\n1,"note\nwith,commas\nover lines",extra\n2,3\n';
    expect(read(text)).toEqual({ records: [{ line: 1, fields: ['a', 'b'] }, { line: 2, fields: ['1', 'note\nwith,commas\nover lines', 'extra'] }, { line: 5, fields: ['2', '3'] }], broken: [], blanks: [] });
  });

  it('a record longer than the cap is rejected as one record, and the lines after it are read', () => {
    const big = 'x\n'.repeat(600);
    const text = `a,b\n1,"${big}"\n2,3\n`;
    const got = read(text, [100, 700, 1000], 1000);
    expect(got.broken).toEqual([{ line: 2, code: 'record_too_long', reason: expect.stringMatching(/rejected as one record/) }]);
    expect(got.records).toEqual([{ line: 1, fields: ['a', 'b'] }, { line: 603, fields: ['2', '3'] }]);
  });

  it('a stray quote rejects its record at its start line and reading resumes on the next line', () => {
    const got = read('a,b\n"x"y,1\n2,3\n');
    expect(got.broken).toEqual([{ line: 2, code: 'stray_quote', reason: expect.stringMatching(/stray quote/) }]);
    expect(got.records.map((r) => r.line)).toEqual([1, 3]);
  });

  it('an unclosed quote at the end is rejected at its start line and the lines after it are read', () => {
    const got = read('h1,h2\n1,2\n"3,4\n5,6\n7,8\n', [9, 13]);
    expect(got.broken).toEqual([{ line: 3, code: 'unclosed_quote', reason: 'unclosed quote: the quoted field never ends' }]);
    expect(got.records.map((r) => [r.line, r.fields.join('|')])).toEqual([[1, 'h1|h2'], [2, '1|2'], [4, '5|6'], [5, '7|8']]);
  });

  it('scans a long line once: 8 MB in 4 KiB chunks reads in linear time', () => {
    const line = 'y'.repeat(8 << 20);
    const chunks = 2048;
    const size = line.length / chunks;
    const out: number[] = [];
    const reader = new CsvReader(',');
    const sink = { record: (r: RawRecord) => out.push(r.fields[0].length), broken: () => {}, blank: () => {} };
    for (let i = 0; i < chunks; i++) reader.push(line.slice(i * size, (i + 1) * size), sink);
    reader.push('\n1\n', sink);
    reader.end(sink);
    expect(out).toEqual([8 << 20, 1]);
  });
});
