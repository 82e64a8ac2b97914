/**
 * `srp meta --format html`: one self-contained file with the forest plot drawn as inline SVG (no
 * script, no request), the APA line, the reading and the tables. Study names are data: they reach
 * the page through htmlText (safe.ts).
 */
import type { MetaDoc } from '../../commands/meta.js';
import { forestScale, metaSections, studyInterval } from '../outline/meta.js';
import { htmlText, visible } from '../safe.js';
import { fixed } from '../format.js';
import { escape, htmlDocument } from './document.js';

const ROW = 22;
const LEFT = 220;
const PLOT = 420;
const RIGHT = 170;

export function metaHtml(d: MetaDoc): string {
  const cis = d.studies.map((s) => studyInterval(s.yi, s.vi, d.conf_level));
  const [lo, hi] = forestScale(d, cis);
  const x = (v: number) => LEFT + ((v - lo) / (hi - lo || 1)) * PLOT;
  const height = (d.studies.length + 3) * ROW + 30;
  const maxWeight = Math.max(...d.studies.map((s) => s.weight));
  const label = (y: number, text: string, anchor = 'start', at = 8) => `<text x="${at}" y="${y + 5}" text-anchor="${anchor}">${htmlText(text)}</text>`;
  const rows = d.studies.map((s, i) => {
    const y = (i + 1) * ROW;
    const size = 4 + 6 * Math.sqrt(s.weight / maxWeight);
    return `${label(y, s.study)}<line x1="${x(cis[i][0])}" x2="${x(cis[i][1])}" y1="${y}" y2="${y}" stroke="#333"/><rect x="${x(s.yi) - size / 2}" y="${y - size / 2}" width="${size}" height="${size}" fill="#1f5fa8"/>${label(y, `${fixed(s.yi, 2)} [${fixed(cis[i][0], 2)}, ${fixed(cis[i][1], 2)}]  ${s.weight.toFixed(1)}%`, 'start', LEFT + PLOT + 10)}`;
  });
  const py = (d.studies.length + 1.6) * ROW;
  const diamond = `<polygon points="${x(d.ci[0])},${py} ${x(d.estimate)},${py - 7} ${x(d.ci[1])},${py} ${x(d.estimate)},${py + 7}" fill="#b03a2e"/>`;
  const pi = `<line x1="${x(d.prediction_interval[0])}" x2="${x(d.prediction_interval[1])}" y1="${py + 12}" y2="${py + 12}" stroke="#b03a2e" stroke-dasharray="4 3"/>`;
  const zero = `<line x1="${x(0)}" x2="${x(0)}" y1="${ROW / 2}" y2="${py + 16}" stroke="#999"/>`;
  const axisY = height - 12;
  const svg = `<svg role="img" aria-label="Forest plot" xmlns="http://www.w3.org/2000/svg" width="${LEFT + PLOT + RIGHT}" height="${height}" font-family="sans-serif" font-size="12">
${zero}${rows.join('\n')}
${label(py, `Pooled (random effects, ${d.method})`)}${diamond}${pi}${label(py, `${fixed(d.estimate, 2)} [${fixed(d.ci[0], 2)}, ${fixed(d.ci[1], 2)}]`, 'start', LEFT + PLOT + 10)}
${label(py + 12, 'prediction interval', 'start', LEFT + PLOT + 10)}
<text x="${x(lo)}" y="${axisY}" text-anchor="start">${fixed(lo, 2)}</text><text x="${x(0)}" y="${axisY}" text-anchor="middle">0</text><text x="${x(hi)}" y="${axisY}" text-anchor="end">${fixed(hi, 2)}</text>
</svg>`;
  const sections = metaSections(d, visible).filter((s) => !s.preformatted);
  const [head, plain, ...rest] = sections;
  const table = (header: string[], rows: string[][]) =>
    `<table><thead><tr>${header.map((h) => `<th>${escape(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${escape(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
  return htmlDocument(
    'Meta-analysis of the service recovery paradox',
    CSS,
    `<h1>${escape(head.title)}</h1>
<p class="apa">${escape(head.lines![0])}</p>
<p class="reading">${escape(plain.lines![0])}</p>
<figure>${svg}</figure>
${rest.map((s) => `<section><h2>${escape(s.title)}</h2>${s.header ? table(s.header, s.rows!) : ''}${(s.lines ?? []).map((l) => `<p>${escape(l)}</p>`).join('')}</section>`).join('\n')}
<footer>srp · schema srp.meta/1</footer>`,
  );
}

const CSS =
  'body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#222}table{border-collapse:collapse;margin:1rem 0}th,td{padding:.2rem .6rem;border-bottom:1px solid #ddd;text-align:right}th:first-child,td:first-child{text-align:left}figure{margin:1rem 0;overflow-x:auto}';
