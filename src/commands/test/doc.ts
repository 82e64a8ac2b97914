/** The document `srp test` writes (srp.test/1, SPEC §7), and its parts. */
import type { Accounting, MagniniFactor } from '../../case.js';
import type { Alternative } from '../../stats/alternative.js';
import type { BinomTest } from '../../stats/binom-test.js';
import type { EffectSize } from '../../stats/effect-size.js';
import type { FisherTest } from '../../stats/fisher.js';
import type { LogisticFit } from '../../stats/logistic.js';
import type { ChiSquared, PropTest } from '../../stats/proportions.js';
import type { TTest } from '../../stats/t-test.js';
import type { Equivalence } from '../../stats/tost.js';
import type { RankTest } from '../../stats/wilcoxon.js';

import type { Design, DesignOptions } from '../context.js';
import type { Interaction } from './interactions.js';

export type { Design };

export interface TestOptions extends DesignOptions {
  alternative?: Alternative;
  confLevel?: number;
  /** false: rank tests by the normal approximation (R `exact = FALSE`); otherwise R's default. */
  exact?: boolean;
  /** The equivalence margin (TOST, SPEC §6). */
  equivalence?: number;
}

/** A t-test R refused: its numbers null, and R's reason. */
export type MaybeT = TTest & { refused?: string };

/** The design's test, under the field names of srp.test/1. */
export interface DesignTests {
  paired_t?: MaybeT;
  welch_t?: MaybeT;
  wilcoxon?: RankTest;
  mcnemar?: ChiSquared;
  /** Within, binary, one-sided: the exact binomial test on the discordant pairs (McNemar has no one-sided form). */
  binom_test?: BinomTest;
  prop_test?: PropTest;
  /** Between, binary, where an expected count is below 5 (R warns about prop.test then). */
  fisher_test?: FisherTest;
}

export interface Moderator extends DesignTests {
  factor: MagniniFactor;
  level: 'low' | 'high';
  n: number;
}

export interface TestDoc extends DesignTests {
  schema: 'srp.test/1';
  design: Design;
  /** Why this design: the option, or the columns the input has. */
  design_reason: string;
  /** The baseline design: the stated pre-failure level. */
  baseline?: number;
  binary: boolean;
  alternative: Alternative;
  conf_level: number;
  input: Accounting;
  n: number | { failure: number; control: number };
  effect_size?: EffectSize;
  paradox_rate?: { k: number; n: number; rate: number; wilson95: [number, number] | null };
  /** Within design with a control group beside it: the control group's own change, and the difference of changes. */
  control?: { n: number; mean_change: number; welch_t: MaybeT };
  moderators: Moderator[];
  /** --equivalence: the two one-sided tests against ±delta (SPEC §6). */
  equivalence?: Equivalence;
  /** Moderation tested: one interaction test per factor, Holm-adjusted (SPEC §6). */
  interactions: Interaction[];
  logistic: (LogisticFit & { refused?: undefined }) | { refused: string } | null;
  summary: string;
  warnings: string[];
}

