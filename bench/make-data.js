#!/usr/bin/env node
/**
 * Benchmark inputs, seeded (the same bytes on every machine):
 *   canonical-1m.csv  1,000,000 rows of canonical columns (about 50 MB)
 *   european-100k.csv 100,000 rows as a European helpdesk exports them: `;`, decimal commas,
 *                     Windows-1252, Dutch headers and words, CRLF, a quoted multi-line note,
 *                     and a few broken rows.
 * Usage: node bench/make-data.js [DIR] [ROWS]
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import { once } from 'node:events';
import { seededRandom } from '../dist/stats/random.js';

const dir = process.argv[2] ?? new URL('./out/', import.meta.url).pathname;
const rows = Number(process.argv[3] ?? 1_000_000);
mkdirSync(dir, { recursive: true });

const random = seededRandom(42);
const r3 = (x) => Math.round(x * 1000) / 1000;

async function write(path, header, n, line, encode = (s) => s) {
  const out = createWriteStream(path);
  let buf = header;
  for (let i = 0; i < n; i++) {
    buf += line(i);
    if (buf.length > 1 << 16) {
      if (!out.write(encode(buf))) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(encode(buf));
  await once(out, 'finish');
}

await write(`${dir}/canonical-1m.csv`, 'case_id,severity,prior_failures,controllability,stability,recovery_quality,pre_satisfaction,post_satisfaction,team\n', rows, (i) => {
  const pre = 1 + Math.floor(random() * 9);
  const post = Math.max(0, Math.min(10, pre + Math.floor(random() * 5) - 2));
  return `C${i},${r3(random())},${Math.floor(random() * 4)},${r3(random())},${r3(random())},${r3(random())},${pre},${post},T${i % 8}\n`;
});

const words = ['laag', 'normaal', 'hoog', 'kritiek'];
await write(
  `${dir}/european-100k.csv`,
  'Zaaknummer;Prioriteit;Eerdere storingen;Oorzaak;Terugkerend;Herstel;Tevredenheid voor;Tevredenheid na;Behandelaar;Opmerking\r\n',
  rows / 10,
  (i) => {
    if (i % 5000 === 17) return `Z${i};hoog;x;extern;nee;0,5;7;8;Åsa Öberg;kapot\r\n`;
    const pre = (5 + random() * 4).toFixed(1).replace('.', ',');
    const post = (4 + random() * 6).toFixed(1).replace('.', ',');
    const note = i % 97 === 0 ? '"Klant belde terug;\r\nprobleem opgelost"' : 'ok';
    return `Z${i};${words[Math.floor(random() * 4)]};${Math.floor(random() * 3)};${random() < 0.5 ? 'intern' : 'extern'};${random() < 0.3 ? 'ja' : 'nee'};${r3(random()).toString().replace('.', ',')};${pre};${post};Björn Ångström;${note}\r\n`;
  },
  (s) => Buffer.from(s, 'latin1'),
);
console.log(`wrote ${dir}/canonical-1m.csv (${rows} rows) and ${dir}/european-100k.csv (${rows / 10} rows)`);
