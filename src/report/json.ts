/** JSON for machines (NOTES.md): stable key order, null for NaN and infinite values. */
export function toJson(doc: unknown): string {
  return JSON.stringify(doc, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n';
}

/** One compact line of JSON (NDJSON). */
export function toJsonLine(doc: unknown): string {
  return JSON.stringify(doc, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v)) + '\n';
}
