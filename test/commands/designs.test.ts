/**
 * The designs (SPEC §3.5) with known answers: between against R's t.test and prop.test overall, per
 * segment, per period and per condition level; baseline against R's one-sample t.test and prop.test;
 * history against a hand count of each customer's previous satisfaction; post-only saying in one
 * line why it has no outcome. R's numbers: test/fixtures/r/designs.r.json (`Rscript designs.R`,
 * data from `node make-designs.mjs`).
 */
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { fixture, readJson, srp, tempDir } from '../helpers.js';

const r = readJson(fixture('r/designs.r.json'));
const json = (args: string[]) => {
  const res = srp([...args, '--format', 'json']);
  if (res.code !== 0) throw new Error(`exit ${res.code}: ${res.stderr}`);
  return JSON.parse(res.stdout);
};
const write = (dir: string, name: string, text: string) => {
  writeFileSync(`${dir}/${name}`, text);
  return `${dir}/${name}`;
};
const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(b)));
/** A comparison of srp.report/1 against R's test (t.test or prop.test). */
function same(c: any, e: any) {
  close(c.difference, e.difference);
  close(c.statistic, e.statistic);
  close(c.p, e.p);
  c.ci.forEach((x: number, i: number) => close(x, e.ci[i]));
  if (e.df !== undefined) close(c.df, e.df);
}

