/**
 * A released batch of columns (src/io/case-columns.ts) filled again holds only its new cases: no
 * value, id or segment of the cases it held before shows through, whatever the two batches' sizes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CaseColumns, COLUMNS, emptyCase } from '../../src/io/case-columns.js';

/** A case as the fast path writes it: some columns set, the rest left as they are (missing). */
const row = fc.record({
  id: fc.string({ minLength: 1, maxLength: 4 }),
  segment: fc.constantFrom('T1', 'T2', null),
  values: fc.array(fc.option(fc.double({ min: 0, max: 10, noNaN: true }), { nil: null }), { minLength: COLUMNS.length, maxLength: COLUMNS.length }),
});
type Row = { id: string; segment: string | null; values: (number | null)[] };

function fill(columns: CaseColumns, rows: Row[]) {
  rows.forEach((r, k) => {
    const i = columns.add(k + 2, r.id, r.segment);
    r.values.forEach((v, j) => {
      if (v !== null) columns.values[j][i] = v;
    });
  });
}

describe('CaseColumns.release', () => {
  it('a batch filled again after release reads as a new one', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 2500 }), fc.array(row, { maxLength: 2500 }), (first, second) => {
        const pool: CaseColumns[] = [];
        const used = new CaseColumns('f.csv', true, true, 10, pool, 4);
        fill(used, first);
        used.release();
        expect(pool).toEqual([used]);
        const again = pool.pop()!;
        fill(again, second);
        const fresh = new CaseColumns('f.csv', true, true, 10, null, 4);
        fill(fresh, second);
        expect(again.length).toBe(second.length);
        for (let i = 0; i < second.length; i++) expect(again.at(i, emptyCase())).toEqual(fresh.at(i, emptyCase()));
      }),
      { numRuns: 40 },
    );
  });

  it('a batch without a pool is not reused', () => {
    const columns = new CaseColumns('f.csv', false, false, 10);
    fill(columns, [{ id: 'C1', segment: null, values: [0.5, 1, 0.2, 0.3, 0.9, 4, 6] }]);
    columns.release();
    expect(columns.at(0, emptyCase()).post).toBe(6);
  });
});
