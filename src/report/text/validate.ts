/** `srp validate` as text for a person. */
import { CANONICAL_NAMES } from '../../io/columns.js';
import type { ValidateResult } from '../../commands/validate.js';
import { describeRejection } from '../../case.js';
import { visible } from '../safe.js';
import type { Style } from '../style.js';
import { percent } from '../../commands/validate.js';

export function validateText(r: ValidateResult, s: Style): string {
  const out: string[] = [];
  out.push(s.bold('Files'));
  for (const f of r.files)
    out.push(`  ${visible(f.file)}: delimiter '${f.delimiter}', encoding ${f.encoding}, decimal '${f.decimal}', ${f.rows} rows`);
  out.push('', s.bold('Columns'));
  const width = Math.max(...CANONICAL_NAMES.map((n) => n.length));
  for (const name of CANONICAL_NAMES) {
    const from = r.columns[name];
    const assumed = (r.assumed as Record<string, number>)[name];
    if (from) out.push(`  ${name.padEnd(width)}  ← ${visible(from, 1000)}`);
    else if (name === 'recovery_quality' && assumed === 0 && r.input.accepted) out.push(`  ${name.padEnd(width)}  ← derived from the recovery components below`);
    else if (assumed !== undefined) out.push(`  ${name.padEnd(width)}  ${s.warn(`missing: assumed neutral for ${percent(assumed)} of cases`)}`);
  }
  out.push('', s.bold('Rows'), `  ${r.input.rows} read = ${r.input.accepted} accepted + ${r.input.rejected} rejected`);
  if (r.problems.length) {
    out.push('', s.bold(`Problems (${r.problems.length})`));
    for (const p of r.problems) out.push(`  ${s.bad(visible(describeRejection(p), 1000))}`);
  }
  if (r.unusable) out.push('', s.bad(visible(r.unusable, 1000)));
  return out.join('\n') + '\n';
}
