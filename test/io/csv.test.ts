import { describe, expect, it } from 'vitest';
import { CsvReader, type BrokenRecord, type RawRecord } from '../../src/io/csv.js';

function parse(text: string, delimiter = ',', chunk = Infinity) {
  const records: RawRecord[] = [];
  const broken: BrokenRecord[] = [];
  const blanks: number[] = [];
  const reader = new CsvReader(delimiter);
  const sink = { record: (r: RawRecord) => records.push(r), broken: (b: BrokenRecord) => broken.push(b), blank: (l: number) => blanks.push(l) };
  for (let i = 0; i < text.length; i += Math.min(chunk, text.length)) reader.push(text.slice(i, i + chunk), sink);
  reader.end(sink);
  return { records, broken, blanks };
}

describe('CsvReader', () => {
  const text = 'a,b,c\r\n1,"two, 2",3\r\n"multi\nline",x,"say ""hi"""\n\n4,5,6';

  it('reads quoted, multi-line and CRLF records with the line each starts on', () => {
    const { records, blanks } = parse(text);
    expect(records.map((r) => r.line)).toEqual([1, 2, 3, 6]);
    expect(records[1].fields).toEqual(['1', 'two, 2', '3']);
    expect(records[2].fields).toEqual(['multi\nline', 'x', 'say "hi"']);
    expect(records[3].fields).toEqual(['4', '5', '6']);
    expect(blanks).toEqual([5]);
  });

  it('gives the same records whatever the chunk boundaries', () => {
    const whole = parse(text);
    for (const size of [1, 2, 3, 7]) expect(parse(text, ',', size)).toEqual(whole);
  });

  it('reports an unclosed quote at the line where its record starts and reads on from the next line', () => {
    const { records, broken } = parse('h1,h2\n1,2\n"3,4\n5,6\n7,8\n');
    expect(broken).toEqual([{ line: 3, code: 'unclosed_quote', reason: 'unclosed quote: the quoted field never ends' }]);
    expect(records.map((r) => [r.line, r.fields.join('|')])).toEqual([[1, 'h1|h2'], [2, '1|2'], [4, '5|6'], [5, '7|8']]);
  });

  it('takes a quote that swallows lines and then has text after it for a broken record', () => {
    const { records, broken } = parse('a,b\n"x,1\ny,2\nz,"3"\nw,4\n');
    expect(broken.map((b) => [b.line, b.code])).toEqual([[2, 'stray_quote']]);
    expect(records.map((r) => r.line)).toEqual([1, 3, 4, 5]);
  });

  it('keeps a stray quote inside an unquoted field as text', () => {
    expect(parse('a;b\n5" screen;2\n', ';').records[1].fields).toEqual(['5" screen', '2']);
  });

  it("hands a plain line its chunk's bytes only where they are the text it reads, one for one", () => {
    // Each plain line as the sink sees it: its text, and its text read from the bytes given (or null).
    const seen: [string, string | null][] = [];
    const sink = {
      record: () => {},
      broken: () => {},
      blank: () => {},
      line: (_: number, text: string, start: number, end: number, bytes: Uint8Array | null) =>
        seen.push([text.slice(start, end), bytes && Buffer.from(bytes.subarray(start, end)).toString('latin1')]),
    };
    const reader = new CsvReader(',');
    const push = (chunk: string) => reader.push(chunk, sink, Buffer.from(chunk, 'latin1'));
    push('a,1\nb,2\n'); // a chunk by itself: its bytes
    push('c,'); // no line end: held
    push('3\nd,4\n'); // read after the piece held: not its bytes alone
    push('e,"5"\nf,6\n'); // a quoted record, then a plain line of the same text
    push('g,"7"x\nh,8\n'); // a stray quote: read on from its second line, in other text
    reader.end(sink);
    expect(seen).toEqual([
      ['a,1', 'a,1'],
      ['b,2', 'b,2'],
      ['c,3', null],
      ['d,4', null],
      ['f,6', 'f,6'],
      ['h,8', null],
    ]);
  });
});
