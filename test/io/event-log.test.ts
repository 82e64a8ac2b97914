/**
 * Event logs (SPEC §3.6): one row per state change of a case. --collapse keeps one row per case id
 * (the last or first by the order column, else by input order), the accounting reads rows read =
 * cases + other events + rejected in every output, and prior failures count a customer's distinct
 * earlier cases, never a case's own events, collapsed or not.
 */
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkMapping } from '../../src/io/mapping.js';
import { readAll, srp, tempDir } from '../helpers.js';

/** A ServiceNow-like log: day-first dates, `?` for missing, INC1's reopening written after its closing but dated before it. */
const LOG = [
  'number,incident_state,caller_id,opened_at,sys_updated_at,priority,csat',
  'INC1,New,Caller 1,1/2/2024 09:00,1/2/2024 09:00,3 - Moderate,?',
  'INC1,Active,Caller 1,1/2/2024 09:00,1/2/2024 10:00,2 - High,?',
  'INC1,Closed,Caller 1,1/2/2024 09:00,2/2/2024 08:00,2 - High,4',
  'INC2,New,Caller 2,3/2/2024 09:00,3/2/2024 09:00,4 - Low,?',
  'INC3,New,Caller 1,5/2/2024 09:00,5/2/2024 09:00,1 - Critical,?',
  'INC3,Closed,Caller 1,5/2/2024 09:00,6/2/2024 12:00,1 - Critical,2',
  'INC2,Closed,Caller 2,3/2/2024 09:00,4/2/2024 09:00,4 - Low,5',
  'INC4,New,?,7/2/2024 09:00,7/2/2024 09:00,3 - Moderate,?',
  'INC5,New,Caller 3,8/2/2024 09:00,8/2/2024 09:00,bogus,?',
  'INC1,Reopened,Caller 1,1/2/2024 09:00,1/2/2024 11:00,2 - High,?',
].join('\n');
const MAP = { columns: { case_id: 'number', severity: 'priority', customer_id: 'caller_id', date: 'opened_at', post_satisfaction: { column: 'csat', scale: [1, 5] } } };

function files() {
  const dir = tempDir();
  writeFileSync(`${dir}/log.csv`, LOG + '\n');
  writeFileSync(`${dir}/m.json`, JSON.stringify(MAP));
  return { dir, log: `${dir}/log.csv`, map: `${dir}/m.json` };
}

