/**
 * srp meta against metafor (test/fixtures/r/meta.R): rma with REML and DL, intercept-only and with
 * one moderator, on effect sizes drawn in R; and end to end on the study files of make-meta.mjs,
 * whose effects srp test computes (d_z, Hedges' g) and metafor pools. Study files, a long file with
 * a study column and srp.test/1 documents give the same pooled result. To 1e-6.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { predictionInterval, rma, type MetaMethod } from '../../src/stats/meta.js';
import { fixture, readJson, srp, tempDir } from '../helpers.js';

interface RFit {
  tau2: number;
  estimate: number | number[];
  se: number | number[];
  z: number | number[];
  p: number | number[];
  ci_lb: number | number[];
  ci_ub: number | number[];
  q: number;
  q_df: number;
  q_p: number;
  i2: number;
  h2: number;
  weights: number[];
  pi?: [number, number];
  qm?: number;
  qm_p?: number;
  r2?: number;
}
const R = readJson(fixture('r/meta.r.json'));
const close = (a: number, b: number, what = '') => expect(Math.abs(a - b), what).toBeLessThan(1e-6 * Math.max(1, Math.abs(b)));
const arr = (x: number | number[]) => ([] as number[]).concat(x);
const dir = fixture('r/meta');
const studyFiles = readdirSync(dir)
  .filter((f) => /^study-\d+\.csv$/.test(f))
  .sort()
  .map((f) => `${dir}/${f}`);

function same(fit: ReturnType<typeof rma>, r: RFit) {
  close(fit.tau2, r.tau2, 'tau2');
  fit.terms.forEach((t, j) => {
    close(t.estimate, arr(r.estimate)[j], 'estimate');
    close(t.se, arr(r.se)[j], 'se');
    close(t.z, arr(r.z)[j], 'z');
    close(t.p, arr(r.p)[j], 'p');
    close(t.ci[0], arr(r.ci_lb)[j], 'ci');
    close(t.ci[1], arr(r.ci_ub)[j], 'ci');
  });
  close(fit.q.statistic, r.q, 'Q');
  expect(fit.q.df).toBe(r.q_df);
  close(fit.q.p, r.q_p, 'Q p');
  close(fit.i2, r.i2, 'I2');
  close(fit.h2, r.h2, 'H2');
  fit.weights.forEach((w, i) => close(w, r.weights[i], 'weight'));
  if (r.pi) {
    const pi = predictionInterval(fit);
    close(pi[0], r.pi[0], 'PI');
    close(pi[1], r.pi[1], 'PI');
  }
  if (r.qm !== undefined) {
    close(fit.qm!.statistic, r.qm, 'QM');
    close(fit.qm!.p, r.qm_p!, 'QM p');
  }
}

describe('rma as metafor computes it', () => {
  const sets: { k: number; yi: number[]; vi: number[]; x: number[]; g: string[] } & Record<string, RFit>[] = R.sets;
  it.each(sets.map((s, i) => [i, s.k, s] as const))('set %i (k = %i): REML and DL, intercept-only and with a numeric or a categorical moderator', (_, __, s) => {
    const one = s.yi.map(() => [1]);
    const numeric = s.yi.map((_, i) => [1, s.x[i]]);
    const category = s.yi.map((_, i) => [1, s.g[i] === 'within' ? 1 : 0]);
    const cases: [string, number[][], MetaMethod][] = [
      ['reml', one, 'REML'],
      ['dl', one, 'DL'],
      ['reml_x', numeric, 'REML'],
      ['dl_x', numeric, 'DL'],
      ['reml_g', category, 'REML'],
    ];
    for (const [name, X, method] of cases) same(rma(s.yi, s.vi, X, X[0].map((_, j) => `b${j}`), method), s[name]);
  });
  it('τ² is 0 where the studies agree more than chance allows (I² 0, H² 1)', () => {
    const s = R.sets[3];
    expect(s.reml.tau2).toBe(0);
    const fit = rma(s.yi, s.vi, s.yi.map(() => [1]), ['intercept']);
    expect(fit.tau2).toBe(0);
    expect(fit.i2).toBe(0);
    expect(fit.h2).toBe(1);
  });
});

describe('srp meta end to end', () => {
  const json = (args: string[]) => {
    const r = srp(['meta', '--format', 'json', ...args]);
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(r.stdout);
  };
  const pooled = (doc: any, r: RFit) => {
    close(doc.tau2, r.tau2);
    close(doc.estimate, arr(r.estimate)[0]);
    close(doc.se, arr(r.se)[0]);
    close(doc.p, arr(r.p)[0]);
    close(doc.ci[0], arr(r.ci_lb)[0]);
    close(doc.ci[1], arr(r.ci_ub)[0]);
    close(doc.i2, r.i2);
    close(doc.h2, r.h2);
    close(doc.q.statistic, r.q);
    close(doc.q.p, r.q_p);
    close(doc.prediction_interval[0], r.pi![0]);
    close(doc.prediction_interval[1], r.pi![1]);
    doc.studies.forEach((s: { weight: number }, i: number) => close(s.weight, r.weights[i]));
  };

  it('one study per file: the effects srp test reports, pooled by REML and DL as metafor', () => {
    const doc = json(studyFiles);
    expect(doc.studies.map((s: any) => [s.study, s.design, s.n])).toEqual(R.files.studies.map((s: any) => [s.study, s.design, s.n]));
    doc.studies.forEach((s: any, i: number) => {
      close(s.yi, R.files.studies[i].yi);
      close(s.vi, R.files.studies[i].vi);
    });
    pooled(doc, R.files.reml);
    pooled(json(['--method', 'dl', ...studyFiles]), R.files.dl);
    expect(doc.apa).toMatch(/^Random-effects meta-analysis \(REML\), k = 8 studies, N = 492: pooled standardised mean difference = 0.09, 95% CI \[−0.06, 0.24\], z = 1.20, p = .231; τ² = 0.016, I² = 38.5%, H² = 1.63; Q\(7\) = 10.73, p = .151; 95% prediction interval \[−0.20, 0.38\]\.$/);
  });

  it("a stated baseline beside groups: each study's effect is the one srp test reports (failure cases only)", () => {
    const dir = tempDir();
    const groups = ['failure', 'failure', 'control', '', '?'];
    const files = [1, 2].map((k) => {
      const rows = Array.from({ length: 60 }, (_, i) => `s${k}-${i},${groups[i % 5]},${1 + ((i * (k + 2)) % 5)}`);
      writeFileSync(`${dir}/study${k}.csv`, ['case_id,group,post_satisfaction', ...rows].join('\n') + '\n');
      return `${dir}/study${k}.csv`;
    });
    const doc = json(['--baseline', '3', ...files]);
    files.forEach((f, i) => {
      const t = JSON.parse(srp(['test', '--format', 'json', '--baseline', '3', f]).stdout);
      expect(doc.studies[i].n).toBe(t.n);
      close(doc.studies[i].yi, t.effect_size.value);
    });
    expect(doc.studies[0].n).toBe(24);
  });

  it('a meta-regression on a column of a studies table, or on the design', () => {
    const byYear = json(['--by', 'year', '--studies', `${dir}/studies.csv`, ...studyFiles]).moderator;
    const r = R.files.by_year;
    byYear.terms.forEach((t: any, j: number) => {
      close(t.estimate, r.estimate[j]);
      close(t.se, r.se[j]);
      close(t.p, r.p[j]);
    });
    close(byYear.qm.statistic, r.qm);
    close(byYear.qm.p, r.qm_p);
    close(byYear.tau2, r.tau2);
    close(byYear.r2, r.r2);
    const byDesign = json(['--by', 'design', ...studyFiles]).moderator;
    close(byDesign.qm.statistic, R.files.by_design.qm);
    expect(byDesign.terms[1].term).toBe('design: within (vs between)');
    close(byDesign.terms[1].estimate, R.files.by_design.estimate[1]);
  });

  it('srp.test/1 documents of earlier runs pool to the same result', () => {
    const tmp = tempDir();
    const docs = studyFiles.map((f, i) => {
      const out = `${tmp}/study-${i + 1}.json`;
      expect(srp(['test', '--format', 'json', '-o', out, f]).code).toBe(0);
      return out;
    });
    pooled(json(docs), R.files.reml);
  });

  it('a long file with a study column gives each study its effect', () => {
    const tmp = tempDir();
    const within = studyFiles.slice(0, 5);
    const rows = within.flatMap((f) =>
      readFileSync(f, 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => `${f.split('/').pop()},${l}`),
    );
    writeFileSync(`${tmp}/long.csv`, `study,case_id,severity,pre_satisfaction,post_satisfaction\n${rows.join('\n')}\n`);
    const doc = json([`${tmp}/long.csv`]);
    expect(doc.studies.map((s: any) => s.study)).toEqual(within.map((f) => f.split('/').pop()));
    doc.studies.forEach((s: any, i: number) => close(s.yi, R.files.studies[i].yi));
    writeFileSync(`${tmp}/site.csv`, `site,case_id,severity,pre_satisfaction,post_satisfaction\n${rows.join('\n')}\n`);
    expect(json(['--study', 'site', `${tmp}/site.csv`]).k).toBe(5);
  });

  it('text has the forest plot and the APA line, Markdown keeps the plot in a code block, HTML draws it as SVG without script', () => {
    const text = srp(['meta', ...studyFiles]).stdout;
    expect(text).toMatch(/Forest plot/);
    expect(text).toMatch(/pooled \(RE\) +.*<.*#.*>/);
    const md = srp(['meta', '--format', 'markdown', ...studyFiles]).stdout;
    expect(md).toMatch(/```\nstudy-1\.csv/);
    const html = srp(['meta', '--format', 'html', ...studyFiles]).stdout;
    expect(html).toMatch(/<svg role="img" aria-label="Forest plot"/);
    expect(html).not.toMatch(/<script/i);
  });

  it("HTML keeps srp's own sentences whole: the APA line and the reading as JSON gives them", () => {
    const doc = JSON.parse(srp(['meta', '--format', 'json', ...studyFiles]).stdout);
    const html = srp(['meta', '--format', 'html', ...studyFiles]).stdout;
    expect(doc.apa.length).toBeGreaterThan(200);
    expect(html).toContain(`<p class="apa">${doc.apa}</p>`);
    expect(html).not.toMatch(/more characters\)/);
  });

  it('refuses what cannot be pooled: one study, binary studies left out with a warning, a moderator without its table', () => {
    expect(srp(['meta', studyFiles[0]])).toMatchObject({ code: 3, stderr: expect.stringMatching(/1 study has an effect size; at least 2 are needed to pool/) });
    const binary = srp(['meta', '--format', 'json', ...studyFiles.slice(0, 2), fixture('r/within-binary.csv')]);
    expect(binary.code).toBe(0);
    expect(JSON.parse(binary.stdout).k).toBe(2);
    expect(binary.stderr).toMatch(/within-binary.csv: satisfaction is binary, which has no standardised mean difference; left out/);
    expect(srp(['meta', '--by', 'year', ...studyFiles])).toMatchObject({ code: 3, stderr: expect.stringMatching(/give the studies table with --studies FILE/) });
    // The same study twice would narrow the pooled interval for nothing; a missing study column is named by its option.
    expect(srp(['meta', studyFiles[0], studyFiles[1], `${studyFiles[0].replace(/\/([^/]+)$/, '/./$1')}`])).toMatchObject({ code: 2, stderr: expect.stringMatching(/is named twice; each study counts once/) });
    expect(srp(['meta', '--study', 'nosuch', studyFiles[0]])).toMatchObject({ code: 3, stderr: expect.stringMatching(/--study column 'nosuch' is not in the header/) });
  });
});