describe('between: failure cases against the control group', () => {
  it('numeric satisfaction: Welch t as R, overall, per --by segment, per --period and per condition level', () => {
    const doc = json(['report', '--by', 'team', '--period', 'month', fixture('r/between-segments.csv')]);
    expect(doc.design).toBe('between');
    expect(doc.comparison.test).toBe('welch_t');
    same(doc.comparison, r.numeric.overall);
    for (const s of doc.segments) same(s.comparison, r.numeric.team[s.segment]);
    for (const p of doc.periods) same(p.comparison, r.numeric.month[p.period]);
    for (const level of ['low', 'middle', 'high']) same(doc.conditions.find((c: any) => c.factor === 'severity' && c.level === level).comparison, r.numeric.severity[level]);
    expect(doc.comparison.failure.n + doc.comparison.control.n).toBe(360);
    // Control cases are the baseline, not scored; failure cases above the control mean ended in the paradox.
    expect(doc.input.cases).toBe(360);
    expect(doc.observed.n).toBe(doc.comparison.failure.n);
  });

  it('binary satisfaction: prop.test as R, overall, per segment and per period', () => {
    const doc = json(['report', '--by', 'team', '--period', 'month', fixture('r/between-segments-binary.csv')]);
    expect(doc.comparison.test).toBe('prop_test');
    same(doc.comparison, r.binary.overall);
    for (const s of doc.segments) same(s.comparison, r.binary.team[s.segment]);
    for (const p of doc.periods) same(p.comparison, r.binary.month[p.period]);
    expect(doc.polarity).toEqual({ satisfied: [{ value: 'satisfied', cases: expect.any(Number) }], dissatisfied: [{ value: 'dissatisfied', cases: expect.any(Number) }] });
    // A failure case's outcome is whether it was satisfied: the text says so, not "ended above their baseline".
    const text = srp(['report', fixture('r/between-segments-binary.csv')]).stdout;
    expect(text).toContain(`observed: ${doc.observed.paradox} of ${doc.observed.n} failure cases satisfied`);
    expect(text).not.toMatch(/ended above/);
    expect(srp(['test', fixture('r/between-segments-binary.csv')]).stdout).not.toMatch(/post > pre/);
  });

  it('a group with one failure case says which side is too small, not R\'s "not enough \'x\' observations" alone', () => {
    const dir = tempDir();
    const rows = ['case_id,group,region,post_satisfaction', 'f0,failure,solo,4', 'c0,control,solo,3', 'c1,control,solo,5'];
    for (let i = 0; i < 20; i++) rows.push(`f${i + 1},failure,many,${1 + (i % 5)}`, `c${i + 2},control,many,${1 + ((i * 3) % 5)}`);
    const doc = json(['report', '--by', 'region', write(dir, 'solo.csv', rows.join('\n') + '\n')]);
    expect(doc.segments.find((g: any) => g.segment === 'solo').comparison.refused).toBe("fewer than 2 failure cases with post satisfaction (R: not enough 'x' observations)");
    // The whole input of one failure and one control case: the line says why in full (a cap on the line had cut it), in the singular.
    const text = srp(['report', write(dir, 'two.csv', 'case_id,group,post_satisfaction\nA,failure,3\nB,control,4\n')]).stdout;
    expect(text).toContain(
      "comparison: 1 failure case (mean 3.00) against the control group without a failure (1 case, mean 4.00): the test is not computed: fewer than 2 failure cases with post satisfaction (R: not enough 'x' observations)\n",
    );
  });

  it('--by: an empty cell and a missing marker (?, N/A, -) are one segment, (missing)', () => {
    const dir = tempDir();
    const rows = ['case_id,group,region,post_satisfaction', ...Array.from({ length: 40 }, (_, i) => `r${i},${i % 2 ? 'failure' : 'control'},${['North', '?', 'N/A', '', '-'][i % 5]},${1 + (i % 5)}`)];
    const doc = json(['report', '--by', 'region', write(dir, 'regions.csv', rows.join('\n') + '\n')]);
    expect(doc.segments.map((g: any) => [g.segment, g.n + g.comparison.control.n])).toEqual([
      ['(missing)', 32],
      ['North', 8],
    ]);
  });

  it("binary comparisons with an expected count below 5 carry R's warning where R gives it (a small segment), and not elsewhere", () => {
    const dir = tempDir();
    // Segment tiny: 5 of 10 failure and 8 of 10 control cases satisfied; R prop.test(c(5, 8), c(10, 10)) warns, p = 0.3484426.
    const rows = ['case_id,group,region,post_satisfaction'];
    for (let i = 0; i < 10; i++) rows.push(`tf${i},failure,tiny,${i < 5 ? 'yes' : 'no'}`, `tc${i},control,tiny,${i < 8 ? 'yes' : 'no'}`);
    for (let i = 0; i < 200; i++) rows.push(`bf${i},failure,big,${i % 2 ? 'yes' : 'no'}`, `bc${i},control,big,${i % 3 ? 'yes' : 'no'}`);
    writeFileSync(`${dir}/small.csv`, rows.join('\n') + '\n');
    const doc = json(['report', '--by', 'region', `${dir}/small.csv`]);
    const tiny = doc.segments.find((g: any) => g.segment === 'tiny').comparison;
    close(tiny.p, 0.3484426);
    expect(tiny.approximate).toBe(true);
    expect(doc.segments.find((g: any) => g.segment === 'big').comparison.approximate).toBeUndefined();
    expect(doc.comparison.approximate).toBeUndefined();
    expect(doc.warnings.join('\n')).toMatch(/prop.test: Chi-squared approximation may be incorrect .* for region tiny/);
    // The text report marks the p-value itself, for a reader who never sees standard error.
    const tinyRow = srp(['report', '--by', 'region', `${dir}/small.csv`]).stdout.split('\n').find((l) => /^\s*tiny\b/.test(l));
    expect(tinyRow).toMatch(/= \.348 \(approximate\)/);
    // One-sample, as R prop.test(x, n, p = 0.9) warns where n·(1 − p) < 5.
    const one = srp(['test', '--baseline', '0.9', write(dir, 'one.csv', 'case_id,post_satisfaction\n' + Array.from({ length: 30 }, (_, i) => `o${i},${i % 4 ? 'yes' : 'no'}`).join('\n') + '\n')]);
    expect(one.stderr).toMatch(/prop.test: Chi-squared approximation may be incorrect/);
  });

  it('fit estimates the model on the failure cases, each outcome against the control mean', () => {
    const doc = json(['fit', fixture('r/between-segments.csv')]);
    expect(doc).toMatchObject({ design: 'between', n: 240 });
    expect(doc.terms.map((t: any) => t.term)).toEqual(['intercept', 'severity', 'recovery_quality']);
  });

  it('score marks control cases as the baseline: no probability, verdict control', () => {
    const doc = json(['score', fixture('r/between-segments.csv')]);
    expect(doc.design).toBe('between');
    const control = doc.cases.find((c: any) => c.group === 'control');
    expect(control).toMatchObject({ probability: null, range: null, verdict: 'control', observed: null });
    const failure = doc.cases.find((c: any) => c.group === 'failure');
    expect(failure.observed).toMatch(/paradox|not restored/);
  });
});

