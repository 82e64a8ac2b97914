/**
 * JSON for machines (NOTES.md): stable key order, null for NaN and infinite values, and no raw
 * character that acts when the file is shown (safe.ts). JSON.stringify already writes NaN and
 * ±Infinity as null, so no (slow) replacer is needed.
 */
import { jsonSafe } from './safe.js';

export const toJson = (doc: unknown): string => jsonSafe(JSON.stringify(doc, null, 2)) + '\n';

/** One compact line of JSON (NDJSON). */
export const toJsonLine = (doc: unknown): string => jsonSafe(JSON.stringify(doc)) + '\n';
