/**
 * The fast path of reading (src/io/plain-record.ts) against the general one (toCase), on random
 * lines of canonical files: every line the fast path takes is the case the general reading makes
 * of it, with the same satisfaction tally; every other line it leaves untouched. And end to end:
 * a file read plainly and the same file with every cell quoted (which the fast path never takes)
 * give the same cases, rejections and accounting.
 */
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Canonical } from '../../src/io/columns.js';
import { CaseColumns } from '../../src/io/case-columns.js';
import { emptyPolarity } from '../../src/io/convert.js';
import { makePlan } from '../../src/io/plan.js';
import { PlainRecords } from '../../src/io/plain-record.js';
import { LineRow, toCase } from '../../src/io/record.js';
import { emptyTally } from '../../src/io/scale.js';
import { MISSING_MARKERS } from '../../src/io/values.js';
import { readAll, srp, tempDir } from '../helpers.js';

const NUMBERS: Canonical[] = ['severity', 'prior_failures', 'controllability', 'stability', 'recovery_quality', 'pre_satisfaction', 'post_satisfaction'];
const missing = new Set(MISSING_MARKERS);

/** Cells as exports write them: plain numbers in and out of every range, and all that is not one. */
const numberCell = fc.oneof(
  fc.integer({ min: -2, max: 12 }).map(String),
  fc.integer({ min: 0, max: 1000 }).map((n) => (n / 1000).toString()),
  fc.integer({ min: 0, max: 100 }).map((n) => (n / 8).toFixed(3)),
  fc.constantFrom('', ' ', '?', 'NA', 'null', '-', '-0', '.5', '5.', '1.', '1e2', ' 3', '3 ', 'high', 'Low', 'yes', '0,5', '1.2.3', '0.1.5', '-0.5', '--1', '12345678901234567', '1234567890123456', '0.000000000000001', '+1', '٣', '3%'),
);
const idCell = fc.constantFrom('C1', 'C2', 'INC-7', ' C3', 'C4 ', '', '?', 'NA', 'null', 'Ä1', 'x\u00a0', '1');
const teamCell = fc.constantFrom('T1', ' T2 ', '', 'Ä', '?', ' N/A ');

/** A header: a case id or not, some of the numbers, a team column, in any order. */
const header = fc
  .record({ id: fc.boolean(), numbers: fc.subarray(NUMBERS, { minLength: 1 }), team: fc.boolean() })
  .chain(({ id, numbers, team }) => fc.shuffledSubarray([...(id ? ['case_id'] : []), ...numbers, ...(team ? ['team'] : [])], { minLength: numbers.length + Number(id) + Number(team) }));

const cellFor = (name: string) => (name === 'case_id' ? idCell : name === 'team' ? teamCell : numberCell);
const lineOf = (names: string[]) =>
  fc.record({ cells: fc.tuple(...names.map(cellFor)), extra: fc.constantFrom(0, 0, 0, 1, -1) }).map(({ cells, extra }) => (extra > 0 ? [...cells, ''] : extra < 0 ? cells.slice(0, -1) : cells));

const settings = fc.record({
  comma: fc.boolean(),
  scale: fc.constantFrom<[number, number] | undefined>(undefined, [1, 5], [0, 10]),
  by: fc.boolean(),
  // Severity on a declared scale (a mapping's "scale"): a number is put onto [0,1], a word is read as its value.
  severityScale: fc.constantFrom<[number, number] | undefined>(undefined, [1, 5]),
});

function planFor(names: string[], s: { comma: boolean; scale?: [number, number]; by: boolean; severityScale?: [number, number] }) {
  const tally = emptyTally();
  // Without a declared scale, the first rows' satisfaction (1 and 7) gives the scale 1–7.
  const sample = ['1', '7'].map((v) => names.map((n) => (n.endsWith('satisfaction') ? v : '0')));
  const plan = makePlan('f.csv', names, sample, {
    decimalComma: s.comma,
    satisfactionScale: s.scale,
    by: s.by && names.includes('team') ? 'team' : undefined,
    mapping: s.severityScale && names.includes('severity') ? { columns: { severity: { column: 'severity', scale: s.severityScale } } } : undefined,
    tally,
    polarity: emptyPolarity(),
    missing,
  });
  return { plan, tally };
}