describe('baseline: a stated pre-failure level', () => {
  it('numeric: the failure cases against --baseline, as R t.test(post, mu = 3.8)', () => {
    const doc = json(['report', '--design', 'baseline', '--baseline', '3.8', fixture('r/between-segments.csv')]);
    expect(doc.design).toBe('baseline');
    expect(doc.comparison).toMatchObject({ test: 't_test', baseline: 3.8, control: null });
    // The failure cases are compared with the stated level; control cases (no failure) are not scored, and it is said.
    expect(doc.comparison.failure.n).toBe(240);
    expect(doc.observed.n).toBe(240);
    expect(doc.design_reason).toMatch(/control cases \(group control\) are not scored/);
    expect(doc.warnings.join('\n')).toMatch(/design baseline: 120 control cases \(group control\) not scored/);
    // R's t.test(post, mu) estimates the mean; the comparison is the mean less the baseline.
    const e = r.baseline_numeric;
    same(doc.comparison, { ...e, difference: e.difference - 3.8, ci: e.ci.map((x: number) => x - 3.8) });
  });

  it('control cases are not failures, and cases of unknown group are not compared: report, score and test alike, numeric and binary', () => {
    const dir = tempDir();
    // The helper's example: 3 failure cases, 4 controls at the top; with the controls counted, report said p = .047.
    writeFileSync(`${dir}/bl.csv`, 'case_id,group,post_satisfaction\nf1,failure,5\nf2,failure,2\nf3,failure,3\nc1,control,5\nc2,control,5\nc3,control,4\nc4,control,5\n');
    const report = json(['report', '--baseline', '3', `${dir}/bl.csv`]);
    // R: t.test(c(5, 2, 3), mu = 3) gives t = 0.3779645, df = 2, p = 0.7418011.
    expect(report.comparison.failure.n).toBe(3);
    close(report.comparison.statistic, 0.3779645);
    close(report.comparison.p, 0.7418011);
    const score = json(['score', '--baseline', '3', `${dir}/bl.csv`]);
    expect(score.cases.map((c: any) => c.verdict === 'control')).toEqual([false, false, false, true, true, true, true]);
    expect(score.cases.filter((c: any) => c.observed === 'paradox').map((c: any) => c.case_id)).toEqual(['f1']);
    const test = json(['test', '--baseline', '3', `${dir}/bl.csv`]);
    expect(test.n).toBe(3);
    close(test.paired_t.p, 0.7418011);
    // Binary: the share satisfied of the failure cases only, as R prop.test(1, 3, p = 0.5).
    writeFileSync(`${dir}/bin.csv`, 'case_id,group,post_satisfaction\nf1,failure,yes\nf2,failure,no\nf3,failure,no\nc1,control,yes\nc2,control,yes\nc3,control,yes\n');
    const bin = json(['test', '--baseline', '0.5', `${dir}/bin.csv`]);
    expect(bin.n).toBe(3);
    expect(bin.paradox_rate).toMatchObject({ k: 1, n: 3 });
    expect(bin.warnings.join('\n')).toMatch(/3 control cases \(group control\) not scored/);
    // Cases of unknown group (empty, a missing marker) are scored but not compared: they may be controls.
    writeFileSync(`${dir}/unknown.csv`, 'case_id,group,post_satisfaction\nf1,failure,5\nf2,failure,2\nf3,failure,3\nc1,control,5\nu1,,5\nu2,?,1\nc2,control,\n');
    const mixed = json(['report', '--baseline', '3', `${dir}/unknown.csv`]);
    expect(mixed.comparison.failure.n).toBe(3);
    expect(mixed.observed.n).toBe(3);
    expect(mixed.warnings.join('\n')).toMatch(/2 control cases \(group control\) not scored; 2 cases of unknown group scored but not compared/);
    const unknown = json(['score', '--baseline', '3', `${dir}/unknown.csv`]).cases.filter((c: any) => c.case_id.startsWith('u'));
    expect(unknown.map((c: any) => [c.observed, c.probability !== null])).toEqual([
      [null, true],
      [null, true],
    ]);
    expect(json(['test', '--baseline', '3', `${dir}/unknown.csv`]).n).toBe(3);
  });

  it('a complaints export with only a dispute flag (Yes = still dissatisfied): the share satisfied against the mapping\'s baseline, as R prop.test(x, n, p = 0.8)', () => {
    const dir = tempDir();
    writeFileSync(
      `${dir}/cfpb.json`,
      JSON.stringify({ baseline: 0.8, columns: { case_id: 'Complaint ID', severity: 'Priority', post_satisfaction: { column: 'Consumer disputed?', values: { Yes: 'dissatisfied', No: 'satisfied' } } } }),
    );
    const doc = json(['report', '--map', `${dir}/cfpb.json`, fixture('r/complaints-disputed.csv')]);
    expect(doc.design).toBe('baseline');
    const e = r.baseline_binary;
    expect(doc.comparison).toMatchObject({ test: 'prop_test', baseline: 0.8, failure: { n: e.n, satisfied_share: e.x / e.n } });
    close(doc.comparison.statistic, e.statistic);
    close(doc.comparison.p, e.p);
    doc.comparison.ci.forEach((x: number, i: number) => close(x, e.ci[i] - 0.8));
    expect(doc.observed).toMatchObject({ n: e.n, paradox: e.x });
    // Which answer was read which way is visible at once.
    expect(doc.polarity).toEqual({ satisfied: [{ value: 'No', cases: e.x }], dissatisfied: [{ value: 'Yes', cases: e.n - e.x }] });
    const test = json(['test', '--map', `${dir}/cfpb.json`, fixture('r/complaints-disputed.csv')]);
    expect(test).toMatchObject({ design: 'baseline', baseline: 0.8 });
    close(test.prop_test.statistic, e.statistic);
    close(test.prop_test.p, e.p);
    const text = srp(['validate', '--map', `${dir}/cfpb.json`, fixture('r/complaints-disputed.csv')]).stdout;
    expect(text).toMatch(/read as satisfied: +'No' \(181\)\n +read as dissatisfied: 'Yes' \(59\)/);
    // A case is satisfied or not; the baseline is a share of cases, which no one case ends above.
    const report = srp(['report', '--map', `${dir}/cfpb.json`, fixture('r/complaints-disputed.csv')]).stdout;
    expect(report).toContain('observed: 181 of 240 cases satisfied (75.4%, 95% CI [69.6%, 80.4%]), 59 dissatisfied; against the stated share satisfied: the comparison above');
    const reading = srp(['test', '--map', `${dir}/cfpb.json`, fixture('r/complaints-disputed.csv')]).stdout;
    expect(reading).toContain('75.4% of cases were satisfied, against the stated share of 80.0%.');
    for (const out of [report, reading]) expect(out).not.toMatch(/ended above/);
  });
});

