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

describe('SeenIds: zero-padded ids (INC0010001)', () => {
  it('keeps a numbered export written zero-padded as a run, in bounded memory, with no repeat', () => {
    const ids = new SeenIds();
    feed(ids, Array.from({ length: 5000 }, (_, i) => `INC${String(10001 + i).padStart(7, '0')}`));
    expect(ids.warning()).toBeNull();
    expect(ids.export().run).toMatchObject({ prefix: 'INC', width: 7, length: 1 });
  });

  it('finds a repeat across parts whose runs are written differently: INC-100 of one part is INC-100 of the other', () => {
    const first = new SeenIds();
    const second = new SeenIds();
    feed(first, ['C001', 'C002', 'C100'], 'f.csv', 2);
    feed(second, ['C100', 'C101'], 'f.csv', 5);
    first.absorb(second.export());
    expect(first.repeated).toBe(1);
    expect(first.warning()).toMatch(/the first at f.csv:5 \(seen before at f.csv:4\)/);
  });

  it('takes on the run of a part that numbered its ids, where this part had none', () => {
    const first = new SeenIds();
    const second = new SeenIds();
    feed(first, ['x'], 'f.csv', 2);
    feed(second, ['C001', 'C002', 'C003'], 'f.csv', 3);
    first.absorb(second.export());
    expect(first.export().run).toMatchObject({ prefix: 'C', width: 3, length: 1 });
    feed(first, ['C004', 'C002'], 'f.csv', 6);
    expect(first.repeated).toBe(1);
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
      // Zero-padded, as ServiceNow writes them (INC0010001), and the same numbers unpadded.
      fc.integer({ min: 0, max: 120 }).map((n) => `C${String(n).padStart(3, '0')}`),
      fc.integer({ min: 0, max: 120 }).map((n) => `P-${String(n).padStart(3, '0')}`),
      fc.constantFrom('x', 'y', '7', '07', 'C1234567890123456', 'C234567890123456', 'P-0', 'C000', 'C0000', '000', '001'),
    );
    // Increasing numbers, mostly one apart (a run of consecutive ids, as exports number them).
    const numbered = fc
      .tuple(fc.array(fc.oneof({ weight: 4, arbitrary: fc.constant(1) }, fc.integer({ min: 2, max: 30 })), { maxLength: 60 }), fc.constantFrom(0, 3, 4))
      .map(([steps, width]) => steps.map((_, i) => `C${String(steps.slice(0, i + 1).reduce((a, b) => a + b, 0)).padStart(width, '0')}`));
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
      fc.constantFrom('C', 'C01', 'C007', 'INC-0000003', 'D5', 'x', 'C1234567890123456', 'C999999999999999', 'C1000000000000000', '12', '05', 'A1B2', 'ZC3'),
    );
    fc.assert(
      fc.property(fc.constantFrom('C', 'INC-', '', 'A1'), fc.constantFrom(0, 2, 7), fc.array(id, { maxLength: 120 }), fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1 }), fc.boolean(), (prefix, width, picks, sizes, gaps) => {
        // Mostly the next number of a numbered export (zero-padded or not), on the next line (or with gaps between lines).
        let n = 0;
        const list = picks.map((p) => (p === 'next' ? `${prefix}${String(n++).padStart(width, '0')}` : p));
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
