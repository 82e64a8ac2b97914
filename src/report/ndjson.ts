/** The NDJSON renderer (`srp score` only): one case per line, as it is read. */
import type { Renderer } from './renderer.js';
import { toJsonLine } from './json.js';
import { caseRecord, type ScoreSetup, type ScoreWriter } from './score/record.js';

export const ndjson: Renderer = {
  scoreWriter: (setup: ScoreSetup): ScoreWriter => ({ begin: () => '', write: (c, p) => toJsonLine(caseRecord(c, p, setup)), end: () => '' }),
};
