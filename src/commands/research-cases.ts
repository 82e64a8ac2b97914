/** The cases a researcher's analysis needs, read whole: satisfaction, group and observed factors. */
import { FACTORS, type Factor, type Group } from '../case.js';
import { readSettled, type ReadOptions, type ReadSummary } from '../io/read.js';
import type { Input } from '../io/source.js';
import { observedFactors } from '../model/factors.js';
import { finalContext, emptyContextTally, tallyCase, type DesignOptions, type InputContext } from './context.js';
import type { Model } from '../model/model.js';

export interface ResearchCase {
  pre: number | null;
  post: number | null;
  top: number | null;
  group: Group | null;
  /** Observed factors in FACTORS order, normalised as the model sees them; null where absent. */
  factors: (number | null)[];
  /** The --by column's value (srp meta: the study). */
  segment: string | null;
}

export interface ResearchInput {
  cases: ResearchCase[];
  summary: ReadSummary;
  /** Satisfaction read as satisfied or not (words, or --binary), not as scores. */
  binary: boolean;
  /** Factors the mapping set to one value (`{ "value": x }`): set, not observed. */
  set: Factor[];
  /** The design (SPEC §3.5) and, for a between design, the control group's mean. */
  context: InputContext;
}

export async function readResearchCases(inputs: Input[], read: ReadOptions, model: Model, options: DesignOptions = {}): Promise<ResearchInput> {
  const tally = emptyContextTally();
  const { result: cases, summary } = await readSettled(inputs, read, () => {
    const cases: ResearchCase[] = [];
    Object.assign(tally, emptyContextTally());
    return {
      batch: (b) => {
        for (const c of b.cases) {
          tallyCase(tally, c);
          cases.push({ pre: c.pre, post: c.post, top: c.top, group: c.group, factors: observedFactors(c, model), segment: c.segment });
        }
      },
      end: () => cases,
    };
  });
  const binary = summary.scales.some((s) => s.satisfaction.binary);
  const history = read.mapping?.columns.pre_satisfaction?.derive === 'previous_value';
  return { cases, summary, binary, set: FACTORS.filter((f) => summary.set.includes(f)), context: finalContext(tally, model, options, history, summary) };
}
