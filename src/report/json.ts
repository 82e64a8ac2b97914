/**
 * JSON for machines (NOTES.md): stable key order, null for NaN and infinite values.
 * JSON.stringify already writes NaN and ±Infinity as null, so no (slow) replacer is needed.
 */
export const toJson = (doc: unknown): string => JSON.stringify(doc, null, 2) + '\n';

/** One compact line of JSON (NDJSON). */
export const toJsonLine = (doc: unknown): string => JSON.stringify(doc) + '\n';
