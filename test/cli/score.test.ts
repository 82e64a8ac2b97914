import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fixture, root, srp, tempDir } from '../helpers.js';

const sample = 'data/sample-incidents.csv';

describe('srp score', () => {
  it('writes srp.score/1 JSON with every case and every rejection', () => {
    const doc = JSON.parse(srp(['score', '--format', 'json', sample]).stdout);
    expect(doc.schema).toBe('srp.score/1');
    expect(doc.cases).toHaveLength(1998);
    expect(doc.rejected.map((r: { line: number }) => r.line)).toEqual([419, 1204]);
    expect(doc.input).toEqual({ rows: 2000, accepted: 1998, rejected: 2, cases: 1998 });
    const c = doc.cases[0];
    expect(Object.keys(c).slice(0, 15)).toEqual(['case_id', 'file', 'line', 'factors', 'assumed', 'set', 'probability', 'range', 'potential', 'verdict', 'drivers', 'group', 'pre', 'post', 'observed']);
    expect(c).toMatchObject({ case_id: 'INC-240001', line: 2 });
    expect(c.potential).toBeGreaterThanOrEqual(c.probability);
  });

  it('writes one case per NDJSON line, the same cases as JSON', () => {
    const lines = srp(['score', '--format', 'ndjson', sample]).stdout.trim().split('\n').map((l) => JSON.parse(l));
    const json = JSON.parse(srp(['score', '--format', 'json', sample]).stdout).cases;
    expect(lines).toEqual(json);
  });

  it('writes CSV with one row per case, cells safe from formula injection', () => {
    const out = srp(['score', '--format', 'csv', fixture('escapes.csv')]).stdout.split('\n');
    expect(out[0]).toBe('case_id,file,line,severity,prior_failures,controllability,stability,recovery_quality,assumed,probability,potential,verdict,drivers,observed,range_low,range_high,group,pre,post');
    expect(out[1]).toMatch(/^"'=HYPERLINK\(""http:\/\/x""\)",/);
    expect(out[2]).toMatch(/^\\e\[31mred\\e\[0m,/); // the escape shown, not acted on
    expect(out[3]).toMatch(/^'@SUM\(A1\),/);
    expect(out).toHaveLength(5);
  });

  it('never passes terminal escapes hidden in data to a terminal', () => {
    for (const format of ['text', 'markdown', 'csv']) expect(srp(['score', '--format', format, fixture('escapes.csv')]).stdout).not.toMatch(/\u001b/);
    expect(srp(['report', '--by', 'case_id', fixture('escapes.csv')]).stdout).not.toMatch(/\u001b/);
  });

  it('renders a readable text table and a Markdown table, marking assumed factors', () => {
    const text = srp(['score', fixture('dutch-excel.csv')]).stdout;
    expect(text.split('\n')[0]).toMatch(/^design within: pre_satisfaction and post_satisfaction$/);
    expect(text.split('\n')[1]).toMatch(/^case +line +sever +prior +ctrl +stab +recov +prob +poten +verdict/);
    expect(text).toMatch(/Z-001 +2 +0\.80 +0\.00 +0\.00 +0\.50\* +0\.90/);
    expect(text).toContain('4 rows read = 4 scored + 0 rejected; 0 paradox likely, 0 undetermined; unknown (*, averaged over their distribution): stability 100.0%');
    const md = srp(['score', '--format', 'markdown', fixture('dutch-excel.csv')]).stdout;
    expect(md.split('\n')[2]).toMatch(/^\| Z-001 \| 2 \| 0\.80 \| 0\.00 \| 0\.00 \| 0\.50\* \| 0\.90 \|/);
  });

  it('where no row is accepted: exit 3 with the reasons, nothing on standard output in any format, the rejects file written', () => {
    const dir = tempDir();
    writeFileSync(`${dir}/none.csv`, 'case_id,pre_satisfaction,post_satisfaction\na,x,3\nb,y,4\n');
    for (const format of ['text', 'json', 'csv', 'markdown', 'ndjson']) {
      const res = srp(['score', '--format', format, '--rejects', `${dir}/r.csv`, `${dir}/none.csv`]);
      expect([res.code, res.stdout]).toEqual([3, '']);
      expect(res.stderr).toMatch(/no row accepted \(2 of 2 rejected/);
    }
    expect(readFileSync(`${dir}/r.csv`, 'utf8').split('\n').filter(Boolean)).toHaveLength(3);
    // With a stated baseline too: the error is that no row was accepted, not the design's complaint.
    expect(srp(['score', '--baseline', '3', `${dir}/none.csv`]).stderr).toMatch(/no row accepted \(2 of 2 rejected/);
  });

  it('says on standard error, in every format, how many rows were rejected and which factors were assumed (CSV and NDJSON carry neither)', () => {
    const dir = tempDir();
    writeFileSync(`${dir}/r.csv`, 'case_id,severity,post_satisfaction\na,0.2,3\nb,0.3,4\nc,80,4\n');
    for (const format of ['text', 'json', 'csv', 'ndjson', 'markdown']) {
      const res = srp(['score', '--format', format, `${dir}/r.csv`]);
      expect(res.code).toBe(0);
      expect(res.stderr).toContain('srp: warning: 1 of 3 rows rejected and not scored (most common: out_of_range 1)');
      expect(res.stderr).toMatch(/unknown factors, averaged over their distribution: prior_failures for 100\.0% of cases/);
    }
    expect(srp(['score', '--format', 'csv', '--quiet', `${dir}/r.csv`]).stderr).toBe('');
  });

  it('never prints -0.00: a factor or a contribution that rounds to zero has no sign, in every format', () => {
    const dir = tempDir();
    writeFileSync(`${dir}/z.csv`, 'case_id,severity,controllability,pre_satisfaction,post_satisfaction\na,0.001,0.0004,3,4\n');
    for (const format of ['text', 'csv', 'markdown']) {
      const out = srp(['score', '--format', format, `${dir}/z.csv`]).stdout;
      expect(out).toContain('severity +0.00');
      expect(out, format).not.toMatch(/-0\.00\b/);
    }
  });

  it('ends quietly with exit 0 when the reader closes the pipe', () => {
    const r = spawnSync('bash', ['-c', `node bin/srp.js score --format ndjson data/sample-incidents.csv data/sample-incidents.csv | head -1; echo "status \${PIPESTATUS[0]}"`], { cwd: root, encoding: 'utf8' });
    expect(r.stdout).toMatch(/status 0/);
    expect(r.stderr).toBe('');
  });

  it('keeps the text table aligned with long case ids (cut with an ellipsis; other formats carry them whole)', () => {
    const dir = tempDir();
    const ids = ['6513270e269e0d37f2a74de4bd6e7c2c', 'a1'];
    writeFileSync(`${dir}/long.csv`, `case_id,severity,post_satisfaction\n${ids[0]},0.2,4\n${ids[1]},0.8,2\n`);
    const lines = srp(['score', `${dir}/long.csv`]).stdout.split('\n').filter((l) => /^(6513|a1 )/.test(l));
    expect(lines[0].startsWith('6513270e269e0d3… ')).toBe(true);
    expect(lines[0].indexOf(' 2 ')).toBe(lines[1].indexOf(' 3 '));
    expect(JSON.parse(srp(['score', '--format', 'json', `${dir}/long.csv`]).stdout).cases[0].case_id).toBe(ids[0]);
  });
});
