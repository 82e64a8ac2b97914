/** What a renderer is: the shape every format's file exports (the registry is in index.ts). */
import type { FitDoc } from '../commands/fit.js';
import type { ReportDoc } from '../commands/report/index.js';
import type { TestDoc } from '../commands/test/index.js';
import type { ValidateDoc } from '../commands/validate.js';
import type { MetaDoc } from '../commands/meta.js';
import type { SqlDoc } from '../commands/sql.js';
import type { ScoreSetup, ScoreWriter } from './score/record.js';
import type { Style } from './style.js';

export type Doc = ReportDoc | TestDoc | FitDoc | ValidateDoc | MetaDoc | SqlDoc;

export const FORMATS = ['text', 'json', 'ndjson', 'csv', 'markdown', 'html'] as const;
export type Format = (typeof FORMATS)[number];

/** What a format renders: finished documents, `srp score`'s stream of cases, or both. */
export interface Renderer {
  render?(doc: Doc, style: Style): string | Promise<string>;
  scoreWriter?(setup: ScoreSetup): ScoreWriter;
}

