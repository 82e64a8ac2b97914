/**
 * The plain-language reading of srp.test/1 (its `summary`): does the paradox show, and does it
 * depend on Magnini's conditions. Never a conclusion from a test R refuses or one that is
 * undefined, and moderation only from the interaction tests' Holm-adjusted p-values, never from
 * one level being significant and the other not (Gelman & Stern 2006, The American Statistician
 * 60(4), 328-331).
 */
import { fixed, formatP } from '../../wording.js';
import type { DesignTests, TestDoc } from './doc.js';

const FACTOR: Record<string, string> = {
  severity: 'how severe the failure was',
  prior_failures: 'whether the customer had failed before',
  controllability: "whether the cause lay in the firm's control",
  stability: 'whether the cause looked likely to recur',
};

const CONDITION: Record<string, [string, string]> = {
  severity: ['the failure was minor', 'the failure was severe'],
  prior_failures: ["it was the customer's first failure", 'the customer had failed before'],
  controllability: ["the cause lay outside the firm's control", "the cause lay in the firm's control"],
  stability: ['the cause looked one-off', 'the cause looked likely to recur'],
};

/** The estimate (direction), p and name of the design's main test; `refused` where R refuses it. */
export function mainTest(t: DesignTests): { estimate: number; p: number; name: string; refused?: string } | null {
  if (t.paired_t) return { ...t.paired_t, name: 'paired t-test' };
  if (t.welch_t) return { ...t.welch_t, name: 'Welch t-test' };
  if (t.prop_test) return { ...t.prop_test, name: 'test of proportions' };
  if (t.binom_test) return { estimate: t.binom_test.estimate - 0.5, p: t.binom_test.p, name: 'exact binomial test' };
  return null;
}

/** What the interaction tests say, after Holm's correction: the only ground for "depends on". */
function moderation(doc: TestDoc, alpha: number): string[] {
  const tested = doc.interactions.filter((i) => !i.refused);
  if (!tested.length) return [];
  const effect = doc.binary
    ? doc.design === 'between'
      ? 'the odds of satisfaction against the control group'
      : doc.design === 'baseline'
        ? 'the share satisfied'
        : 'the paradox rate'
    : doc.design === 'between'
      ? 'the difference from the control group'
      : doc.design === 'baseline'
        ? 'the difference from the baseline'
        : 'the change in satisfaction';
  const claims = tested
    .filter((i) => i.p_holm < alpha)
    .map((i) => {
      const [low, high] = CONDITION[i.factor];
      return `${i.estimate > 0 ? 'larger' : 'smaller'} where ${high} than where ${low} (p ${formatP(i.p_holm)})`;
    });
  const depends = tested.filter((i) => i.p_holm < alpha).map((i) => FACTOR[i.factor]);
  if (claims.length)
    return [`The paradox depends on ${list(depends)} (interaction tests, Holm-adjusted): ${effect} is ${list(claims)}.`];
  return [
    `These data do not show that the paradox depends on Magnini's conditions: no interaction test is significant after Holm's correction for the ${tested.length} factor${tested.length > 1 ? 's' : ''} tested${tested.length > 1 ? ` (smallest adjusted p ${formatP(Math.min(...tested.map((i) => i.p_holm)))})` : ''}.`,
  ];
}

/** TOST: equivalence is claimed where both one-sided tests reject, never from a non-significant difference. */
function equivalenceReading(doc: TestDoc, alpha: number): string {
  const e = doc.equivalence!;
  const what = doc.design === 'between' ? 'the difference from the control group' : doc.design === 'baseline' ? 'the difference from the stated baseline' : 'the mean change';
  // No spread at all (every change the same): R's interval is NaN, and the reading says why there is none.
  const ci = e.ci.every(Number.isFinite) ? `${Math.round(e.conf_level * 100)}% CI [${e.ci.map((x) => fixed(x, 2)).join(', ')}]` : 'no interval: every value is the same';
  return e.p < alpha
    ? `Satisfaction is restored to par within ±${e.delta} scale points: ${what} is shown to lie between −${e.delta} and ${e.delta} (two one-sided tests, p ${formatP(e.p)}, ${ci}).`
    : `Equivalence within ±${e.delta} scale points is not shown: ${what} may lie outside that margin (two one-sided tests, p ${formatP(e.p)}, ${ci}).`;
}

const list = (xs: string[]) => (xs.length < 2 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);

export function paradoxReading(doc: TestDoc): string {
  const alpha = 1 - doc.conf_level;
  const sentences: string[] = [];
  const [higher, lower, same] =
    doc.design === 'within' || doc.design === 'history'
      ? [
          'post-recovery satisfaction is higher than pre-failure satisfaction',
          'post-recovery satisfaction is lower than pre-failure satisfaction',
          'post-recovery satisfaction does not differ significantly from pre-failure satisfaction',
        ]
      : doc.design === 'baseline'
        ? [
            `post-recovery satisfaction is higher than the stated baseline ${doc.baseline} (the satisfaction without a failure)`,
            `post-recovery satisfaction is lower than the stated baseline ${doc.baseline}`,
            `post-recovery satisfaction does not differ significantly from the stated baseline ${doc.baseline}`,
          ]
        : [
          'satisfaction after a failure and its recovery is higher than in the control group without a failure',
          'satisfaction after a failure and its recovery is lower than in the control group',
          "satisfaction after a failure and its recovery does not differ significantly from the control group's",
        ];
  const t = mainTest(doc);
  if (doc.mcnemar) {
    const pr = doc.paradox_rate!;
    const p = doc.mcnemar.p;
    sentences.push(
      Number.isNaN(p)
        ? `No customer changed from satisfied to not satisfied or back, so McNemar's test is undefined on these data.`
        : `${pr.k} of ${pr.n} customers (${(pr.rate * 100).toFixed(1)}%) went from not satisfied to satisfied; McNemar's test ${p < alpha ? 'finds' : 'finds no'} significant change in satisfaction (p ${formatP(p)}).`,
    );
  } else if (t?.refused)
    sentences.push(`The ${t.name} cannot be computed: ${t.refused}, and R's t.test refuses such data; no conclusion about the paradox is drawn from it.`);
  else if (!t || Number.isNaN(t.p))
    sentences.push(`The ${t?.name ?? 'test'} is undefined on these data (there is no difference at all), so it draws no conclusion.`);
  else {
    const significant = t.p < alpha;
    if (significant && t.estimate > 0) sentences.push(`These data show the service recovery paradox: ${higher} (p ${formatP(t.p)}).`);
    else if (significant && t.estimate < 0)
      sentences.push(`These data do not show the paradox: ${lower} (p ${formatP(t.p)}); the recovery did not restore satisfaction on average.`);
    else sentences.push(`These data do not show the paradox on average: ${same} (p ${formatP(t.p)}).`);
  }
  if (doc.equivalence) sentences.push(equivalenceReading(doc, alpha));
  sentences.push(...moderation(doc, alpha));
  if (doc.paradox_rate && !doc.mcnemar)
    sentences.push(
      // Binary: a case is satisfied or not; the stated baseline is a share of cases, which no one case is above.
      doc.design === 'baseline' && doc.prop_test
        ? `${(doc.paradox_rate.rate * 100).toFixed(1)}% of cases were satisfied, against the stated share of ${(doc.baseline! * 100).toFixed(1)}%.`
        : `${(doc.paradox_rate.rate * 100).toFixed(1)}% of cases ended above ${doc.design === 'baseline' ? `the stated baseline ${doc.baseline}` : 'their pre-failure satisfaction'}.`,
    );
  return sentences.join(' ');
}
