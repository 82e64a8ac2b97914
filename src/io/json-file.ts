/**
 * The JSON files a user hands srp (a mapping, a model): read with a size bound, a UTF-8 BOM allowed
 * (editors on Windows save one), parsed into objects without prototypes, and checked against the
 * JSON Schemas shipped in data/schemas/ (SPEC §3.3) with Ajv. Every mistake is one message naming
 * the file and the path inside it: `map.json: columns.severity.scale: expected 2 items`.
 */
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { ErrorObject, ValidateFunction } from 'ajv';

/** Larger than any real mapping or model; a bound so a hostile file cannot exhaust memory. */
const MAX_BYTES = 4 * 1024 * 1024;

export type SchemaName = 'mapping' | 'model';

/** The parsed file, or the reason it cannot be read (the caller wraps it in its own error kind). */
export function readJsonFile(path: string): { json: unknown } | { problem: string } {
  let text: string;
  try {
    const size = statSync(path).size;
    if (size > MAX_BYTES) return { problem: `${size} bytes; a mapping or model file is at most ${MAX_BYTES}` };
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { problem: code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : `cannot read (${code ?? (e as Error).message})` };
  }
  let json: unknown;
  try {
    json = withoutPrototypes(JSON.parse(text.replace(/^\uFEFF/, '')));
  } catch (e) {
    return { problem: `not valid JSON (${(e as Error).message})` };
  }
  // JSON.parse reads a number beyond a double's range (1e999) as ±Infinity, which no schema's `number` refuses.
  const huge = infiniteAt(json, '');
  return huge === null ? { json } : { problem: `${huge || 'top level'}: a number beyond ±1.8e308, which no double holds` };
}

/** The path (`a.b.0`) of the first infinite number in `v`, or null. */
function infiniteAt(v: unknown, path: string): string | null {
  if (typeof v === 'number') return Number.isFinite(v) ? null : path;
  if (v === null || typeof v !== 'object') return null;
  for (const [k, x] of Object.entries(v)) {
    const at = infiniteAt(x, path ? `${path}.${k}` : k);
    if (at !== null) return at;
  }
  return null;
}

/** Objects with no prototype: a key such as `__proto__` or `constructor` is data, never inherited behaviour. */
function withoutPrototypes(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutPrototypes);
  if (v === null || typeof v !== 'object') return v;
  const out = Object.create(null) as Record<string, unknown>;
  for (const [k, x] of Object.entries(v)) out[k] = withoutPrototypes(x);
  return out;
}

const validators = new Map<SchemaName, ValidateFunction>();

function validator(name: SchemaName): ValidateFunction {
  let v = validators.get(name);
  if (!v) {
    const schema = JSON.parse(readFileSync(fileURLToPath(new URL(`../../data/schemas/${name}.schema.json`, import.meta.url)), 'utf8'));
    // Ajv is loaded only here: loading it and compiling a schema take longer than a small report.
    const { Ajv } = createRequire(import.meta.url)('ajv') as typeof import('ajv');
    v = new Ajv({ allErrors: true, strict: false, verbose: true }).compile(schema);
    validators.set(name, v);
  }
  return v;
}

/** The first thing wrong with `json` by the schema, as "path: what", or null when it conforms. */
export function schemaProblem(name: SchemaName, json: unknown): string | null {
  const validate = validator(name);
  if (validate(json)) return null;
  return describe(validate.errors ?? []);
}

/** The most telling error: the deepest path; for a failed `anyOf`, the schema's own description. */
function describe(errors: ErrorObject[]): string {
  const depth = (e: ErrorObject) => e.instancePath.split('/').length;
  const deepest = errors.reduce((a, b) => (depth(b) > depth(a) ? b : a));
  const here = errors.filter((e) => e.instancePath === deepest.instancePath);
  const pick = here.find((e) => e.keyword === 'additionalProperties') ?? here.find((e) => e.keyword === 'required') ?? here.find((e) => e.keyword === 'anyOf') ?? deepest;
  const path = deepest.instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~')).join('.') || 'top level';
  switch (pick.keyword) {
    case 'additionalProperties':
      return `${path}: unknown key '${String(pick.params.additionalProperty)}'${known(pick)}`;
    case 'required':
      return `${path}: "${String(pick.params.missingProperty)}" is required`;
    case 'anyOf':
      return `${path}: expected ${String((pick.parentSchema as { description?: string } | undefined)?.description ?? 'another kind of value')}`;
    case 'enum':
      return `${path}: expected one of ${(pick.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return `${path}: expected ${JSON.stringify(pick.params.allowedValue)}`;
    default:
      return `${path}: ${pick.message ?? 'not valid'}`;
  }
}

function known(e: ErrorObject): string {
  const keys = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {}).filter((k) => !k.startsWith('$'));
  return keys.length ? ` (known: ${keys.join(', ')})` : '';
}
