import { describe, expect, it } from 'vitest';
import { SeenIds } from '../../src/io/seen-ids.js';

const feed = (ids: SeenIds, list: string[], file = 'f.csv', firstLine = 2) => list.forEach((id, i) => ids.see(id, file, firstLine + i));

describe('SeenIds: repeated case ids', () => {
  it('finds no repeat in numbered ids, however many', () => {
    const ids = new SeenIds();
    feed(ids, Array.from({ length: 5000 }, (_, i) => `INC-${1000 + i}`));
    expect(ids.warning()).toBeNull();
  });

  it('finds a repeat after a numbered run, with where the id was first seen', () => {
    const ids = new SeenIds();
    feed(ids, ['C1', 'C2', 'C3', 'C2', 'x', 'x']);
    expect(ids.repeated).toBe(2);
    expect(ids.warning()).toBe('2 repeated case_id values (kept; event logs repeat them), the first at f.csv:5 (seen before at f.csv:3)');
  });

  it('keeps ids with leading zeros apart from the same number without them', () => {
    const ids = new SeenIds();
    feed(ids, ['C0001', 'C1', 'C01', 'C0001']);
    expect(ids.repeated).toBe(1);
    expect(ids.warning()).toMatch(/the first at f.csv:5 \(seen before at f.csv:2\)/);
  });

  it('joins the runs of two parts of a file, and finds repeats across parts', () => {
    const first = new SeenIds();
    const second = new SeenIds();
    feed(first, ['1', '2', '3'], 'big.csv', 2);
    feed(second, ['4', '5'], 'big.csv', 5);
    first.absorb(second.export());
    expect(first.warning()).toBeNull();
    const third = new SeenIds();
    feed(third, ['6', '2'], 'big.csv', 7);
    first.absorb(third.export());
    expect(first.repeated).toBe(1);
    expect(first.warning()).toMatch(/the first at big.csv:8 \(seen before at big.csv:3\)/);
    const fourth = new SeenIds();
    feed(fourth, ['a', 'b', '5'], 'big.csv', 9);
    first.absorb(fourth.export());
    expect(first.repeated).toBe(2);
  });
});

describe('SeenIds against a plain Map (fast-check)', () => {
  it('counts the same repeats and names the same first one, read whole or in two parts', async () => {
    const fc = (await import('fast-check')).default;
    const id = fc.oneof(
      fc.integer({ min: 0, max: 40 }).map((n) => `C${n}`),
      fc.integer({ min: 0, max: 40 }).map((n) => `P-${n}`),
      fc.integer({ min: 0, max: 40 }).map((n) => `D${n}`),
      fc.integer({ min: 0, max: 9 }).map((n) => `C0${n}`),
      fc.constantFrom('x', 'y', '7', '07', 'C1234567890123456', 'C234567890123456', 'P-0'),
    );
    // Increasing numbers, mostly one apart (a run of consecutive ids, as exports number them).
    const numbered = fc
      .array(fc.oneof({ weight: 4, arbitrary: fc.constant(1) }, fc.integer({ min: 2, max: 30 })), { maxLength: 60 })
      .map((steps) => steps.map((_, i) => `C${steps.slice(0, i + 1).reduce((a, b) => a + b, 0)}`));
    const ids = fc.array(fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 0, max: 400 }).map((n) => `C${n}`) }, id), { maxLength: 80 });
    fc.assert(
      fc.property(numbered, ids, fc.nat(), (sorted, extra, at) => {
        const list = [...sorted, ...extra];
        let line = 1;
        const lines = list.map((_, i) => (line += 1 + (i % 3 === 0 ? 2 : 0))); // some gaps between lines
        const seen = new Map<string, number>();
        let repeated = 0;
        let first: string | null = null;
        list.forEach((x, i) => {
          if (seen.has(x)) {
            repeated++;
            first ??= `the first at f.csv:${lines[i]} (seen before at f.csv:${seen.get(x)})`;
          } else seen.set(x, lines[i]);
        });
        const whole = new SeenIds();
        list.forEach((x, i) => whole.see(x, 'f.csv', lines[i]));
        expect(whole.repeated).toBe(repeated);
        if (first) expect(whole.warning()).toContain(first);
        const cut = list.length ? at % (list.length + 1) : 0;
        const a = new SeenIds();
        const b = new SeenIds();
        list.forEach((x, i) => (i < cut ? a : b).see(x, 'f.csv', lines[i]));
        a.absorb(b.export());
        expect(a.repeated).toBe(repeated);
        if (first) expect(a.warning()).toContain(first);
      }),
      { numRuns: 2000 },
    );
  });

  it('seeAll (a batch read into columns) finds what see finds id by id: repeats, the first of them, the run', async () => {
    const fc = (await import('fast-check')).default;
    const id = fc.oneof(
      { weight: 6, arbitrary: fc.constant('next') },
      fc.integer({ min: 0, max: 60 }).map((n) => `C${n}`),
      fc.constantFrom('C', 'C01', 'D5', 'x', 'C1234567890123456', 'C999999999999999', 'C1000000000000000', '12', 'A1B2', 'ZC3'),
    );
    fc.assert(
      fc.property(fc.constantFrom('C', 'INC-', '', 'A1'), fc.array(id, { maxLength: 120 }), fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1 }), fc.boolean(), (prefix, picks, sizes, gaps) => {
        // Mostly the next number of a numbered export, on the next line (or with gaps between lines).
        let n = 0;
        const list = picks.map((p) => (p === 'next' ? `${prefix}${n++}` : p));
        const lines = list.map((_, i) => 2 + i + (gaps && i > 40 ? i : 0));
        const one = new SeenIds();
        list.forEach((x, i) => one.see(x, 'f.csv', lines[i]));
        const batched = new SeenIds();
        for (let at = 0, k = 0; at < list.length; at += sizes[k++ % sizes.length]) {
          const end = Math.min(list.length, at + sizes[k % sizes.length]);
          batched.seeAll(list.slice(at, end), 'f.csv', Int32Array.from(lines.slice(at, end)), end - at);
        }
        expect(batched.repeated).toBe(one.repeated);
        expect(batched.warning()).toBe(one.warning());
        const [a, b] = [batched.export().run, one.export().run];
        expect([a.prefix, a.length]).toEqual([b.prefix, b.length]);
        for (const k of ['first', 'line', 'count', 'file'] as const) expect(Array.from(a[k].subarray(0, a.length))).toEqual(Array.from(b[k].subarray(0, b.length)));
      }),
      { numRuns: 2000 },
    );
  });
});
