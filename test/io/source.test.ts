/**
 * The decoded chunks of a file (src/io/source.ts) are the file decoded whole, however its ASCII
 * stretches (copied as they are) and other characters (decoded) fall across chunks: characters cut
 * by a chunk's end, invalid bytes, a byte-order mark at the start (taken off) and in the middle
 * (kept, as the character it is).
 */
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHUNK_BYTES, openText, SAMPLE_BYTES } from '../../src/io/source.js';
import { tempDir } from '../helpers.js';

/** Pieces of a file: ASCII lines of many lengths, and bytes that are not ASCII. */
const piece = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 40_000 }).map((n) => Buffer.from(`${'a,1.5,'.repeat(Math.ceil(n / 6)).slice(0, n)}\n`)) },
  { weight: 1, arbitrary: fc.constantFrom('é', '€', '😀', 'Åsa Öberg', '\ufeff').map((s) => Buffer.from(s)) },
  { weight: 1, arbitrary: fc.constantFrom([0xff], [0xe2, 0x82], [0x80], [0x9c, 0x41]).map((b) => Buffer.from(b)) },
);

describe('openText', () => {
  it('gives the text a whole-file decoding gives, in UTF-8 and Windows-1252, with the bytes of each ASCII chunk', async () => {
    const dir = tempDir();
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.array(piece, { minLength: 1, maxLength: 60 }), fc.constantFrom('utf-8' as const, 'windows-1252' as const), async (bom, pieces, encoding) => {
        const bytes = Buffer.concat([...(bom ? [Buffer.from([0xef, 0xbb, 0xbf])] : []), Buffer.from('header\n'), ...pieces]);
        const file = `${dir}/f.csv`;
        writeFileSync(file, bytes);
        // A byte-order mark names UTF-8 whatever is declared. (Streaming: Node 20 decodes a whole
        // buffer as Windows-1252 like Latin-1, 0x82 as U+0082 rather than ‚, and streaming does not.)
        const decoder = new TextDecoder(bom ? 'utf-8' : encoding);
        const expected = decoder.decode(bytes, { stream: true }) + decoder.decode();
        const source = await openText(file, encoding);
        let text = '';
        for await (const chunk of source.chunks) {
          text += chunk;
          // The bytes a chunk comes with are its characters, one for one.
          if (source.bytes) expect(Buffer.from(source.bytes).toString('latin1')).toBe(chunk);
        }
        expect(text).toBe(expected);
        expect(source.replaced).toBe(expected.split('\ufffd').length - 1);
      }),
      { numRuns: 60 },
    );
  });

  it('decodes a character cut by a chunk end (whole or invalid) before ASCII, and keeps a byte-order mark that starts a later chunk', async () => {
    const dir = tempDir();
    const ascii = (n: number) => Buffer.alloc(n, 'a');
    const cases: Buffer[] = [];
    // '€' (3 bytes) across the end of the second chunk, in a line too long to be cut at a line end.
    for (let shift = -3; shift <= 1; shift++) cases.push(Buffer.concat([ascii(SAMPLE_BYTES + CHUNK_BYTES + shift), Buffer.from('€'), ascii(3 * CHUNK_BYTES), Buffer.from('\n')]));
    // A character cut short (invalid) at the end of a chunk, then ASCII: its U+FFFD is still written.
    cases.push(Buffer.concat([ascii(SAMPLE_BYTES + CHUNK_BYTES - 2), Buffer.from([0xe2, 0x82]), ascii(3 * CHUNK_BYTES), Buffer.from('\n')]));
    // An ASCII start, then a line that begins with U+FEFF as the first chunk the decoder sees.
    cases.push(Buffer.concat([ascii(SAMPLE_BYTES + 100), Buffer.from('\n\ufeffx'), ascii(3 * CHUNK_BYTES), Buffer.from('é\n')]));
    let withBytes = 0;
    for (const bytes of cases) {
      writeFileSync(`${dir}/f.csv`, bytes);
      const source = await openText(`${dir}/f.csv`, 'utf-8');
      let text = '';
      for await (const chunk of source.chunks) {
        text += chunk;
        // The bytes an ASCII chunk comes with are its characters, one for one; the others come with none.
        if (source.bytes) {
          expect(Buffer.from(source.bytes).toString('latin1')).toBe(chunk);
          withBytes++;
        }
      }
      expect(text).toBe(new TextDecoder().decode(bytes));
    }
    expect(withBytes).toBeGreaterThan(10);
  });

  it('does not call a U+FFFD written in the file invalid where it is cut by the end of a chunk', async () => {
    const dir = tempDir();
    const ascii = (n: number) => Buffer.alloc(n, 'a');
    for (const at of [SAMPLE_BYTES - 1, SAMPLE_BYTES - 2, SAMPLE_BYTES + CHUNK_BYTES - 1, SAMPLE_BYTES + 3 * CHUNK_BYTES - 2]) {
      const bytes = Buffer.concat([ascii(at), Buffer.from('\ufffd'), ascii(4 * CHUNK_BYTES), Buffer.from('\n')]);
      writeFileSync(`${dir}/f.csv`, bytes);
      const source = await openText(`${dir}/f.csv`, 'utf-8');
      let text = '';
      for await (const chunk of source.chunks) text += chunk;
      expect(text).toBe(bytes.toString('utf8'));
      expect(source.replaced).toBe(0);
    }
  });
});
