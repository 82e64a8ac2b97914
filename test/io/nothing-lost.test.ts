/**
 * Every input row accounted for, exactly, on the shapes that lost or invented rows (issue 10):
 * line ends at chunk boundaries, lone CRs, mixed line ends, resynchronising after a bad record,
 * row-number ids, header quirks, a scale hidden at the end of a sorted file, inputs with nothing
 * accepted. Each runs the built binary as a user would.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { srp, tempDir } from '../helpers.js';

const json = (args: string[], input?: string) => {
  const r = srp([...args, '--format', 'json'], { input });
  if (r.code !== 0) throw new Error(`exit ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout);
};
const file = (name: string, text: string | Buffer) => {
  const path = `${tempDir()}/${name}`;
  writeFileSync(path, text);
  return path;
};

/** The byte offsets at which the reader's chunks end: the first 256 KiB, then every 32 KiB. */
const boundaries = (size: number) => {
  const out: number[] = [];
  for (let b = 256 * 1024; b < size; b += 32 * 1024) out.push(b);
  return out;
};

describe('every record counted once, where it starts', () => {
  it('a CRLF export whose quoted multi-line notes end with the CR of a chunk: 13,057 records, 13,057 rows', () => {
    // Each record: id, satisfaction pair, then a two-line note as the last field, closed by "\r\n.
    // Where a chunk boundary would fall inside a record, the note is padded so that the record's
    // closing CR is the chunk's last byte.
    let text = 'case_id,pre_satisfaction,post_satisfaction,note\r\n';
    const ends = boundaries(2_000_000);
    let next = 0;
    for (let i = 0; i < 13_057; i++) {
      let note = `call ${i}\r\nsolved`;
      let record = `C${i},${3 + (i % 3)},${2 + (i % 5)},"${note}"\r\n`;
      const b = ends[next];
      const start = Buffer.byteLength(text);
      if (b !== undefined && start + Buffer.byteLength(record) + 64 > b) {
        note += 'x'.repeat(b - start + 1 - Buffer.byteLength(record));
        record = `C${i},${3 + (i % 3)},${2 + (i % 5)},"${note}"\r\n`;
        next++;
      }
      text += record;
    }
    const path = file('crlf.csv', text);
    const cut = boundaries(Buffer.byteLength(text)).filter((b) => Buffer.from(text).subarray(b - 2, b + 1).toString() === '"\r\n');
    expect(cut.length).toBeGreaterThan(3);
    const doc = json(['validate', path]);
    expect(doc.input).toEqual({ rows: 13_057, accepted: 13_057, rejected: 0, cases: 13_057 });
  });

  it('lone CRs end lines anywhere: an old-Mac export with an LF inside one cell, and CR rows followed by CRLF rows', () => {
    const mac = file('mac.csv', 'case_id,note,post_satisfaction\r1,"two\nlines",4\r2,x,5\r3,y,3\r');
    const doc = json(['validate', mac]);
    expect(doc.input).toEqual({ rows: 3, accepted: 3, rejected: 0, cases: 3 });
    const rows = ['case_id,post_satisfaction', ...Array.from({ length: 9000 }, (_, i) => `R${i},${i % 5}`)].join('\r') + '\r' + Array.from({ length: 10 }, (_, i) => `S${i},3`).join('\r\n') + '\r\n';
    const scored = srp(['score', '--format', 'ndjson', file('mixed.csv', rows)]).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(scored).toHaveLength(9010);
    expect(scored[9009]).toMatchObject({ case_id: 'S9', line: 9011 });
  });

  it('a well-formed multi-line record of the wrong width is rejected as one record at its start line; no line of its note becomes a case', () => {
    const text = 'case_id,severity,post_satisfaction\nA1,0.2,4\nA2,0.3,"note\nA9,0.1,5\nmore",7,extra\nA3,0.4,3\n';
    const doc = json(['validate', file('wide.csv', text)]);
    expect(doc.input).toEqual({ rows: 3, accepted: 2, rejected: 1, cases: 2 });
    expect(doc.problems).toEqual([{ file: expect.stringMatching(/wide.csv$/), line: 3, column: '', value: '', code: 'field_count', reason: '5 fields, expected 3 as in the header' }]);
  });

  it('a quoted field longer than the 16 MiB record cap is one rejection, and the rows after it are read', () => {
    const note = 'word '.repeat(3_500_000); // 17.5 MB
    const text = `case_id,post_satisfaction,note\nA1,4,ok\nA2,5,"${note}\n${note}"\nA3,3,ok\n`;
    const doc = json(['validate', file('long.csv', text)]);
    expect(doc.input).toEqual({ rows: 3, accepted: 2, rejected: 1, cases: 2 });
    expect(doc.problems[0]).toMatchObject({ line: 3, code: 'record_too_long' });
  });

  it('without a case_id column the id is the line the record starts on, never repeated (70,000 rows, many chunks)', () => {
    const text = 'severity,post_satisfaction\n' + Array.from({ length: 70_000 }, (_, i) => `0.${i % 10},${i % 5}`).join('\n') + '\n';
    const lines = srp(['score', '--format', 'ndjson', file('noid.csv', text)]).stdout.trim().split('\n');
    const ids = lines.map((l) => JSON.parse(l)).map((c) => [c.case_id, c.line]);
    expect(ids).toHaveLength(70_000);
    expect(ids.every(([id, line]) => id === String(line))).toBe(true);
    expect(new Set(ids.map(([id]) => id)).size).toBe(70_000);
  });
});

