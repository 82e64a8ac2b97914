/**
 * The outline of srp.meta/1 for a person: the APA line, the plain-language reading, the studies
 * with their weights, the forest plot in plain characters (HTML draws it as SVG), and the
 * meta-regression.
 */
import type { MetaDoc } from '../../commands/meta.js';
import { waldCritical } from '../../stats/wald.js';
import { formatP } from '../../wording.js';
import { interval, num } from '../format.js';
import { visible } from '../safe.js';
import type { Section } from '../sections.js';

const f2 = (x: number) => num(x, 2);

/** Each study's interval: yi ± z·√vi (as metafor's forest plot). */
export function studyInterval(yi: number, vi: number, conf: number): [number, number] {
  const half = waldCritical(conf) * Math.sqrt(vi);
  return [yi - half, yi + half];
}

/** Where the plot's scale runs: every interval and zero, with a little room. */
export function forestScale(d: MetaDoc, cis: [number, number][]): [number, number] {
  const all = [0, ...cis.flat(), ...d.ci, ...d.prediction_interval].filter(Number.isFinite);
  return [Math.min(...all), Math.max(...all)];
}

const PLOT_WIDTH = 41;

/**
 * The forest plot in plain characters: each study's interval as `---`, its estimate as `o`, the
 * pooled estimate as `<>` over its interval and `...` over the prediction interval, and `|` at zero.
 */
export function forestLines(d: MetaDoc, cis: [number, number][], name: (s: string) => string): string[] {
  const [lo, hi] = forestScale(d, cis);
  const at = (x: number) => Math.round(((x - lo) / (hi - lo || 1)) * (PLOT_WIDTH - 1));
  const zero = at(0);
  const line = (fill: (cells: string[]) => void) => {
    const cells = Array.from({ length: PLOT_WIDTH }, (_, i) => (i === zero ? '|' : ' '));
    fill(cells);
    return cells.join('');
  };
  const span = (cells: string[], a: number, b: number, ch: string) => {
    for (let i = at(a); i <= at(b); i++) if (cells[i] === ' ' || cells[i] === '|') cells[i] = ch;
  };
  const width = Math.max(...d.studies.map((s) => name(s.study).length), 'pooled (RE)'.length);
  const rows = d.studies.map((s, i) => `${name(s.study).padEnd(width)}  ${line((c) => (span(c, cis[i][0], cis[i][1], '-'), (c[at(s.yi)] = 'o')))}  ${f2(s.yi)} ${interval(cis[i], f2)}`);
  const pooled = line((c) => {
    span(c, d.prediction_interval[0], d.prediction_interval[1], '.');
    span(c, d.ci[0], d.ci[1], '=');
    c[at(d.ci[0])] = '<';
    c[at(d.ci[1])] = '>';
    c[at(d.estimate)] = '#';
  });
  const axis = `${' '.repeat(width)}  ${f2(lo).padEnd(PLOT_WIDTH - f2(hi).length)}${f2(hi)}`;
  return [...rows, `${'pooled (RE)'.padEnd(width)}  ${pooled}  ${f2(d.estimate)} ${interval(d.ci, f2)}`, axis];
}

export function metaSections(d: MetaDoc, name: (s: string) => string, warnings = true): Section[] {
  const conf = `${Math.round(d.conf_level * 100)}%`;
  const cis = d.studies.map((s) => studyInterval(s.yi, s.vi, d.conf_level));
  const sections: Section[] = [
    { title: `Meta-analysis of the service recovery paradox: ${d.k} studies, random effects (${d.method})`, lines: [d.apa] },
    { title: 'In plain words', lines: [d.summary] },
    {
      title: `Forest plot (o: a study's estimate, ---: its ${conf} CI; <#>: the pooled estimate and CI, ...: the prediction interval; |: zero)`,
      lines: forestLines(d, cis, visible),
      preformatted: true,
    },
    {
      title: 'Studies',
      header: ['study', 'design', 'effect', 'n', 'estimate', `${conf} CI`, 'variance', 'weight'],
      rows: d.studies.map((s, i) => [name(s.study), s.design, s.effect === 'hedges_g' ? 'g' : 'd_z', String(s.n), f2(s.yi), interval(cis[i], f2), num(s.vi, 4), `${s.weight.toFixed(1)}%`]),
    },
  ];
  if (d.moderator) {
    const m = d.moderator;
    sections.push({
      title: `Meta-regression on ${name(m.name)}: QM(${m.qm.df}) = ${f2(m.qm.statistic)}, p ${formatP(m.qm.p)}; residual τ² = ${num(m.tau2, 3)}, I² = ${m.i2.toFixed(1)}%, R² = ${m.r2.toFixed(1)}%`,
      header: ['term', 'estimate', 'SE', 'z', 'p', `${conf} CI`],
      rows: m.terms.map((t) => [name(t.term), num(t.estimate, 3), num(t.se, 3), f2(t.z), formatP(t.p), interval(t.ci, (x) => num(x, 3))]),
      lines: [`residual heterogeneity Q(${m.q.df}) = ${f2(m.q.statistic)}, p ${formatP(m.q.p)}`],
    });
  }
  if (warnings && d.warnings.length) sections.push({ title: 'Warnings', lines: d.warnings });
  return sections;
}
