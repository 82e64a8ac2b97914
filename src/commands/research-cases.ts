/** The cases a researcher's analysis needs, read whole: satisfaction, group and observed factors. */
import type { Group } from '../case.js';
import { FACTORS } from '../io/columns.js';
import { readCases, type ReadOptions, type ReadSummary } from '../io/read.js';
import type { Input } from '../io/source.js';
import { observedFactor } from '../model/factors.js';
import type { Model } from '../model/model.js';

export interface ResearchCase {
  pre: number | null;
  post: number | null;
  top: number | null;
  group: Group | null;
  /** Observed factors in FACTORS order, normalised as the model sees them; null where absent. */
  factors: (number | null)[];
}

export async function readResearchCases(inputs: Input[], read: ReadOptions, model: Model): Promise<{ cases: ResearchCase[]; summary: ReadSummary }> {
  const reading = readCases(inputs, read);
  const cases: ResearchCase[] = [];
  for await (const batch of reading.batches)
    for (const c of batch.cases) cases.push({ pre: c.pre, post: c.post, top: c.top, group: c.group, factors: FACTORS.map((f) => observedFactor(c, f, model)) });
  return { cases, summary: reading.summary };
}

/** Satisfaction that is only ever 0 or 1 on a 0–1 scale is binary (satisfied or not). */
export function isBinary(cases: ResearchCase[]): boolean {
  return cases.every((c) => (c.top === null || c.top === 1) && (c.pre === null || c.pre === 0 || c.pre === 1) && (c.post === null || c.post === 0 || c.post === 1));
}
