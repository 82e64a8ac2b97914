/**
 * The known exports (SPEC §3.3): data/mappings holds a mapping for each common tool's standard
 * export. A header that holds every column a mapping needs (its optional ones aside) looks like
 * that export; where several do, the one that names the most columns.
 */
import { readdirSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { headerKey } from './columns.js';
import { parseExpression } from './expr.js';
import { loadMapping, type Mapping } from './mapping.js';

export const MAPPINGS_DIR = fileURLToPath(new URL('../../data/mappings/', import.meta.url));

export interface KnownExport {
  /** The mapping file, as a path to give --map. */
  mapping: string;
  description: string;
}

/** The header columns a mapping reads, without those it marks optional. */
export function neededColumns(m: Mapping): string[] {
  const out: string[] = [];
  for (const spec of Object.values(m.columns)) {
    if (!spec) continue;
    if (spec.column !== undefined && !spec.optional) out.push(spec.column);
    if (spec.expr !== undefined) out.push(...parseExpression(spec.expr).columns);
    if (spec.customer !== undefined) out.push(spec.customer);
    if (spec.date !== undefined) out.push(spec.date);
  }
  if (m.collapse?.order) out.push(m.collapse.order);
  return out;
}

let known: { mapping: Mapping; needs: string[] }[] | null = null;

/** The known export this header looks like, or null. */
export function knownExport(header: string[]): KnownExport | null {
  known ??= readdirSync(MAPPINGS_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => loadMapping(MAPPINGS_DIR + f))
    .map((mapping) => ({ mapping, needs: neededColumns(mapping) }));
  const keys = new Set(header.map(headerKey));
  const fits = known.filter((k) => k.needs.length > 0 && k.needs.every((c) => keys.has(headerKey(c))));
  fits.sort((a, b) => b.needs.length - a.needs.length);
  const best = fits[0];
  return best ? { mapping: shown(best.mapping.path!), description: best.mapping.description ?? '' } : null;
}

/** A path as short as it can be given: relative to the working folder where it lies under it. */
function shown(path: string): string {
  const r = relative(process.cwd(), path);
  return r.startsWith('..') || isAbsolute(r) ? path : r;
}