describe('collapsing an event log', () => {
  it('keeps each incident as its last update by the order column: 10 rows = 4 cases + 5 earlier events + 1 rejected', async () => {
    const { log } = files();
    const { cases, rejections, summary } = await readAll([log], { mapping: checkMapping(MAP), collapse: { keep: 'last', order: 'sys_updated_at' } });
    expect(cases.map((c) => [c.id, c.line, c.severity, c.post, c.prior])).toEqual([
      ['INC1', 4, 0.8, 4, 0], // closed 2/2 08:00, not the reopening written last but dated 1/2 11:00
      ['INC2', 8, 0.2, 5, 0],
      ['INC3', 7, 1, 2, 1], // Caller 1's second incident
      ['INC4', 9, 0.5, null, null], // caller '?' is missing, not a customer
    ]);
    expect(rejections.map((r) => [r.line, r.code])).toEqual([[10, 'unknown_word']]);
    expect(summary).toMatchObject({ rows: 10, accepted: 9, rejected: 1, collapsed: 5 });
    expect(summary.warnings.join('\n')).not.toMatch(/repeated case_id/);
  });

  it('first keeps the earliest update; without an order column, input order decides', async () => {
    const { log } = files();
    const mapping = checkMapping(MAP);
    const first = await readAll([log], { mapping, collapse: { keep: 'first', order: 'sys_updated_at' } });
    expect(first.cases.map((c) => [c.id, c.line])).toEqual([['INC1', 2], ['INC2', 5], ['INC3', 6], ['INC4', 9]]);
    const inputOrder = await readAll([log], { mapping, collapse: { keep: 'last' } });
    expect(inputOrder.cases.map((c) => [c.id, c.line])).toEqual([['INC1', 11], ['INC2', 8], ['INC3', 7], ['INC4', 9]]);
  });

  it('without --collapse, every event is scored, a warning names --collapse, and prior failures still count cases, not events', async () => {
    const { log } = files();
    const { cases, summary } = await readAll([log], { mapping: checkMapping(MAP) });
    expect(cases).toHaveLength(9);
    expect(cases.map((c) => c.prior)).toEqual([0, 0, 0, 0, 1, 1, 0, null, 0]);
    expect(summary.warnings).toContainEqual(expect.stringMatching(/5 of 9 rows repeat a case id, as an event log does: each row is scored as a case; --collapse last keeps one row per case/));
  });

  it('says so in every output: JSON input.cases and input.collapsed, and the sentence in text and Markdown', () => {
    const { log, map } = files();
    const args = ['--map', map, '--collapse', 'last', '--collapse-order', 'sys_updated_at', log];
    const input = { rows: 10, accepted: 9, rejected: 1, cases: 4, collapsed: 5, collapse: 'last' };
    for (const command of ['report', 'score', 'validate']) expect(JSON.parse(srp([command, '--format', 'json', ...args]).stdout).input).toEqual(input);
    const sentence = '10 rows read = 4 cases + 5 earlier events of the same cases + 1 rejected';
    expect(srp(['report', '--format', 'markdown', ...args]).stdout).toContain(sentence);
    expect(srp(['score', ...args]).stdout).toContain(sentence);
    expect(srp(['validate', ...args]).stdout).toContain('10 read = 4 cases + 5 earlier events of the same cases + 1 rejected');
    const ndjson = srp(['score', '--format', 'ndjson', ...args]).stdout.trim().split('\n');
    expect(ndjson).toHaveLength(4);
  });

  it('takes the collapse from the mapping, and the command line wins', () => {
    const { dir, log } = files();
    writeFileSync(`${dir}/c.json`, JSON.stringify({ ...MAP, collapse: { keep: 'last', order: 'sys_updated_at' } }));
    const byMapping = JSON.parse(srp(['score', '--format', 'json', '--map', `${dir}/c.json`, log]).stdout);
    expect(byMapping.cases.map((c: { line: number }) => c.line)).toEqual([4, 8, 7, 9]);
    const byFlag = JSON.parse(srp(['score', '--format', 'json', '--map', `${dir}/c.json`, '--collapse', 'first', log]).stdout);
    expect(byFlag.cases.map((c: { line: number }) => c.line)).toEqual([2, 5, 6, 9]);
  });

  it('refuses what it cannot do: no case id column, an order column not in the header, --collapse-order alone, an unreadable order value', () => {
    const { dir, log, map } = files();
    writeFileSync(`${dir}/noid.csv`, 'severity,post\n0.2,3\n');
    expect(srp(['report', '--collapse', 'last', `${dir}/noid.csv`])).toMatchObject({ code: 3, stderr: expect.stringMatching(/--collapse keeps one row per case_id, and no column holds it/) });
    expect(srp(['report', '--map', map, '--collapse', 'last', '--collapse-order', 'nope', log])).toMatchObject({ code: 3, stderr: expect.stringMatching(/the collapse order column 'nope' is not in the header/) });
    expect(srp(['report', '--collapse-order', 'x', log])).toMatchObject({ code: 2, stderr: 'srp: --collapse-order: goes with --collapse first or --collapse last\n' });
    writeFileSync(`${dir}/bad.csv`, 'id,severity,at\nA,0.2,2024-01-01\nA,0.3,soon\n');
    const r = JSON.parse(srp(['validate', '--format', 'json', '--collapse', 'last', '--collapse-order', 'at', `${dir}/bad.csv`]).stdout);
    expect(r.problems).toMatchObject([{ line: 3, column: 'at', value: 'soon', code: 'bad_date' }]);
  });
});

describe('collapse and history against a plain count (property)', () => {
  it('each case is its last event by time, and its prior failures are the distinct earlier cases of its customer', async () => {
    const event = fc.record({ case: fc.integer({ min: 1, max: 12 }), minute: fc.integer({ min: 0, max: 500 }), sev: fc.constantFrom('0.1', '0.5', '0.9') });
    await fc.assert(
      fc.asyncProperty(fc.array(event, { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 4 }), async (events, customers) => {
        // Each case belongs to one customer and opens on its own day; its events come at random minutes, in random order.
        const customerOf = (k: number) => `C${k % customers}`;
        const opened = (k: number) => `2024-01-${String(k + 10).padStart(2, '0')}`;
        const at = (m: number) => `2024-03-01 ${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
        const rows = events.map((e) => `K${e.case},${customerOf(e.case)},${opened(e.case)},${at(e.minute)},${e.sev}`);
        const dir = tempDir();
        writeFileSync(`${dir}/log.csv`, 'id,customer,opened,updated,severity\n' + rows.join('\n') + '\n');
        const { cases, summary } = await readAll([`${dir}/log.csv`], { collapse: { keep: 'last', order: 'updated' } });
        // The plain count: the last event of each case by minute (ties: the later row), and earlier cases per customer by opening day.
        const last = new Map<number, { minute: number; row: number }>();
        events.forEach((e, row) => {
          const kept = last.get(e.case);
          if (!kept || e.minute >= kept.minute) last.set(e.case, { minute: e.minute, row });
        });
        const ids = [...new Set(events.map((e) => e.case))];
        expect(cases.map((c) => c.id)).toEqual(ids.map((k) => `K${k}`));
        expect(cases.map((c) => c.line)).toEqual(ids.map((k) => last.get(k)!.row + 2));
        expect(cases.map((c) => c.prior)).toEqual(ids.map((k) => ids.filter((j) => j < k && customerOf(j) === customerOf(k)).length));
        expect(summary.rows).toBe(events.length);
        expect(summary.collapsed).toBe(events.length - ids.length);
      }),
      { numRuns: 60 },
    );
  });
});
