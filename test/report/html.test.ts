import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fixture, root, srp, tempDir } from '../helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const artifacts = `${root}test/artifacts`;

/** Opens a file in headless Chromium: what rendered, what the console said, what was requested. */
async function open(path: string, screenshot: string) {
  const { chromium } = await import('playwright-core');
  // playwright-core gives each launch a new empty profile; the flags keep Chromium off the (closed) network.
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 900, height: 1200 } });
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => r.url() !== `file://${path}` && requests.push(r.url()));
    await page.goto(`file://${path}`);
    const charts = await page.$$eval('section[id] figure svg', (svgs) =>
      svgs.map((svg) => ({ id: svg.closest('section')!.id, width: svg.getBoundingClientRect().width, marks: svg.querySelectorAll('path, line, rect, circle').length })),
    );
    const tables = await page.$$eval('section[id] table', (ts) => ts.length);
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: `${artifacts}/${screenshot}`, fullPage: true });
    return { charts, tables, errors, requests };
  } finally {
    await browser.close();
  }
}

describe.runIf(existsSync(CHROMIUM))('srp report --format html, opened in headless Chromium', () => {
  it('renders every chart of the bundled sample, with tables, no console errors and no network requests', async () => {
    const dir = tempDir();
    const r = srp(['report', '--format', 'html', '-o', `${dir}/r.html`, '--by', 'channel', '--period', 'week', 'data/sample-incidents.csv']);
    expect(r.code).toBe(0);
    const html = readFileSync(`${dir}/r.html`, 'utf8');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    const seen = await open(`${dir}/r.html`, 'report-sample.png');
    expect(seen.charts.map((c) => c.id)).toEqual(['trajectory', 'distribution', 'conditions', 'calibration', 'trend', 'segments', 'segment-trajectories']);
    for (const c of seen.charts) {
      expect(c.width, c.id).toBeGreaterThan(200);
      expect(c.marks, c.id).toBeGreaterThan(5);
    }
    expect(seen.tables).toBe(7);
    expect(seen.errors).toEqual([]);
    expect(seen.requests).toEqual([]);
  });

  it('shows a between design: failure cases against the control group, by condition and segment', async () => {
    const dir = tempDir();
    expect(srp(['report', '--format', 'html', '-o', `${dir}/b.html`, '--by', 'team', '--period', 'month', fixture('r/between-segments.csv')]).code).toBe(0);
    const seen = await open(`${dir}/b.html`, 'report-between.png');
    expect(seen.charts.map((c) => c.id)).toEqual(['trajectory', 'comparison', 'distribution', 'conditions', 'calibration', 'trend', 'segments', 'segment-trajectories']);
    const html = readFileSync(`${dir}/b.html`, 'utf8');
    expect(html).toMatch(/240 failure cases averaged 3\.38 against 3\.96 for the control \(no failure\)/);
    expect(seen.errors).toEqual([]);
  });

  it('never rests a reading on a period or segment with too few cases', async () => {
    const dir = tempDir();
    const rows = ['case_id,team,created,severity,pre_satisfaction,post_satisfaction', ...Array.from({ length: 40 }, (_, i) => `S${i},${i < 35 ? 'A' : 'B'},2026-0${i < 20 ? 1 : 2}-0${1 + (i % 9)},0.${i % 9},${3 + (i % 3)},${2 + (i % 5)}`)];
    writeFileSync(`${dir}/small.csv`, rows.join('\n') + '\n');
    expect(srp(['report', '--format', 'html', '-o', `${dir}/s.html`, '--by', 'team', '--period', 'month', `${dir}/small.csv`]).code).toBe(0);
    const html = readFileSync(`${dir}/s.html`, 'utf8');
    expect(html).toMatch(/Too few cases for a trend sentence: 2026-01 has 20 and 2026-02 20 \(30 needed in each\)/);
    expect(html).toMatch(/Too few cases with an observed outcome per team \(30 needed\)/);
  });

  it('adds the odds-ratio chart when the report uses a fitted model', async () => {
    const dir = tempDir();
    const within = fixture('r/within-500.csv');
    expect(srp(['fit', '-o', `${dir}/model.json`, within]).code).toBe(0);
    expect(srp(['report', '--format', 'html', '-o', `${dir}/r.html`, '--model', `${dir}/model.json`, within]).code).toBe(0);
    const seen = await open(`${dir}/r.html`, 'report-fitted.png');
    expect(seen.charts.map((c) => c.id)).toContain('odds');
    expect(seen.errors).toEqual([]);
    expect(seen.requests).toEqual([]);
  });
});
