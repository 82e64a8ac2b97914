/**
 * What a case's prediction and outcome depend on beyond the case itself (SPEC §3.4, §3.5): the
 * design (how the input holds the baseline), the distribution of each factor among the cases where
 * it is known (for the unknown ones), and the control group of a between design. It is counted as
 * the input is read; a command reads once with what the first rows suggest, and again where the
 * whole input says otherwise (`readInContext`).
 */
import type { Case, Group } from '../case.js';
import { inputError, usageError } from '../errors.js';
import { readCases, type Batch, type Consumer, type ReadOptions, type ReadSummary } from '../io/read.js';
import { spoolStreams } from '../io/spool.js';
import type { Input } from '../io/source.js';
import type { Model } from '../model/model.js';
import { Predictor } from '../model/predict.js';
import { addFactorTally, emptyFactorTally, factorDistributions, sameDistributions, UnknownFactors, type Distribution, type FactorTally } from '../model/unknown.js';
import { addMoments, emptyMoments, mean, tallyMoment, type Moments } from '../stats/moments.js';
import { count } from '../wording.js';

export const DESIGNS = ['within', 'history', 'between', 'baseline', 'post-only'] as const;
export type Design = (typeof DESIGNS)[number];

export interface DesignOptions {
  /** --design, or none to choose from the columns. */
  design?: Design;
  /** --baseline or the mapping's `baseline`: the pre-failure level of the baseline design. */
  baseline?: number;
}

/** What the input holds, counted as it is read (plain data: two threads' tallies add up). */
export interface ContextTally {
  factors: FactorTally;
  /** Cases with both pre and post satisfaction. */
  pairs: number;
  /** Cases with post satisfaction, by group (none, failure, control). */
  post: number;
  failure: number;
  control: number;
  /** The control group's post satisfaction. */
  controlPost: Moments;
}

export const emptyContextTally = (): ContextTally => ({ factors: emptyFactorTally(), pairs: 0, post: 0, failure: 0, control: 0, controlPost: emptyMoments() });

/** Counts one case (its normalised factors are counted by the predictor, `tally.factors`). */
export function tallyCase(t: ContextTally, c: Case): void {
  if (c.post === null) return;
  t.post++;
  if (c.pre !== null) t.pairs++;
  if (c.group === 'failure') t.failure++;
  else if (c.group === 'control') {
    t.control++;
    tallyMoment(t.controlPost, c.post);
  }
}

export function addContextTally(to: ContextTally, from: ContextTally): void {
  addFactorTally(to.factors, from.factors);
  to.pairs += from.pairs;
  to.post += from.post;
  to.failure += from.failure;
  to.control += from.control;
  addMoments(to.controlPost, from.controlPost);
}

/** The context of one input. */
export interface InputContext {
  design: Design;
  /** Why this design: the option, or what the input holds. */
  reason: string;
  distributions: Distribution[];
  /** Between designs: the control group's mean post satisfaction (failure cases above it ended in the paradox). */
  controlMean: number | null;
  /** Baseline design: the stated pre-failure level. */
  baseline: number | null;
  /** The input has a group column (failure or control cases): a case without a group is then of unknown group. */
  grouped: boolean;
  binary: boolean;
  /** Columns the mapping set to one value for every row (known once the header is read). */
  set?: string[];
}

/** The design the input's columns give, or the one asked for (SPEC §3.5). */
export function chooseDesign(t: ContextTally, options: DesignOptions, history: boolean): { design: Design; reason: string } {
  // With a stated baseline, control cases (no failure) are neither failures nor scored: said, never silent.
  const controlsLeft = t.control > 0 ? '; the control cases (group control) are not scored: the failure cases are compared with the stated level' : '';
  if (options.design) {
    if (options.design === 'baseline' && options.baseline === undefined) throw usageError('bad_option', '--design baseline: give the pre-failure level with --baseline VALUE (or the mapping\'s "baseline")');
    return { design: options.design, reason: `--design ${options.design}${options.design === 'baseline' ? controlsLeft : ''}` };
  }
  if (options.baseline !== undefined) return { design: 'baseline', reason: `post_satisfaction against the stated baseline ${options.baseline}${controlsLeft}` };
  if (history) return { design: 'history', reason: "pre_satisfaction derived from the customer's previous satisfaction" };
  if (t.pairs > 0)
    return t.control > 0
      ? { design: 'within', reason: 'pre_satisfaction and post_satisfaction, with a group column: the failure cases pre vs post, the control group beside them' }
      : { design: 'within', reason: 'pre_satisfaction and post_satisfaction' };
  if (t.failure > 0 && t.control > 0) return { design: 'between', reason: 'a group column (failure vs control) and post_satisfaction, no pre_satisfaction' };
  return { design: 'post-only', reason: t.post ? 'post_satisfaction only: no baseline to compare it with' : 'no satisfaction in the input' };
}

