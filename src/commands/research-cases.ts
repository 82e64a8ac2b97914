/** The cases a researcher's analysis needs, read whole: satisfaction, group and observed factors. */
import { FACTORS, type Factor, type Group } from '../case.js';
import { readSettled, type ReadOptions, type ReadSummary } from '../io/read.js';
import type { Input } from '../io/source.js';
import { observedFactors } from '../model/factors.js';
import type { Model } from '../model/model.js';

export interface ResearchCase {
  pre: number | null;
  post: number | null;
  top: number | null;
  group: Group | null;
  /** Observed factors in FACTORS order, normalised as the model sees them; null where absent. */
  factors: (number | null)[];
}

export interface ResearchInput {
  cases: ResearchCase[];
  summary: ReadSummary;
  /** Satisfaction read as satisfied or not (words, or --binary), not as scores. */
  binary: boolean;
  /** Factors the mapping set to one value (`{ "value": x }`): set, not observed. */
  set: Factor[];
}

export async function readResearchCases(inputs: Input[], read: ReadOptions, model: Model): Promise<ResearchInput> {
  const { result: cases, summary } = await readSettled(inputs, read, () => {
    const cases: ResearchCase[] = [];
    return {
      batch: (b) => {
        for (const c of b.cases) cases.push({ pre: c.pre, post: c.post, top: c.top, group: c.group, factors: observedFactors(c, model) });
      },
      end: () => cases,
    };
  });
  const binary = summary.scales.some((s) => s.satisfaction.binary);
  return { cases, summary, binary, set: FACTORS.filter((f) => summary.set.includes(f)) };
}
