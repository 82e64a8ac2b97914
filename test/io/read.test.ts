import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { fixture, readAll } from '../helpers.js';

describe('reading exports as teams produce them', () => {
  it('accounts for every row of a file with one of each kind of broken row, to the line', async () => {
    const { cases, rejections, summary } = await readAll([fixture('broken-rows.csv')], { satisfactionScale: [0, 10] });
    expect(summary.rows).toBe(11);
    expect(summary.accepted).toBe(4);
    expect(summary.rejected).toBe(7);
    expect(cases.map((c) => [c.id, c.line])).toEqual([['A1', 2], ['A8', 9], ['A9\nmulti', 10], ['A11', 14]]);
    expect(rejections.map((r) => [r.line, r.column, r.value])).toEqual([
      [3, 'severity', '1.7'],
      [4, 'prior_failures', '-1'],
      [5, 'post_satisfaction', 'eleven'],
      [6, '', ''],
      [7, '', ''],
      [8, '', ''],
      [13, 'post_satisfaction', '11'],
    ]);
    expect(rejections[3].reason).toBe('5 fields, expected 6 as in the header');
    expect(rejections[5].reason).toMatch(/quote/);
    expect(summary.warnings).toContain(`${fixture('broken-rows.csv')}: 1 blank line skipped (not counted as rows)`);
  });

  it('reports an unclosed quote at the end of the file at its start line', async () => {
    const { cases, rejections } = await readAll([fixture('unclosed-at-end.csv')]);
    expect(cases.map((c) => c.id)).toEqual(['B1', 'B2', 'B4']);
    expect(rejections.map((r) => [r.line, r.reason])).toEqual([[4, 'unclosed quote: the quoted field never ends']]);
  });

  it('reads a Dutch Excel export: semicolons, decimal commas, CRLF, Dutch headers and words', async () => {
    const { cases, summary } = await readAll([fixture('dutch-excel.csv')]);
    expect(summary.files[0]).toMatchObject({ delimiter: ';', decimal: ',', encoding: 'utf-8', rows: 4 });
    expect(cases[0]).toMatchObject({ id: 'Z-001', severity: 0.8, prior: 0, controllability: 0, recovery: 0.9, pre: 7.5, post: 8.5, top: 10 });
    expect(cases[1]).toMatchObject({ severity: 0.2, controllability: 1, recovery: 0.4, pre: 6, post: 5.5 });
    expect(cases[2].severity).toBe(1);
    expect(cases[3].severity).toBe(0.5);
  });

  it('reads a Windows-1252 file with Swedish names and words', async () => {
    const { cases, summary } = await readAll([fixture('swedish-latin1.csv')]);
    expect(summary.files[0].encoding).toBe('windows-1252');
    expect(cases.map((c) => c.customer)).toEqual(['Åsa Öberg', 'Björn Ångström', 'Märta Ödmann']);
    expect(cases.map((c) => [c.severity, c.controllability, c.stability])).toEqual([[0.8, 0, 0], [0.2, 1, 1], [0.5, 0, 0]]);
    expect(cases.map((c) => c.top)).toEqual([5, 5, 5]);
  });

  it.each([['utf8-bom.csv', 'utf-8'], ['utf16le-bom.csv', 'utf-16le']])('reads %s', async (name, encoding) => {
    const { cases, summary } = await readAll([fixture(name)]);
    expect(summary.files[0].encoding).toBe(encoding);
    expect(summary.columns.case_id).toBe("'case_id'");
    expect(cases.map((c) => [c.id, c.severity, c.recovery, c.pre, c.post])).toEqual([['U1', 0.1, 0.9, 3, 4], ['U2', 0.9, 0.2, 4, 2]]);
  });

  it('reads priorities as ticket tools write them: ServiceNow, Jira, Sev N, P-levels', async () => {
    const priorities = ['1 - Critical', '2 - High', '3 - Moderate', '4 - Low', '5 - Planning', 'Highest', 'Lowest', 'Sev 2', 'P3 - Moderate', 'Hoog', 'élevé', 'Kritisk'];
    const text = `severity,post_satisfaction\n${priorities.map((p) => `${p},3`).join('\n')}\n`;
    const { cases, rejections } = await readAll([{ name: 'p.csv', stream: Readable.from([Buffer.from(text)]) }]);
    expect(rejections).toEqual([]);
    expect(cases.map((c) => c.severity)).toEqual([1, 0.8, 0.5, 0.2, 0, 1, 0, 0.8, 0.5, 0.8, 0.8, 1]);
  });

  it('sniffs tab delimiters and reads severity words', async () => {
    const { cases, summary } = await readAll([fixture('tab-pipe.tsv')]);
    expect(summary.files[0].delimiter).toBe('tab');
    expect(cases.map((c) => c.severity)).toEqual([0.5, 0.8]);
  });

  it('reads several files and standard input as one data set, each keeping its name', async () => {
    const stdin = Readable.from([Buffer.from('case_id,severity,post_satisfaction\nS1,0.3,4\n')]);
    const { cases, summary } = await readAll([fixture('tab-pipe.tsv'), { name: '<stdin>', stream: stdin }]);
    expect(summary.rows).toBe(3);
    expect(cases.map((c) => `${c.file.replace(/.*\//, '')}:${c.line}`)).toEqual(['tab-pipe.tsv:2', 'tab-pipe.tsv:3', '<stdin>:2']);
  });

  it.each([
    ['empty.csv', /empty file/],
    ['header-only.csv', /no data rows/],
    ['binary.csv', /not a text file/],
    ['no-needed-columns.csv', /none of the columns srp needs/],
    ['does-not-exist.csv', /cannot open \(no such file\)/],
  ])('refuses %s with an input error', async (name, message) => {
    await expect(readAll([fixture(name)])).rejects.toMatchObject({ kind: 'input', message });
  });

  it('with --strict, stops at the first rejection', async () => {
    await expect(readAll([fixture('broken-rows.csv')], { strict: true })).rejects.toMatchObject({ kind: 'input', message: /--strict: .*broken-rows.csv:3: column 'severity' value '1.7'/ });
  });

  it('infers the satisfaction scale from all values, leaving out only a stray one that would widen it tenfold', async () => {
    const rows = (extra: string) => Readable.from([Buffer.from(`pre_satisfaction,post_satisfaction\n${Array.from({ length: 300 }, (_, i) => `${1 + (i % 7)},${1 + ((i * 3) % 7)}`).join('\n')}\n${extra}`)]);
    const genuine = await readAll([{ name: 'a', stream: rows('9,10\n') }]);
    expect(genuine.summary.columns.post_satisfaction).toBe("'post_satisfaction' (scale 0–10, inferred)");
    expect(genuine.rejections).toEqual([]);
    const stray = await readAll([{ name: 'b', stream: rows('7,70\n') }]);
    expect(stray.summary.columns.post_satisfaction).toBe("'post_satisfaction' (scale 1–7, inferred)");
    expect(stray.rejections.map((r) => [r.line, r.value])).toEqual([[302, '70']]);
  });

  it("reads Excel's sep= line, names a repeated header line, and keeps a stray byte to its own row", async () => {
    const text = 'sep=;\r\ncase_id;severity;pre_satisfaction;post_satisfaction;note\r\nA1;élevé;7;8;café\r\nA2;0,2;6;11;na\xefve\r\ncase_id;severity;pre_satisfaction;post_satisfaction;note\r\nA3;0,3;5;4;crème\r\n';
    const bytes = Buffer.from(text.replace('\xef', '\u0000'), 'utf8');
    bytes[bytes.indexOf(0)] = 0xef; // one byte that is not UTF-8, in an otherwise UTF-8 file
    const { cases, rejections, summary } = await readAll([{ name: 'x.csv', stream: Readable.from([bytes]) }]);
    expect(summary.files[0]).toMatchObject({ delimiter: ';', encoding: 'utf-8', rows: 4 });
    expect(cases.map((c) => [c.id, c.line, c.severity])).toEqual([['A1', 3, 0.8], ['A3', 6, 0.3]]);
    expect(rejections.map((r) => [r.line, r.reason])).toEqual([
      [4, 'post_satisfaction: 11 is outside the satisfaction scale 0–10 (inferred from every value; declare it with --scale or a mapping "scale")'],
      [5, 'the header line again (files joined together?)'],
    ]);
    expect(summary.warnings).toContain('x.csv: 1 byte not valid utf-8 replaced by U+FFFD (�); declare --encoding if the file is in another encoding');
  });

  it('warns about repeated case ids instead of rejecting them', async () => {
    const stream = Readable.from([Buffer.from('case_id,severity\nX,0.1\nX,0.2\nY,0.3\nZ,0.3\nV,0.3\nW,0.3\n')]);
    const { summary } = await readAll([{ name: 'log', stream }]);
    expect(summary.accepted).toBe(6);
    expect(summary.warnings[0]).toBe('1 repeated case_id value (kept; event logs repeat them), the first at log:3 (seen before at log:2)');
  });

  it('finds repeated ids in line order where some lines are read the fast way and some the general way', async () => {
    // Line 3 is quoted and line 4 has an empty cell (the general reading); the others are plain.
    const text = 'case_id,severity,post_satisfaction\nC1,0.1,5\n"C2",0.2,5\nC3,,5\nC2,0.3,5\nC4,0.1,5\nC3,0.2,5\nC5,0.2,5\n';
    const { cases, summary } = await readAll([{ name: 'log', stream: Readable.from([Buffer.from(text)]) }]);
    expect(summary.warnings[0]).toMatch(/^2 repeated case_id values \(kept; event logs repeat them\), the first at log:5 \(seen before at log:3\);/);
    expect(cases.map((c) => c.id)).toEqual(['C1', 'C2', 'C3', 'C2', 'C4', 'C3', 'C5']);
  });

  it('names --collapse where case ids repeat in more than a fifth of the rows (an event log)', async () => {
    const stream = Readable.from([Buffer.from('case_id,severity\nX,0.1\nX,0.2\nY,0.3\nY,0.3\nZ,0.3\n')]);
    const { summary } = await readAll([{ name: 'log', stream }]);
    expect(summary.warnings[0]).toMatch(/^2 repeated case_id values .*; 2 of 5 rows repeat a case id, as an event log does: each row is scored as a case; --collapse last keeps one row per case$/);
    const collapsed = await readAll([{ name: 'log', stream: Readable.from([Buffer.from('case_id,severity\nX,0.1\nX,0.2\nY,0.3\n')]) }], { collapse: { keep: 'last' } });
    expect(collapsed.summary.warnings).toEqual([]);
  });
});