type Reading = Awaited<ReturnType<typeof readAll>> | string;

/** Two readings of one file written two ways (or the same error): the same cases, rejections, accounting and warnings. */
function sameReading(a: Reading, b: Reading): void {
  if (typeof a === 'string' || typeof b === 'string') return void expect(a).toEqual(b);
  const unfiled = <T extends { file: string }>(xs: T[]) => xs.map((x) => ({ ...x, file: '' }));
  expect(unfiled(a.cases)).toEqual(unfiled(b.cases));
  expect(unfiled(a.rejections)).toEqual(unfiled(b.rejections));
  const { files: _a, warnings: wa, ...sa } = a.summary;
  const { files: _b, warnings: wb, ...sb } = b.summary;
  expect(sa).toEqual(sb);
  const named = (ws: string[]) => ws.map((w) => w.replace(/\S*\/[a-z]+\.csv/g, 'f'));
  expect(named(wa)).toEqual(named(wb));
}

describe('the fast path of reading', () => {
  it('takes a line only as the general reading reads it: the same case, the same tally; other lines untouched', () => {
    let taken = 0;
    let fromBytes = 0;
    let left = 0;
    fc.assert(
      fc.property(
        header.chain((names) => fc.record({ names: fc.constant(names), s: settings, lines: fc.array(lineOf(names), { minLength: 1, maxLength: 12 }) })),
        ({ names, s, lines }) => {
          const delimiter = s.comma ? ';' : ',';
          const general = planFor(names, s);
          const fast = planFor(names, s);
          const plain = PlainRecords.for(fast.plan, delimiter, s.comma);
          expect(plain).not.toBeNull();
          const row = new LineRow(delimiter);
          lines.forEach((cells, k) => {
            const text = `prefix\n${cells.join(delimiter)}\nnext,line`;
            const start = 7;
            const end = start + cells.join(delimiter).length;
            const columns = new CaseColumns('f.csv', names.includes('case_id'), fast.plan.segment >= 0, fast.plan.satisfactionTop);
            const before = structuredClone(fast.tally);
            const line = k + 2;
            // Every other ASCII line read from its bytes, as a chunk of ASCII bytes is.
            const bytes = k % 2 && /^[\x00-\x7f]*$/.test(text) ? Buffer.from(text, 'latin1') : null;
            const took = plain!.take(text, start, end, line, columns, bytes);
            // Whole scores are added to the tally when the batch ends.
            plain!.settle();
            if (took) {
              taken++;
              if (bytes) fromBytes++;
              const c = toCase(row.set(text, start, end), line, 'f.csv', general.plan);
              expect(c).toEqual(columns.toCases()[0]);
              expect(fast.tally).toEqual(general.tally);
            } else {
              left++;
              expect(columns.length).toBe(0);
              expect(fast.tally).toEqual(before);
              // The general reading of it, so that both tallies go on alike.
              toCase(row.set(text, start, end), line, 'f.csv', general.plan);
              toCase(row.set(text, start, end), line, 'f.csv', fast.plan);
            }
          });
        },
      ),
      { numRuns: 1500 },
    );
    // Both kinds of line came up (about 190 and 9,000 of them in 1,500 runs), the first from text and from bytes.
    expect(taken).toBeGreaterThan(100);
    expect(fromBytes).toBeGreaterThan(30);
    expect(left).toBeGreaterThan(500);
  });

  it('end to end: a file read plainly and with every cell quoted gives the same cases, rejections and accounting', async () => {
    const dir = tempDir();
    const all = ['case_id', ...NUMBERS, 'team'];
    // Without ids or satisfaction, and a mapping's default for every number: blank lines must not become cases.
    const factorsOnly = all.filter((n) => n !== 'case_id' && !n.endsWith('satisfaction'));
    const defaults = { columns: Object.fromEntries(NUMBERS.filter((n) => factorsOnly.includes(n)).map((n) => [n, { column: n, default: n === 'prior_failures' ? 0 : 0.5 }])) };
    // More than the first 256 KiB (the sample the plan is made from), and batches reused after it.
    const fillerCell = (n: string, i: number): string =>
      ({ case_id: `F${i}`, severity: `0.${i % 10}`, prior_failures: `${i % 3}`, controllability: '0.5', stability: '0.25', recovery_quality: '0.75', team: `T${i % 4}` })[n] ??
      `${1 + ((i * (n.startsWith('pre') ? 1 : 7)) % 5)}`;
    const input = fc.boolean().chain((withDefaults) => {
      const names = withDefaults ? factorsOnly : all;
      // Blank lines, as spreadsheets write them.
      const blankLine = fc.constantFrom(' ', '', '\u00a0').map((c) => names.map(() => c));
      return fc.record({ withDefaults: fc.constant(withDefaults), names: fc.constant(names), lines: fc.array(fc.oneof({ weight: 5, arbitrary: lineOf(names) }, blankLine), { minLength: 1, maxLength: 40 }) });
    });
    await fc.assert(
      fc.asyncProperty(input, fc.boolean(), async ({ withDefaults, names, lines }, by) => {
        const filler = Array.from({ length: 9000 }, (_, i) => names.map((n) => fillerCell(n, i)));
        // A cell holding the delimiter (`0,5`) would split on the plain line and not in quotes: the two files would differ.
        const rows = [...filler, ...lines.map((cells) => cells.map((c) => c.replace(',', ';')))];
        const write = (name: string, quote: boolean) => {
          const path = `${dir}/${name}`;
          writeFileSync(path, [names, ...rows].map((cells) => cells.map((c) => (quote ? `"${c}"` : c)).join(',')).join('\n') + '\n');
          return path;
        };
        const options = { by: by ? 'team' : undefined, satisfactionScale: [1, 5] as [number, number], mapping: withDefaults ? defaults : undefined };
        const plain = await readAll([write('plain.csv', false)], options).catch((e: Error) => e.message);
        const quoted = await readAll([write('quoted.csv', true)], options).catch((e: Error) => e.message);
        sameReading(plain, quoted);
      }),
      { numRuns: 25 },
    );
  });

  it('where code generation is not allowed (node --disallow-code-generation-from-strings), every line goes to the general reading, with the same report', () => {
    const lines = ['case_id,severity,prior_failures,controllability,stability,recovery_quality,pre_satisfaction,post_satisfaction,team'];
    for (let i = 0; i < 3000; i++) lines.push(`C${i},${i % 7 ? `0.${i % 10}` : 'high'},${i % 3},0.5,0.25,0.75,${1 + (i % 5)},${i % 11 ? 1 + ((i * 7) % 5) : '?'},T${i % 4}`);
    const path = `${tempDir()}/plain.csv`;
    writeFileSync(path, lines.join('\n') + '\n');
    const args = ['report', '--by', 'team', '--format', 'json', path];
    const compiled = srp(args);
    const general = srp(args, { env: { NODE_OPTIONS: '--disallow-code-generation-from-strings' } });
    expect(compiled.code).toBe(0);
    expect(general).toEqual(compiled);
    expect(JSON.parse(general.stdout).input).toMatchObject({ rows: 3000, accepted: 3000 });
  });

  it('a line longer than a chunk (32 KiB) joins the next chunk: the lines after it read as the same cases plainly and quoted', async () => {
    const dir = tempDir();
    const names = ['case_id', ...NUMBERS, 'team'];
    // Past the first 256 KiB (the sample, decoded as a whole), where chunks are read from their bytes.
    const rows = Array.from({ length: 12_000 }, (_, i) => [`C${i}`, `0.${i % 10}`, `${i % 3}`, '0.5', '0.25', '0.75', `${1 + (i % 5)}`, `${1 + ((i * 7) % 5)}`, i === 8000 ? 'T'.repeat(40_000) : `T${i % 4}`]);
    const write = (name: string, quote: boolean) => {
      const path = `${dir}/${name}`;
      writeFileSync(path, [names, ...rows].map((cells) => cells.map((c) => (quote ? `"${c}"` : c)).join(',')).join('\n') + '\n');
      return path;
    };
    const plain = await readAll([write('plain.csv', false)], { by: 'team' });
    const quoted = await readAll([write('quoted.csv', true)], { by: 'team' });
    expect(plain.cases.length).toBe(12_000);
    expect(plain.cases.map((c) => ({ ...c, file: '' }))).toEqual(quoted.cases.map((c) => ({ ...c, file: '' })));
  });

  it("a file written as R's write.csv writes it (text cells quoted) reads as the same file with every cell quoted: cases, rejections, accounting", async () => {
    const dir = tempDir();
    const names = ['case_id', ...NUMBERS, 'team'];
    const text = (name: string) => name === 'case_id' || name === 'team';
    // Text as R writes it: quotes doubled, the delimiter and line ends kept inside the quotes.
    const textCell = fc.constantFrom('C7', 'C,8', 'say "hi"', '', ' T2 ', 'NA', 'Ä', 'two\nlines', 'x\r\ny', 'a\rb', 'C9"x');
    const row = fc.tuple(...names.map((n) => (text(n) ? fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 99 }).map((i) => `${n[0]}${i}`) }, textCell) : numberCell.filter((c) => !/[",\n\r]/.test(c)))));
    const quote = (c: string) => `"${c.replace(/"/g, '""')}"`;
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 40 }), fc.boolean(), fc.boolean(), async (rows, crlf, by) => {
        // Past the first 256 KiB (the sample), where the compiled reader reads.
        const filler = Array.from({ length: 9000 }, (_, i) => names.map((n) => (n === 'case_id' ? `F${i}` : n === 'team' ? `T${i % 4}` : n.endsWith('satisfaction') ? `${1 + (i % 5)}` : n === 'prior_failures' ? `${i % 3}` : '0.5')));
        const write = (name: string, all: boolean) => {
          const path = `${dir}/${name}`;
          const lines = [names, ...filler, ...rows].map((cells) => cells.map((c, j) => (all || text(names[j]) ? quote(c) : c)).join(','));
          writeFileSync(path, lines.join(crlf ? '\r\n' : '\n') + (crlf ? '\r\n' : '\n'));
          return path;
        };
        const options = { by: by ? 'team' : undefined, satisfactionScale: [1, 5] as [number, number] };
        const r = await readAll([write('r.csv', false)], options).catch((e: Error) => e.message);
        const quoted = await readAll([write('quoted.csv', true)], options).catch((e: Error) => e.message);
        sameReading(r, quoted);
      }),
      { numRuns: 25 },
    );
  });

  it('a quoted cell that holds a CR is a line end in it: the rows after it keep their line numbers', async () => {
    const dir = tempDir();
    const names = ['case_id', ...NUMBERS, 'team'];
    const row = (id: string, severity = '0.5') => [`"${id}"`, severity, '1', '0.5', '0.5', '0.5', '3', '4', '"T1"'].join(',');
    // Past the first 256 KiB (the sample), where the compiled reader reads.
    const lines = [names.map((n) => `"${n}"`).join(','), ...Array.from({ length: 9000 }, (_, i) => row(`F${i}`)), row('a\rb'), row('Z1', 'bad')];
    writeFileSync(`${dir}/cr.csv`, lines.join('\n') + '\n');
    const { rejections } = await readAll([`${dir}/cr.csv`]);
    // The header is line 1, F0–F8999 lines 2–9001, a⏎b lines 9002–9003.
    expect(rejections.map((r) => [r.line, r.code])).toEqual([[9004, 'unknown_word']]);
  });
});
