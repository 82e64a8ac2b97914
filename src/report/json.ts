/**
 * The JSON renderer, for machines (NOTES.md): one document with a `schema` field, keys in a fixed
 * order, null for NaN and infinite values, and no raw character that acts when the file is shown
 * (safe.ts). JSON.stringify already writes NaN and ±Infinity as null, so no (slow) replacer is needed.
 * `srp score` streams: its document is written around the cases, each case one line.
 */
import type { Doc, Renderer } from './renderer.js';
import { jsonSafe } from './safe.js';
import { caseRecord, type ScoreSetup, type ScoreWriter } from './score/record.js';

export const toJson = (doc: unknown): string => jsonSafe(JSON.stringify(doc, null, 2)) + '\n';

/** One compact line of JSON (NDJSON). */
export const toJsonLine = (doc: unknown): string => jsonSafe(JSON.stringify(doc)) + '\n';

export const json: Renderer = {
  render: (doc: Doc) => toJson(doc),
  scoreWriter,
};

/**
 * srp.score/1 around a stream of cases: the document is stringified whole with no cases, and
 * split where they go; each case is one line inside the array.
 */
function scoreWriter(setup: ScoreSetup): ScoreWriter {
  const { model, threshold, context } = setup;
  const CASES = '"cases": []';
  let first = true;
  return {
    begin: () => {
      const head = toJson({ schema: 'srp.score/1', design: context.design, design_reason: context.reason, model: model.name, threshold, cases: [] });
      return head.slice(0, head.lastIndexOf(CASES) + CASES.length - 1);
    },
    write: (c, p) => {
      const s = (first ? '\n    ' : ',\n    ') + toJsonLine(caseRecord(c, p, setup)).trimEnd();
      first = false;
      return s;
    },
    end: (e) => {
      const whole = toJson({
        cases: [],
        rejected: e.rejected,
        input: e.input,
        assumed: e.assumed,
        predicted: { mean_probability: e.mean_probability, likely: e.likely, undetermined: e.undetermined },
        warnings: e.warnings,
      });
      return `${first ? '' : '\n  '}${whole.slice(whole.indexOf(CASES) + CASES.length - 1)}`;
    },
  };
}
