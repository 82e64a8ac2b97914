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
