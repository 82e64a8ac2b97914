/**
 * The plain-language reading of srp.test/1 (its `summary`): does the paradox show, and under which
 * of Magnini's conditions. Never a conclusion from a test R refuses or one that is undefined.
 */
import { formatP } from '../../wording.js';
import type { DesignTests, TestDoc } from './doc.js';

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

export function paradoxReading(doc: TestDoc): string {
  const alpha = 1 - doc.conf_level;
  const sentences: string[] = [];
  const [higher, lower, same] =
    doc.design === 'within'
      ? [
          'post-recovery satisfaction is higher than pre-failure satisfaction',
          'post-recovery satisfaction is lower than pre-failure satisfaction',
          'post-recovery satisfaction does not differ significantly from pre-failure satisfaction',
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
  const where: string[] = [];
  const notWhere: string[] = [];
  for (const m of doc.moderators) {
    const mt = m.mcnemar ? null : mainTest(m);
    const text = CONDITION[m.factor][m.level === 'low' ? 0 : 1];
    if (mt && !mt.refused && mt.p < alpha && mt.estimate > 0) where.push(text);
    else notWhere.push(text);
  }
  if (where.length) sentences.push(`It appears where ${where.join(', where ')}${notWhere.length ? `, and not where ${notWhere.join(', nor where ')}` : ''}.`);
  else if (doc.moderators.length) sentences.push(`It appears under none of Magnini's conditions taken one at a time.`);
  if (doc.paradox_rate && !doc.mcnemar) sentences.push(`${(doc.paradox_rate.rate * 100).toFixed(1)}% of cases ended above their pre-failure satisfaction.`);
  return sentences.join(' ');
}