/** The context a reading found: its design, the factors' distributions, the control group. */
export function contextOf(t: ContextTally, model: Model, options: DesignOptions, history: boolean, binary: boolean): InputContext {
  const { design, reason } = chooseDesign(t, options, history);
  return {
    design,
    reason,
    distributions: factorDistributions(t.factors, model),
    controlMean: design === 'between' && !binary && t.control ? mean(t.controlPost) : null,
    baseline: design === 'baseline' ? options.baseline! : null,
    grouped: t.failure + t.control > 0,
    binary,
  };
}

/**
 * The context of a whole reading, checked: a design asked for (--design, --baseline) that the input
 * cannot support is an error, not a report about no cases; a stated baseline must lie on the
 * satisfaction scale (a share between 0 and 1 where satisfaction is binary).
 */
export function finalContext(t: ContextTally, model: Model, options: DesignOptions, history: boolean, summary: ReadSummary): InputContext {
  const binary = summary.scales.some((s) => s.satisfaction.binary);
  const ctx = contextOf(t, model, options, history, binary);
  const lacking = (why: string) => inputError('no_baseline', `${options.design ? `--design ${options.design}` : '--baseline'}: ${why}`);
  if (ctx.design === 'within' && options.design && t.pairs === 0) throw lacking('no case has both pre_satisfaction and post_satisfaction');
  if (ctx.design === 'history' && !history) throw lacking('pre_satisfaction is not derived from the customer\'s history (a mapping\'s "previous_value")');
  if (ctx.design === 'between' && (t.failure === 0 || t.control === 0))
    throw lacking(`the design compares failure with control cases that have post_satisfaction; the input has ${t.failure} failure and ${t.control} control cases`);
  if (ctx.design === 'baseline') {
    // Where the input has groups only failure cases are compared (baselineOf).
    if (ctx.grouped ? t.failure === 0 : t.post === 0) throw lacking(`no ${ctx.grouped ? 'failure case' : 'case'} has post_satisfaction to compare with the stated baseline`);
    const [lo, hi] = binary ? [0, 1] : (summary.scales[0]?.satisfaction.scale ?? [0, 1]);
    if (!(ctx.baseline! >= lo && ctx.baseline! <= hi))
      throw usageError(
        'bad_option',
        binary
          ? `--baseline ${ctx.baseline}: satisfaction is binary here (satisfied or not), so the baseline is the share satisfied without a failure, between 0 and 1`
          : `--baseline ${ctx.baseline} is outside the satisfaction scale ${lo}–${hi}`,
      );
  }
  return ctx;
}

/** Whether a reading made with context `used` stands: the same design and control group, and the same distribution for every factor some case lacked. */
function stands(used: InputContext, found: InputContext, t: ContextTally): boolean {
  if (used.design !== found.design || used.controlMean !== found.controlMean || used.binary !== found.binary || used.grouped !== found.grouped) return false;
  return t.factors.missing.every((missing, f) => missing === 0 || sameDistributions([used.distributions[f]], [found.distributions[f]]));
}

/**
 * What each case's outcome is observed against, by design: its own pre-failure satisfaction
 * (within, history), the stated level (baseline), the control group (between: above its mean, or
 * satisfied where satisfaction is binary), nothing (post-only). Control cases have none.
 */
export function baselineOf(ctx: InputContext): (c: Pick<Case, 'pre' | 'group'>) => number | null {
  switch (ctx.design) {
    case 'within':
    case 'history':
      return (c) => (c.group === 'control' ? null : c.pre);
    case 'baseline':
      // Where the input has groups, only failure cases are compared: a case of unknown group may be a control.
      return (c) => (c.group === 'control' || (ctx.grouped && c.group === null) ? null : ctx.baseline);
    case 'between':
      return (c) => (c.group !== 'failure' ? null : ctx.binary ? 0.5 : ctx.controlMean);
    case 'post-only':
      return () => null;
  }
}