describe('headers as exports write them', () => {
  it('a header-only file without a final newline exits 3, as with one', () => {
    for (const text of ['case_id,severity,post_satisfaction', 'case_id,severity,post_satisfaction\n']) {
      const r = srp(['report', file('h.csv', text)]);
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(/no data rows/);
    }
  });

  it('a header with a trailing delimiter reads every row, with or without the trailing delimiter (as pandas)', () => {
    const doc = json(['validate', file('t.csv', 'case_id,severity,post_satisfaction,\nA,0.2,4\nB,0.3,5,\n')]);
    expect(doc.input).toEqual({ rows: 2, accepted: 2, rejected: 0, cases: 2 });
  });

  it('names the column it uses where a header offers two for one name', () => {
    const r = srp(['validate', '--format', 'json', file('d.csv', 'case_id,severity,priority,severity,post_satisfaction\nA,0.2,High,0.9,4\nB,0.1,Low,0.8,5\n')]);
    const doc = JSON.parse(r.stdout);
    expect(doc.columns.severity).toBe("'severity'");
    expect(r.stderr).toMatch(/severity: the header has it 2 times; 'severity' \(column 2\) is used, 'severity' \(column 4\) left unused/);
    expect(r.stderr).toMatch(/severity: 'severity' \(column 2\) is used; 'priority' \(column 3\), also a name for it, left unused/);
  });
});

describe('the satisfaction scale from every value', () => {
  it('a 0–10 file of 60,000 rows sorted by score (the first 256 KiB only up to 7) is read on 0–10, every row accepted, and the t-test is the unsorted file’s', () => {
    const rows = Array.from({ length: 60_000 }, (_, i) => [(i * 7) % 11, (i * 3 + 1) % 11]);
    const csv = (rs: number[][]) => 'pre_satisfaction,post_satisfaction,note\n' + rs.map((r) => `${r.join(',')},a note of forty characters or so and more`).join('\n') + '\n';
    const byTop = (a: number[], b: number[]) => Math.max(...a) - Math.max(...b) || a[1] - b[1] || a[0] - b[0];
    const sorted = file('sorted.csv', csv([...rows].sort(byTop)));
    const shuffled = file('shuffled.csv', csv(rows));
    const a = json(['test', sorted]);
    const b = json(['test', shuffled]);
    expect(a.input).toEqual({ rows: 60_000, accepted: 60_000, rejected: 0, cases: 60_000 });
    expect(a.paired_t.p).toBeCloseTo(b.paired_t.p, 12);
    expect(json(['validate', sorted]).columns.post_satisfaction).toMatch(/scale 0–10, inferred/);
    const head = readFileSync(sorted).subarray(0, 256 * 1024).toString();
    expect(/(^|\n)(8|9|10),|,(8|9|10),a/.test(head)).toBe(false);
    // Streaming output settles the scale first: no case is written against a provisional one.
    const scored = srp(['score', '--format', 'ndjson', sorted]).stdout.trim().split('\n');
    expect(scored).toHaveLength(60_000);
    // Standard input is read twice the same way.
    const viaStdin = srp(['report', '--format', 'json', '-'], { input: csv([...rows].sort(byTop)) });
    expect(JSON.parse(viaStdin.stdout).input).toEqual({ rows: 60_000, accepted: 60_000, rejected: 0, cases: 60_000 });
  });
});

describe('an input with nothing accepted is an input error for every command', () => {
  const bad = () => file('bad.csv', 'case_id,severity,post_satisfaction\n' + Array.from({ length: 40 }, (_, i) => `B${i},high-ish,4`).join('\n') + '\n');
  it.each(['report', 'score', 'test', 'fit'])('%s exits 3 naming the most common reason', (command) => {
    const r = srp([command, bad()]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/no row accepted \(40 of 40 rejected; most common: unknown_word 40\)/);
  });
  it('validate lists every problem, then exits 3', () => {
    const r = srp(['validate', '--format', 'json', bad()]);
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout).problems).toHaveLength(40);
    expect(r.stderr).toMatch(/no row accepted/);
  });
});

describe('messages', () => {
  it('valid UTF-8 that holds U+FFFD as text gets no encoding warning', () => {
    const r = srp(['validate', file('fffd.csv', 'case_id,severity,post_satisfaction\nA\uFFFD1,0.2,4\nA2,0.3,5\n')]);
    expect(r.stderr).not.toMatch(/not valid utf-8/);
    const bad = srp(['validate', file('bad-byte.csv', Buffer.concat([Buffer.from('case_id,severity,post_satisfaction\nAé'), Buffer.from([0xff]), Buffer.from('1,0.2,4\nAé2,0.3,5\nAé3,0.3,5\n')]))]);
    expect(bad.stderr).toMatch(/1 byte not valid utf-8 replaced/);
  });

  it('warnings reach standard error in every format, the default text included', () => {
    const path = file('w.csv', 'case_id,severity,post_satisfaction\nA,0.2,4\nA,0.3,5\n');
    for (const format of ['text', 'json', 'csv', 'ndjson', 'markdown']) expect(srp(['score', '--format', format, path]).stderr).toMatch(/srp: warning: 1 repeated case_id/);
    expect(srp(['score', '--quiet', path]).stderr).toBe('');
  });
});
