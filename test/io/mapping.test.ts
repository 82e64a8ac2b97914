import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { checkMapping } from '../../src/io/mapping.js';
import { readAll } from '../helpers.js';

const input = (text: string, name = 'export.csv') => ({ name, stream: Readable.from([Buffer.from(text)]) });

describe('mapping files (SPEC §3.3)', () => {
  it('maps columns, values tables with "*", scales, clip, defaults and constants', async () => {
    const mapping = checkMapping({
      columns: {
        case_id: 'Ticket',
        severity: { column: 'Delay', scale: [0, 180], clip: true },
        group: { column: 'Delay', values: { '0': 'control', '*': 'failure' } },
        controllability: { value: 0.3 },
        stability: { column: 'Cause', values: { Weather: 0, Crew: 1 }, default: 0.5 },
        post_satisfaction: { column: 'Verdict', values: { Satisfied: 'satisfied', 'Neutral or Dissatisfied': 'dissatisfied' } },
      },
    });
    const { cases, rejections } = await readAll([input('Ticket,Delay,Cause,Verdict\nT1,0,Weather,Satisfied\nT2,90,,Neutral or Dissatisfied\nT3,400,Crew,Satisfied\nT4,,Crew,Satisfied\n')], { mapping });
    expect(rejections).toEqual([]);
    expect(cases.map((c) => [c.id, c.severity, c.group, c.controllability, c.stability, c.post, c.top])).toEqual([
      ['T1', 0, 'control', 0.3, 0, 1, 1],
      ['T2', 0.5, 'failure', 0.3, 0.5, 0, 1],
      ['T3', 1, 'failure', 0.3, 1, 1, 1],
      ['T4', null, null, 0.3, 1, 1, 1],
    ]);
  });

  it('rejects a value outside a declared scale unless clip is set', async () => {
    const mapping = checkMapping({ columns: { severity: { column: 'Minutes', scale: [0, 60] } } });
    const { rejections } = await readAll([input('Minutes\n30\n75\n')], { mapping });
    expect(rejections.map((r) => [r.line, r.column, r.value, r.reason])).toEqual([[3, 'Minutes', '75', 'severity: 75 is outside [0, 60]']]);
  });

  it('derives prior failures from earlier cases of the same customer, by date', async () => {
    const mapping = checkMapping({ columns: { severity: 'sev', prior_failures: { derive: 'previous_cases', customer: 'Email', date: 'Opened' } } });
    const text = 'sev,Email,Opened\n0.1,a@x,03/02/2026\n0.2,b@x,01/02/2026\n0.3,A@x,01/02/2026\n0.4,a@x,15/02/2026\n';
    const { cases } = await readAll([input(text)], { mapping });
    expect(cases.map((c) => [c.line, c.prior])).toEqual([[2, 1], [3, 0], [4, 0], [5, 2]]);
  });

  it.each([
    [{}, /top level: "columns" is required/],
    [{ columns: { sevrity: 'x' } }, /columns: unknown key 'sevrity' \(known: case_id, severity/],
    [{ columns: { severity: { column: 'x', scale: [1] } } }, /columns.severity.scale: must NOT have fewer than 2 items/],
    [{ columns: { severity: { colum: 'x' } } }, /columns.severity: unknown key 'colum' \(known: column, optional, value, expr/],
    [{ columns: { severity: { value: 0.5, optional: true } } }, /columns.severity.optional: goes with "column"/],
    [{ columns: { severity: { expr: 'days(a' } } }, /columns.severity.expr: at character 7: expected ',' or '\)'/],
    [{ columns: {}, collapse: { keep: 'latest' } }, /collapse.keep: expected one of "first", "last"/],
    [{ columns: {}, missing: '?' }, /missing: must be array/],
    [{ delimiter: ';', decimal: ';', columns: {} }, /decimal: expected one of ".", ","/],
    [{ columns: { severity: { column: 'x', value: 1 } } }, /give exactly one of "column", "value", "expr" or "derive"/],
    [{ columns: { severity: { column: 'x', scale: [5, 1] } } }, /scale: expected \[min, max\]/],
    [{ columns: { severity: { derive: 'previous_cases' } } }, /prior_failures can be derived as "previous_cases", pre_satisfaction as "previous_value"/],
  ])('explains a mistake in the mapping file: %j', (json, message) => {
    expect(() => checkMapping(json)).toThrow(message);
  });

  it('names a mapped column the file does not have', async () => {
    const mapping = checkMapping({ columns: { severity: 'Priority' } });
    await expect(readAll([input('Prio\nLow\n')], { mapping })).rejects.toMatchObject({ kind: 'input', message: /names column 'Priority', which is not in the header \(Prio\)/ });
  });
});

describe('dates', () => {
  const dated = (text: string) => readAll([input(`severity,date\n${text}`)]);
  it('reads ISO, and infers day-first or month-first from the data', async () => {
    expect((await dated('0.1,2026-03-04 10:30\n')).cases[0].date).toBe(Date.UTC(2026, 2, 4, 10, 30));
    expect((await dated('0.1,04/03/2026\n0.1,25/03/2026\n')).cases[0].date).toBe(Date.UTC(2026, 2, 4));
    expect((await dated('0.1,03/04/2026\n0.1,03/25/2026\n')).cases[0].date).toBe(Date.UTC(2026, 2, 4));
  });
  it('says when it had to assume day-first, and honours --date-format', async () => {
    const { cases, summary } = await dated('0.1,03/04/2026\n');
    expect(cases[0].date).toBe(Date.UTC(2026, 3, 3));
    expect(summary.warnings[0]).toMatch(/ambiguous .* day-first/);
    const mdy = await readAll([input('severity,date\n0.1,03/04/2026\n')], { dateOrder: 'mdy' });
    expect(mdy.cases[0].date).toBe(Date.UTC(2026, 2, 4));
  });
  it('takes a date that does not read as missing, with a warning, since the date is optional (SPEC §3.1)', async () => {
    const { cases, rejections, summary } = await dated('0.1,2026-02-30\n0.2,2026-02-28\n0.3,31/02/2026\n');
    expect(rejections).toEqual([]);
    expect(cases.map((c) => c.date)).toEqual([null, Date.UTC(2026, 1, 28), null]);
    expect(summary.warnings).toContainEqual(expect.stringMatching(/2 date values in 'date' did not read and were taken as missing, the first at line 2: '2026-02-30' is not a date/));
  });
  it('rejects a date that does not read where the command needs it (report --period)', async () => {
    const { rejections } = await readAll([input('severity,date\n0.1,2026-02-30\n0.2,2026-02-28\n')], { needsDate: true });
    expect(rejections).toMatchObject([{ line: 2, column: 'date', value: '2026-02-30', code: 'bad_date' }]);
  });
});