/**
 * The warning for the cases a stated baseline leaves out where the input has groups (SPEC §3.5: a
 * design change is never silent): control cases, not scored, and cases of unknown group, scored but
 * not compared; null where there are none.
 */
export function baselineLeftOut(ctx: InputContext, controls: number, ungrouped: number): string | null {
  if (ctx.design !== 'baseline' || controls + ungrouped === 0) return null;
  const left = [
    ...(controls ? [`${count(controls, 'control case')} (group control) not scored`] : []),
    ...(ungrouped ? [`${count(ungrouped, 'case')} of unknown group scored but not compared (a case without a group may be a control)`] : []),
  ];
  return `design baseline: ${left.join('; ')}; the failure cases are compared with the stated baseline ${ctx.baseline}`;
}

/** The predictor for cases of this context. */
export const predictorFor = (model: Model, threshold: number, ctx: InputContext) =>
  new Predictor(model, threshold, new UnknownFactors(model, ctx.distributions), baselineOf(ctx), ctx.design !== 'between');

/** A case of the control group (no failure) where the design has failures to score: the baseline or beside it, not a case to score for the paradox. */
export const isControl = (ctx: InputContext, group: Group | null) => group === 'control' && (ctx.design === 'between' || ctx.design === 'within' || ctx.design === 'baseline');

/** One reading of the input with a context: `contextFor` gives the context to predict with (from the first batch on the first reading). */
export type Pass<T> = (
  inputs: Input[],
  read: ReadOptions,
  contextFor: (first: Batch) => InputContext,
  tally: ContextTally,
) => Promise<{ result: T | null; summary: ReadSummary }>;

/**
 * Reads the input with the context its predictions need. The first reading takes the context the
 * first chunk suggests (its design; each factor's prior distribution until its values are counted);
 * where the whole input gives another (a factor known for some cases only, a control group whose
 * mean decides the outcomes, a satisfaction scale the first rows misjudged), the input is read
 * again with it. An input with every factor known or absent and its baseline in its own rows is
 * read once. Standard input is kept in a temporary file meanwhile, so that it can be read again.
 */
export async function readInContext<T>(inputs: Input[], read: ReadOptions, model: Model, options: DesignOptions, pass: Pass<T>): Promise<{ result: T; summary: ReadSummary; context: InputContext }> {
  const history = read.mapping?.columns.pre_satisfaction?.derive === 'previous_value';
  const spooled = await spoolStreams(inputs);
  try {
    let known: InputContext | null = null;
    let opts = read;
    for (let pass_ = 0; ; pass_++) {
      const tally = emptyContextTally();
      let used = known;
      const contextFor = (first: Batch) => {
        if (!used) {
          const sample = emptyContextTally();
          for (const c of first.cases) tallyCase(sample, c);
          used = contextOf(sample, model, options, history, !!first.binary);
        }
        return used;
      };
      const { result, summary } = await pass(spooled.inputs, opts, contextFor, tally);
      if (summary.rescale) {
        opts = { ...opts, pinned: { ...opts.pinned, satisfaction: summary.rescale } };
      } else {
        const found = finalContext(tally, model, options, history, summary);
        // The design stands; its reason is said from the whole input (a first batch may hold no case yet).
        if ((used && stands(used, found, tally)) || pass_ >= 3) return { result: result!, summary, context: used ? { ...used, reason: found.reason } : found };
        known = found;
      }
      read.onRestart?.();
    }
  } finally {
    spooled.remove();
  }
}

/** The usual reading: every batch into the consumer `start` makes once the context is known. */
export function consume<T>(start: (ctx: InputContext, tally: ContextTally) => Consumer<T>): Pass<T> {
  return async (inputs, read, contextFor, tally) => {
    const reading = readCases(inputs, read);
    let consumer: Consumer<T> | null = null;
    for await (const b of reading.batches) await (consumer ??= start(contextFor(b), tally)).batch(b);
    if (reading.summary.rescale) return { result: null, summary: reading.summary };
    consumer ??= start(contextFor({ cases: [], rejections: [] }), tally);
    return { result: await consumer.end(reading.summary), summary: reading.summary };
  };
}