describe("history: pre derived from the customer's previous satisfaction", () => {
  /** A ticket export, one CSAT per ticket, customers with several tickets, listed newest first. */
  function tickets() {
    const rows: { id: string; customer: string; day: number; csat: number | null }[] = [];
    let seed = 3;
    const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    for (let i = 0; i < 400; i++) {
      const customer = `c${Math.floor(random() * 90)}@x.example`;
      rows.push({ id: `T${i}`, customer, day: 1 + Math.floor(random() * 200), csat: random() < 0.2 ? null : 1 + Math.floor(random() * 5) });
    }
    return rows;
  }

  it('pairs each ticket with the customer\'s most recent earlier CSAT: the same pairs as a hand count, case by case', () => {
    const rows = tickets();
    const dir = tempDir();
    const date = (day: number) => new Date(Date.UTC(2026, 0, day)).toISOString().slice(0, 10);
    const newestFirst = [...rows].reverse();
    writeFileSync(`${dir}/tickets.csv`, 'Ticket ID,Email,Created,Priority,CSAT\n' + newestFirst.map((t) => `${t.id},${t.customer},${date(t.day)},Low,${t.csat ?? ''}`).join('\n') + '\n');
    writeFileSync(
      `${dir}/map.json`,
      JSON.stringify({
        columns: {
          case_id: 'Ticket ID',
          severity: 'Priority',
          post_satisfaction: { column: 'CSAT', scale: [1, 5] },
          pre_satisfaction: { derive: 'previous_value', of: 'post_satisfaction', customer: 'Email', date: 'Created' },
          prior_failures: { derive: 'previous_cases', customer: 'Email', date: 'Created' },
        },
      }),
    );
    // The hand count: by date, ties in input order (here: the file's order, newest first).
    const order = newestFirst.map((t, i) => ({ ...t, i })).sort((a, b) => a.day - b.day || a.i - b.i);
    const expected = new Map<string, { pre: number | null; prior: number }>();
    const last = new Map<string, number>();
    const seen = new Map<string, number>();
    for (const t of order) {
      expected.set(t.id, { pre: last.get(t.customer) ?? null, prior: seen.get(t.customer) ?? 0 });
      seen.set(t.customer, (seen.get(t.customer) ?? 0) + 1);
      if (t.csat !== null) last.set(t.customer, t.csat);
    }
    const doc = json(['score', '--map', `${dir}/map.json`, `${dir}/tickets.csv`]);
    expect(doc.design).toBe('history');
    for (const c of doc.cases) {
      expect(c.pre, c.case_id).toBe(expected.get(c.case_id)!.pre);
      expect(c.factors.prior_failures).toBe(Math.min(expected.get(c.case_id)!.prior, 2) / 2);
    }
    const pairs = [...expected].filter(([id, e]) => e.pre !== null && rows.find((t) => t.id === id)!.csat !== null);
    const report = json(['report', '--map', `${dir}/map.json`, `${dir}/tickets.csv`]);
    expect(report.observed.n).toBe(pairs.length);
    expect(report.observed.paradox).toBe(pairs.filter(([id, e]) => rows.find((t) => t.id === id)!.csat! > e.pre!).length);
    expect(json(['test', '--map', `${dir}/map.json`, `${dir}/tickets.csv`])).toMatchObject({ design: 'history', n: pairs.length });
  });

  it('within_days ignores earlier values older than that', () => {
    const dir = tempDir();
    writeFileSync(`${dir}/t.csv`, 'id,customer,date,severity,csat\n1,a,2026-01-01,0.2,3\n2,a,2026-01-20,0.2,4\n3,a,2026-03-30,0.2,5\n');
    writeFileSync(`${dir}/m.json`, JSON.stringify({ columns: { case_id: 'id', post_satisfaction: { column: 'csat', scale: [1, 5] }, pre_satisfaction: { derive: 'previous_value', of: 'post_satisfaction', customer: 'customer', date: 'date', within_days: 30 } } }));
    expect(json(['score', '--map', `${dir}/m.json`, `${dir}/t.csv`]).cases.map((c: any) => c.pre)).toEqual([null, 3, null]);
  });
});

