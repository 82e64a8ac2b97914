import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fixture, srp, tempDir } from '../helpers.js';

describe('srp validate, as a user runs it', () => {
  it('lists every problem with file, line, column, value and reason, and exits 0', () => {
    const r = srp(['validate', '--scale', '0,10', fixture('broken-rows.csv')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('11 read = 4 accepted + 7 rejected');
    expect(r.stdout).toContain("broken-rows.csv:3: column 'severity' value '1.7': severity: 1.7 is outside [0, 1]");
  });

  it('writes srp.validate/1 JSON', () => {
    const r = srp(['validate', '--format', 'json', fixture('dutch-excel.csv')]);
    const doc = JSON.parse(r.stdout);
    expect(doc.schema).toBe('srp.validate/1');
    expect(doc.files[0]).toMatchObject({ delimiter: ';', encoding: 'utf-8', decimal: ',', rows: 4 });
    expect(doc.input).toEqual({ rows: 4, accepted: 4, rejected: 0, cases: 4 });
    expect(doc.columns.severity).toBe("'Prioriteit' (alias)");
    expect(doc.assumed.stability).toBe(1);
  });

  it('writes rejected rows with their reasons to --rejects', () => {
    const out = `${tempDir()}/rejects.csv`;
    expect(srp(['validate', '--rejects', out, fixture('unclosed-at-end.csv')]).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(`file,line,column,value,code,reason\n${fixture('unclosed-at-end.csv')},4,,,unclosed_quote,unclosed quote: the quoted field never ends\n`);
  });

  it('reads standard input', () => {
    const r = srp(['validate', '--format', 'json', '-'], { input: 'case_id;severity;post_satisfaction\nA;0,5;4\n' });
    expect(JSON.parse(r.stdout).input.accepted).toBe(1);
  });

  it.each([
    [['validate', 'test/fixtures/empty.csv'], 3, /^srp: .*empty.csv: empty file \(no header, no rows\)\n$/],
    [['validate', 'test/fixtures/binary.csv'], 3, /not a text file/],
    [['validate', 'test/fixtures/header-only.csv'], 3, /no data rows/],
    [['validate', 'nope.csv'], 3, /^srp: nope.csv: cannot open \(no such file\)\n$/],
    [['validate', 'test'], 3, /is a directory/],
    [['validate', '--strict', 'test/fixtures/broken-rows.csv'], 3, /--strict: .*:3: column 'severity'/],
    [['validate', '--bogus', 'x.csv'], 2, /unknown option '--bogus'/],
    [['validate', '--format', 'xml', 'x.csv'], 2, /invalid/],
    [['validate', '--encoding', 'ebcdic', 'x.csv'], 2, /--encoding: unknown encoding 'ebcdic'/],
    [['validate', '--map', 'test/fixtures/empty.csv', 'x.csv'], 2, /empty.csv: not valid JSON/],
    [['frobnicate'], 2, /unknown command/],
  ])('srp %j exits %i with one clear line and no stack trace', (args, code, message) => {
    const r = srp(args as string[]);
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('prints help with examples and exit codes, and the version', () => {
    const help = srp(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Exit codes: 0 ok, 1 a --fail-if condition held, 2 usage error, 3 input error, 4 model error/);
    expect(srp(['report', '--help']).stdout).toMatch(/Examples:\n {2}\$ srp report data\/sample-incidents.csv/);
    expect(srp(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
