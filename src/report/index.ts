/**
 * The renderers, chosen by name (as knip's reporters): one file per format, each rendering every
 * document it supports. Renderers are loaded when asked for, so that Vega is loaded only for HTML.
 */
import type { Format, Renderer } from './renderer.js';

export type { Doc, Format, Renderer } from './renderer.js';
export { FORMATS } from './renderer.js';

/** The formats each command writes. */
export const COMMAND_FORMATS = {
  score: ['text', 'json', 'ndjson', 'csv', 'markdown'],
  report: ['text', 'json', 'markdown', 'html'],
  test: ['text', 'json', 'markdown'],
  fit: ['text', 'json', 'markdown'],
  validate: ['text', 'json'],
  meta: ['text', 'json', 'markdown', 'html'],
  sql: ['text', 'json'],
} as const satisfies Record<string, readonly Format[]>;

const RENDERERS: Record<Format, () => Promise<Renderer>> = {
  text: async () => (await import('./text.js')).text,
  json: async () => (await import('./json.js')).json,
  ndjson: async () => (await import('./ndjson.js')).ndjson,
  csv: async () => (await import('./csv.js')).csv,
  markdown: async () => (await import('./markdown.js')).markdown,
  html: async () => (await import('./html/page.js')).html,
};

export const rendererFor = (format: Format): Promise<Renderer> => RENDERERS[format]();
