/** A plain-language reading of srp.test/1: does the paradox show, and under which of Magnini's conditions. */
import type { DesignTests, TestDoc } from './test.js';

const CONDITION: Record<string, [string, string]> = {
  severity: ['the failure was minor', 'the failure was severe'],
  prior_failures: ["it was the customer's first failure", 'the customer had failed before'],
  controllability: ["the cause lay outside the firm's control", "the cause lay in the firm's control"],
  stability: ['the cause looked one-off', 'the cause looked likely to recur'],
};

/** The estimate (direction) and p of the design's main test. */
export function mainTest(t: DesignTests): { estimate: number; p: number } | null {
  if (t.paired_t) return t.paired_t;
  if (t.welch_t) return t.welch_t;
  if (t.prop_test) return t.prop_test;
  return null;
}

export function paradoxSummary(doc: TestDoc): string {
  const alpha = 1 - doc.conf_level;
  const sentences: string[] = [];
  const [higher, lower, same] =
    doc.design === 'within'
      ? ['post-recovery satisfaction is higher than pre-failure satisfaction', 'post-recovery satisfaction is lower than pre-failure satisfaction', 'post-recovery satisfaction does not differ significantly from pre-failure satisfaction']
      : ['satisfaction after a failure and its recovery is higher than in the control group without a failure', 'satisfaction after a failure and its recovery is lower than in the control group', "satisfaction after a failure and its recovery does not differ significantly from the control group's"];
  if (doc.mcnemar) {
    const pr = doc.paradox_rate!;
    sentences.push(`${pr.k} of ${pr.n} customers (${(pr.rate * 100).toFixed(1)}%) went from not satisfied to satisfied; McNemar's test ${doc.mcnemar.p < alpha ? 'finds' : 'finds no'} significant change in satisfaction (p ${formatP(doc.mcnemar.p)}).`);
  } else {
    const t = mainTest(doc)!;
    const significant = t.p < alpha;
    if (significant && t.estimate > 0) sentences.push(`These data show the service recovery paradox: ${higher} (p ${formatP(t.p)}).`);
    else if (significant && t.estimate < 0) sentences.push(`These data do not show the paradox: ${lower} (p ${formatP(t.p)}); the recovery did not restore satisfaction on average.`);
    else sentences.push(`These data do not show the paradox on average: ${same} (p ${formatP(t.p)}).`);
  }
  const where: string[] = [];
  const notWhere: string[] = [];
  for (const m of doc.moderators) {
    const t = m.mcnemar ? null : mainTest(m);
    const text = CONDITION[m.factor][m.level === 'low' ? 0 : 1];
    if (t && t.p < alpha && t.estimate > 0) where.push(text);
    else notWhere.push(text);
  }
  if (where.length) sentences.push(`It appears where ${where.join(', where ')}${notWhere.length ? `, and not where ${notWhere.join(', nor where ')}` : ''}.`);
  else if (doc.moderators.length) sentences.push(`It appears under none of Magnini's conditions taken one at a time.`);
  if (doc.paradox_rate && !doc.mcnemar) sentences.push(`${(doc.paradox_rate.rate * 100).toFixed(1)}% of cases ended above their pre-failure satisfaction.`);
  return sentences.join(' ');
}

/** p as APA writes it: "< .001", else "= .042". */
export function formatP(p: number): string {
  if (!Number.isFinite(p)) return '= NA';
  if (p < 0.001) return '< .001';
  return `= ${p.toFixed(3).replace(/^0/, '')}`;
}
