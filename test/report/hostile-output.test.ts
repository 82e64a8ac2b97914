/**
 * Random hostile strings, written by strangers into ticket ids and team names, through every output
 * format and standard error (fast-check): nothing executable or invisible survives, and JSON keeps
 * the data exactly (escaped, not altered).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { srp, tempDir } from '../helpers.js';

const PIECES = [
  '\u001b[31m', '\u001b]0;pwned\u0007', '\u001b[2J', '\u0007', '\u0000', '\r', '\u0008', '\u007f', '\u0085', '\u009b', '\u009d',
  '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c',
  '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u2028', '\u2029',
  '<img src=x onerror=alert(1)>', '<svg onload=alert(1)>', '<script>alert(1)</script>', '![x](http://e.example/x.png)', '[click](javascript:alert(1))',
  '=HYPERLINK("http://x")', '+1', '-2', '@SUM(A1)', '\t=1', '"', "'", ',', ';', '|', '`', '*', '_', '&amp;', 'ü', '日本', 'ok',
];
const hostile = fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 4 })), { minLength: 1, maxLength: 6 }).map((parts) => parts.join(''));

/** Characters that act instead of showing (controls, bidi and zero-width characters, separators). */
const ACTING = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2028\u2029\u2060-\u2069\ufeff]/;
const csvQuote = (s: string) => `"${s.replace(/"/g, '""')}"`;

describe('hostile data through every output format', () => {
  it('no output carries an acting character or executable markup; JSON keeps every id exactly', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(hostile, hostile), { minLength: 5, maxLength: 40 }), (rows) => {
        const dir = tempDir();
        const ids = rows.map(([id], i) => `id${i}-${id}`);
        const text = ['case_id,team,severity,pre_satisfaction,post_satisfaction', ...rows.map(([, team], i) => [csvQuote(ids[i]), csvQuote(`t-${team}`), (i % 10) / 10, 3 + (i % 3), 2 + (i % 5)].join(','))].join('\n') + '\n';
        writeFileSync(`${dir}/evil.csv`, text);
        const runs = [
          ...['text', 'json', 'ndjson', 'csv', 'markdown'].map((f) => ({ f, r: srp(['score', '--format', f, `${dir}/evil.csv`]) })),
          ...['text', 'json', 'markdown', 'html'].map((f) => ({ f, r: srp(['report', '--by', 'team', '--format', f, `${dir}/evil.csv`]) })),
          ...['text', 'json'].map((f) => ({ f, r: srp(['validate', '--format', f, `${dir}/evil.csv`]) })),
          { f: 'stderr', r: srp(['report', '--strict', '--by', 'team', `${dir}/evil.csv`], { input: '' }) },
        ];
        for (const { f, r } of runs) {
          expect(r.code, `${f}: ${r.stderr}`).toBe(0);
          expect(r.stderr, `${f} stderr`).not.toMatch(ACTING);
          const out = f === 'csv' ? r.stdout.replace(/"(?:[^"]|"")*"/g, (q) => q.replace(/[\r\n\t]/g, ' ')) : r.stdout;
          expect(out, f).not.toMatch(ACTING);
          if (f === 'markdown') {
            expect(out).not.toMatch(/<(img|svg|script)\b/i);
            expect(out).not.toContain('](');
          }
          if (f === 'html') {
            expect(out).not.toMatch(/<(img|script)\b/i);
            expect(out).not.toMatch(/<svg[^>]*onload/i);
            expect(out).not.toMatch(/href=["']?javascript:/i);
          }
          if (f === 'csv') for (const line of r.stdout.split('\n').slice(1, -1)) expect(line).not.toMatch(/^"?[=+\-@\t\r]/);
        }
        // The score table stays aligned: an id is cut by its width as shown, escapes included.
        const [, header, ...lines] = runs[0].r.stdout.split('\n\n')[0].split('\n');
        for (const line of lines) expect(line.slice(0, header.indexOf('line') + 4)).toMatch(/^\S.{15} +\d+$/);
        const json = JSON.parse(runs[1].r.stdout);
        expect(json.cases.map((c: { case_id: string }) => c.case_id)).toEqual(ids.map((id) => id.replace(/\ud800-\udfff/g, '').trim()));
      }),
      {
        numRuns: 2,
        endOnFailure: true,
        // Found by CI: a small file with many terminal escapes was refused as binary.
        examples: [
          [
            [
              ['\u0000E\u2067', "i#'7nG&<script>alert(1)</script>"],
              ['Z)\u202ev', 'n'],
              ['\u001b]0;pwned\u0007:&+<0', '\u2066\u0007^>KO6'],
              ['-2\u2067', '\b '],
              ['<img src=x onerror=alert(1)>\u200e', '!wnh+1(|C-%(\u202b'],
              ['', '2ll\u001b]0;pwned\u0007\u001b]0;pwned\u0007'],
              ['', 'i?L\u001b[31m'],
            ],
          ],
        ],
      },
    );
  }, 120_000);
});
