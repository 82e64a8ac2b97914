/**
 * The renderers, chosen by name (as knip's reporters): one file per format, each rendering every
 * document it supports. Renderers are loaded when asked for, so that Vega is loaded only for HTML.
 */
import type { FitDoc } from '../commands/fit.js';
import type { ReportDoc } from '../commands/report/index.js';
import type { TestDoc } from '../commands/test/index.js';
import type { ValidateDoc } from '../commands/validate.js';
import type { ScoreSetup, ScoreWriter } from './score/record.js';
import type { Style } from './style.js';

export type Doc = ReportDoc | TestDoc | FitDoc | ValidateDoc;

export const FORMATS = ['text', 'json', 'ndjson', 'csv', 'markdown', 'html'] as const;
export type Format = (typeof FORMATS)[number];

/** What a format renders: finished documents, `srp score`'s stream of cases, or both. */
export interface Renderer {
  render?(doc: Doc, style: Style): string | Promise<string>;
  scoreWriter?(setup: ScoreSetup): ScoreWriter;
}

/** The formats each command writes. */
export const COMMAND_FORMATS = {
  score: ['text', 'json', 'ndjson', 'csv', 'markdown'],
  report: ['text', 'json', 'markdown', 'html'],
  test: ['text', 'json', 'markdown'],
  fit: ['text', 'json', 'markdown'],
  validate: ['text', 'json'],
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
