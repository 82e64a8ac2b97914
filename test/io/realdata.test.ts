import { describe, expect, it } from 'vitest';
import { loadMapping } from '../../src/io/mapping.js';
import { hasRealdata, readAll, root, shared } from '../helpers.js';

const tickets = shared('realdata/customer_support_tickets.csv');
const airline = shared('realdata/airline_passenger_satisfaction.csv');

if (!hasRealdata()) console.warn('test/io/realdata: skipped, ../shared/realdata is not beside this clone (CI has it)');
describe.runIf(hasRealdata())('the real public exports in shared/realdata, through data/mappings', () => {
  it('reads all 8,469 support tickets, multi-line descriptions included', async () => {
    const { cases, summary } = await readAll([tickets], { mapping: loadMapping(`${root}data/mappings/customer-support-tickets.json`) });
    expect(summary).toMatchObject({ rows: 8469, accepted: 8469, rejected: 0 });
    expect(cases.filter((c) => c.post !== null).length).toBe(2769);
    expect(cases.filter((c) => (c.prior ?? 0) > 0).length).toBeGreaterThan(0);
    expect(new Set(cases.map((c) => c.severity))).toEqual(new Set([0.2, 0.5, 0.8, 1]));
  });

  it('reads all 129,880 airline passengers, with the delay as failure and severity', async () => {
    const { cases, summary } = await readAll([airline], { mapping: loadMapping(`${root}data/mappings/airline-passenger-satisfaction.json`) });
    expect(summary).toMatchObject({ rows: 129880, accepted: 129880, rejected: 0 });
    expect(cases.filter((c) => c.group === 'control').length).toBe(72753);
    expect(cases.filter((c) => c.group === 'failure').length).toBe(56734);
    expect(cases.filter((c) => c.group === null).length).toBe(393);
    const satisfied = cases.filter((c) => c.group === 'control' && c.post === 1).length / 72753;
    expect(satisfied).toBeCloseTo(0.474, 3);
  });
});
