/**
 * `srp report --format html`: one self-contained file, charts as inline SVG rendered here in Node
 * by Vega (Vega-Lite compiled to Vega), no script and no request when opened. Vega is loaded only
 * for this format.
 */
import type { ReportDoc } from '../../commands/report/index.js';
import type { Doc, Renderer } from '../renderer.js';
import { reportSections } from '../outline/report.js';
import { visible } from '../safe.js';
import { charts, type Chart } from './charts.js';
import { escape, htmlDocument } from './document.js';
import { metaHtml } from './forest.js';

export const html: Renderer = {
  render(doc: Doc) {
    if (doc.schema === 'srp.meta/1') return metaHtml(doc);
    if (doc.schema !== 'srp.report/1') throw new Error(`${doc.schema} has no HTML output`);
    return reportHtml(doc);
  },
};

/**
 * A chart's spec with every backslash shown as U+29F5 (⧵): Vega reads titles and labels as string
 * literals of its expressions, so the visible escape `\u0007` of a name from the data would become a
 * BEL again. srp's own specs hold no backslash.
 */
function withoutBackslashes(spec: unknown): unknown {
  if (typeof spec === 'string') return spec.replace(/\\/g, '\u29f5');
  if (Array.isArray(spec)) return spec.map(withoutBackslashes);
  if (spec !== null && typeof spec === 'object') return Object.fromEntries(Object.entries(spec).map(([k, v]) => [k, withoutBackslashes(v)]));
  return spec;
}

async function reportHtml(r: ReportDoc): Promise<string> {
  const vega = await import('vega');
  const vegaLite = await import('vega-lite');
  const render = async (c: Chart) => {
    if (!c.spec) return '';
    const view = new vega.View(vega.parse(vegaLite.compile(withoutBackslashes(c.spec) as never).spec), { renderer: 'none' });
    const svg = await view.toSVG();
    view.finalize();
    return svg.replace('<svg ', `<svg role="img" aria-label="${escape(c.title)}" `);
  };
  const figures = [];
  // Names from the data reach the charts' SVG through Vega: made visible first (safe.ts).
  const shown: ReportDoc = {
    ...r,
    by: r.by === null ? null : visible(r.by),
    model: visible(r.model),
    segments: r.segments.map((g) => ({ ...g, segment: visible(g.segment) })),
  };
  for (const c of charts(shown))
    figures.push(`<section id="${c.id}">
<h2>${escape(c.title)}</h2>
<p class="reading">${escape(c.reading)}</p>
${c.spec ? `<figure>${await render(c)}</figure>` : ''}
${table(c.table.header, c.table.rows)}
</section>`);
  const [summary, ...rest] = reportSections(r, visible);
  const notes = rest.filter((s) => !s.header);
  return htmlDocument(
    'Service recovery paradox report',
    CSS,
    `<h1>${escape(summary.title)}</h1>
<ul class="summary">${summary.lines!.map((l) => `<li>${escape(l)}</li>`).join('')}</ul>
${figures.join('\n')}
${notes.map((n) => `<section><h2>${escape(n.title)}</h2><ul>${n.lines!.map((l) => `<li>${escape(l)}</li>`).join('')}</ul></section>`).join('\n')}
<footer>srp · schema srp.report/1 · model ${escape(r.model)}</footer>`,
  );
}

function table(header: string[], rows: string[][]): string {
  if (!rows.length) return '';
  const numeric = header.map((_, i) => rows.every((r) => /^[-–+\d.%\[\], <]*$/.test(r[i])));
  const cell = (tag: string, v: string, i: number) => `<${tag}${numeric[i] ? ' class="n"' : ''}>${escape(v)}</${tag}>`;
  return `<details><summary>The numbers</summary><table><thead><tr>${header.map((h, i) => cell('th', h, i)).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((v, i) => cell('td', v, i)).join('')}</tr>`)
    .join('')}</tbody></table></details>`;
}

const CSS = `body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1a1a1a;background:#fafafa}
main{max-width:760px;margin:0 auto;padding:24px}
h1{font-size:1.6em;margin:.2em 0 .6em}h2{font-size:1.15em;margin:0 0 .3em}
section{background:#fff;border:1px solid #e3e3e3;border-radius:8px;padding:16px 20px;margin:18px 0}
.summary{background:#fff;border:1px solid #e3e3e3;border-radius:8px;padding:12px 32px}
.reading{margin:.2em 0 .8em;color:#333}figure{margin:0;overflow-x:auto}
table{border-collapse:collapse;margin-top:8px;font-size:.9em}th,td{padding:3px 10px;border-bottom:1px solid #eee;text-align:left}
.n{text-align:right;font-variant-numeric:tabular-nums}details summary{cursor:pointer;color:#555;margin-top:8px}
footer{color:#777;font-size:.85em;margin-top:24px}`;
