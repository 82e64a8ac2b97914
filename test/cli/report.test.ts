import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fixture, readJson, srp, tempDir } from '../helpers.js';

const sample = 'data/sample-incidents.csv';
const within = fixture('r/within-500.csv');
const r = readJson(fixture('r/within-500.r.json'));

describe('srp report', () => {
  it('reports the observed paradox rate and its Wilson interval as R does (prop.test, correct = FALSE)', () => {
    const doc = JSON.parse(srp(['report', '--format', 'json', within]).stdout);
    expect(doc.schema).toBe('srp.report/1');
    expect(doc.input).toEqual({ rows: 500, accepted: 500, rejected: 0, cases: 500 });
    expect(doc.observed.n).toBe(r.paradox_rate.n);
    expect(doc.observed.paradox).toBe(r.paradox_rate.k);
    expect(doc.observed.rate).toBeCloseTo(r.paradox_rate.rate, 12);
    expect(doc.observed.wilson95[0]).toBeCloseTo(r.paradox_rate.wilson95[0], 9);
    expect(doc.observed.wilson95[1]).toBeCloseTo(r.paradox_rate.wilson95[1], 9);
    expect(doc.calibration.auc).toBeGreaterThan(0.5);
  });

  it('has every srp.report/1 field, segments by --by and periods by --period', () => {
    const doc = JSON.parse(srp(['report', '--format', 'json', '--by', 'team', '--period', 'month', sample]).stdout);
    for (const key of ['input', 'assumed', 'predicted', 'observed', 'calibration', 'segments', 'periods']) expect(doc).toHaveProperty(key);
    expect(doc.input).toEqual({ rows: 2000, accepted: 1998, rejected: 2, cases: 1998 });
    expect(doc.segments.map((s: { segment: string }) => s.segment)).toEqual(['Accounts', 'Billing', 'Devices', 'Network']);
    expect(doc.segments.reduce((n: number, s: { n: number }) => n + s.n, 0)).toBe(1998);
    expect(doc.periods.map((p: { period: string }) => p.period)).toEqual(['2026-06', '2026-07', '2026-08']);
    // Low, middle (exactly 0.5: Medium, 'shared') and high, where each occurs.
    expect(doc.conditions.map((c: { factor: string; level: string }) => `${c.factor} ${c.level}`)).toEqual([
      'severity low', 'severity middle', 'severity high', 'prior_failures low', 'prior_failures middle', 'prior_failures high',
      'controllability low', 'controllability high', 'stability low', 'stability high', 'recovery_quality low', 'recovery_quality high',
    ]);
    expect(doc.action.could_turn_likely).toBeGreaterThan(0);
    expect(doc.rejections.total).toBe(2);
  });

  it('renders text without colour when not on a terminal, and with it under FORCE_COLOR', () => {
    const plain = srp(['report', sample]);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/2000 rows read = 1998 accepted \+ 2 rejected/);
    expect(plain.stdout).not.toMatch(/\u001b\[/);
    expect(srp(['report', sample], { env: { FORCE_COLOR: '1' } }).stdout).toMatch(/\u001b\[1m/);
    expect(srp(['report', sample], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout).not.toMatch(/\u001b\[/);
    expect(srp(['report', '--no-color', sample], { env: { FORCE_COLOR: '1' } }).stdout).not.toMatch(/\u001b\[/);
  });

  it('renders GitHub Markdown for a job summary', () => {
    const md = srp(['report', '--format', 'markdown', '--by', 'channel', sample]).stdout;
    expect(md).toMatch(/^### Service recovery paradox\n/);
    expect(md).toMatch(/\| channel \| cases \| predicted \| likely \| undetermined \| observed \| paradox rate \| 95% CI \(Wilson\) \|\n\| --- \| ---: /);
    // Warnings in full, as standard error shows them.
    expect(md).toContain('### Warnings\n\n- satisfaction: 1 value above the inferred scale 0–10 is rejected');
    expect(md).toContain('- unknown factors, averaged over their distribution: controllability for 0.1% of cases');
  });

  it('writes -o atomically: a failed run leaves no file and no temporary file behind', () => {
    const dir = tempDir();
    expect(srp(['report', '-o', `${dir}/r.json`, '--format', 'json', sample]).code).toBe(0);
    expect(JSON.parse(readFileSync(`${dir}/r.json`, 'utf8')).input.rows).toBe(2000);
    expect(srp(['report', '-o', `${dir}/bad.json`, '--strict', sample]).code).toBe(3);
    expect(existsSync(`${dir}/bad.json`)).toBe(false);
    expect(readdirSync(dir)).toEqual(['r.json']);
  });

  it('writes the format -o names by its extension where --format is not given; --format wins', () => {
    const dir = tempDir();
    for (const [file, start] of [
      ['r.html', '<!doctype html>'],
      ['r.json', '{'],
      ['r.md', '### Service recovery paradox'],
      ['r.txt', 'Service recovery paradox'],
      ['r.out', 'Service recovery paradox'],
    ]) {
      expect(srp(['report', '-o', `${dir}/${file}`, sample]).code).toBe(0);
      expect(readFileSync(`${dir}/${file}`, 'utf8').startsWith(start), file).toBe(true);
    }
    expect(srp(['report', '-o', `${dir}/x.html`, '--format', 'json', sample]).code).toBe(0);
    expect(readFileSync(`${dir}/x.html`, 'utf8').startsWith('{')).toBe(true);
    // A name that promises a format the command does not write is refused, not filled with text (report has no CSV).
    const csv = srp(['report', '-o', `${dir}/x.csv`, sample]);
    expect(csv.code).toBe(2);
    expect(csv.stderr).toBe(`srp: -o: ${dir}/x.csv names csv output, which report does not write (text, json, markdown, html): give --format, or another name\n`);
    expect(existsSync(`${dir}/x.csv`)).toBe(false);
    expect(srp(['test', '-o', `${dir}/t.html`, sample]).code).toBe(2);
    expect(srp(['report', '-o', `${dir}/x.csv`, '--format', 'text', sample]).code).toBe(0);
    expect(srp(['score', '-o', `${dir}/s.csv`, sample]).code).toBe(0);
    expect(readFileSync(`${dir}/s.csv`, 'utf8').startsWith('case_id,file,line')).toBe(true);
  });

  it('reads a Dutch export through a mapping to the same numbers as its canonical twin', () => {
    const canonical = JSON.parse(srp(['report', '--format', 'json', fixture('canonical-twin.csv')]).stdout);
    const dutch = JSON.parse(srp(['report', '--format', 'json', '--map', fixture('dutch-twin.map.json'), fixture('dutch-twin.csv')]).stdout);
    for (const key of ['input', 'predicted', 'observed', 'calibration', 'conditions', 'assumed']) expect(dutch[key]).toEqual(canonical[key]);
  });
});