describe('post-only: no baseline', () => {
  it('the report says in one line why there is no outcome and shows satisfaction by predicted probability; test refuses with exit 3', () => {
    const dir = tempDir();
    writeFileSync(`${dir}/post.csv`, 'case_id,severity,recovery_quality,post_satisfaction\n' + Array.from({ length: 30 }, (_, i) => `P${i},0.${i % 9},0.${(i * 7) % 10},${1 + (i % 5)}`).join('\n') + '\n');
    const doc = json(['report', `${dir}/post.csv`]);
    expect(doc.design).toBe('post-only');
    expect(doc.observed.n).toBe(0);
    expect(doc.observed.why_none).toMatch(/give --baseline VALUE .*a control group .*derive pre_satisfaction/);
    expect(doc.satisfaction_by_probability.reduce((n: number, b: any) => n + b.n, 0)).toBe(30);
    expect(srp(['report', `${dir}/post.csv`]).stdout).toMatch(/observed: none — the paradox needs a baseline/);
    const test = srp(['test', `${dir}/post.csv`]);
    expect(test.code).toBe(3);
    expect(test.stderr).toMatch(/no baseline \(design post-only\)/);
  });
});

describe('score --keep', () => {
  it('passes identifying columns through to every format; CSV carries pre, post, group and observed', () => {
    const path = fixture('r/between-segments.csv');
    const doc = json(['score', '--keep', 'team,created', path]);
    expect(doc.cases[0].keep).toEqual({ team: 'A', created: '2026-03-08' });
    const csv = srp(['score', '--format', 'csv', '--keep', 'team', path]).stdout.split('\n');
    expect(csv[0]).toBe('case_id,file,line,severity,prior_failures,controllability,stability,recovery_quality,assumed,probability,potential,verdict,drivers,observed,range_low,range_high,group,pre,post,team');
    expect(csv[1]).toMatch(/^D0,.*,control,,,,,control,,4,A$/);
    expect(JSON.parse(srp(['score', '--format', 'ndjson', '--keep', 'team', path]).stdout.split('\n')[1]).keep).toEqual({ team: 'A' });
    const missing = srp(['score', '--keep', 'nosuch', path]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/--keep column 'nosuch' is not in the header/);
  });
});

describe('a design the input cannot support is an error, not a report about nothing', () => {
  const file = (name: string, text: string) => {
    const path = `${tempDir()}/${name}`;
    writeFileSync(path, text);
    return path;
  };
  it('--baseline off the scale: a usage error (exit 2), binary or numeric', () => {
    const binary = file('b.csv', 'case_id,severity,post_satisfaction\nA,0.2,satisfied\nB,0.8,dissatisfied\nC,0.5,satisfied\n');
    expect(srp(['report', '--baseline', '4', binary])).toMatchObject({
      code: 2,
      stderr: 'srp: --baseline 4: satisfaction is binary here (satisfied or not), so the baseline is the share satisfied without a failure, between 0 and 1\n',
    });
    expect(srp(['report', '--baseline', '0.8', binary]).code).toBe(0);
    const numeric = file('n.csv', 'case_id,severity,post_satisfaction\nA,0.2,4\nB,0.8,2\nC,0.5,5\n');
    expect(srp(['test', '--baseline', '9', numeric])).toMatchObject({ code: 2, stderr: 'srp: --baseline 9 is outside the satisfaction scale 1–5\n' });
  });
  it('--baseline, --design within or between without the columns they need: an input error (exit 3) saying what is missing', () => {
    const none = file('s.csv', 'case_id,severity\nA,0.2\nB,0.8\n');
    expect(srp(['report', '--baseline', '3', none])).toMatchObject({ code: 3, stderr: expect.stringMatching(/--baseline: no case has post_satisfaction/) });
    const post = file('p.csv', 'case_id,severity,post_satisfaction\nA,0.2,4\nB,0.8,2\n');
    expect(srp(['report', '--design', 'within', post])).toMatchObject({ code: 3, stderr: expect.stringMatching(/--design within: no case has both pre_satisfaction and post_satisfaction/) });
    expect(srp(['score', '--design', 'between', post])).toMatchObject({ code: 3, stderr: expect.stringMatching(/--design between: .*the input has 0 failure and 0 control cases/) });
  });
  it('test on a baseline design speaks of the stated baseline, not of a control group or pre-failure satisfaction', () => {
    const numeric = file('n.csv', 'case_id,severity,post_satisfaction\n' + Array.from({ length: 20 }, (_, i) => `A${i},0.${i % 9},${1 + (i % 5)}`).join('\n') + '\n');
    const doc = json(['test', '--baseline', '3.5', numeric]);
    expect(doc.summary).toMatch(/the stated baseline 3.5/);
    expect(doc.summary).not.toMatch(/control group|pre-failure/);
    expect(srp(['test', '--baseline', '3.5', numeric]).stdout).toMatch(/Paradox rate \(post > baseline\)/);
    expect(doc.interactions.map((i: any) => i.r)).toEqual(['t.test(d[high], d[low]), d = post − the stated baseline']);
  });
});
