import { describe, expect, it } from 'vitest';
import { parseCondition } from '../../src/cli/fail-if.js';
import { srp } from '../helpers.js';

describe('--fail-if expressions (never eval)', () => {
  const doc = { observed: { rate: 0.15, n: 10 }, predicted: { mean_probability: 0.3 }, calibration: { auc: null } };
  it.each([
    ['observed.rate < 0.2', true],
    ['observed.rate >= 0.2', false],
    ['observed.rate < 20%', true],
    ['observed.n == 10 and predicted.mean_probability > 0.5', false],
    ['observed.n = 10 && (predicted.mean_probability > 0.5 || observed.rate < 0.2)', true],
    ['not observed.rate < 0.2', false],
    ['calibration.auc < 0.6', false],
  ])('%s → %s', (text, expected) => {
    expect(parseCondition(text).test(doc)).toBe(expected);
  });
  it.each(['observed.rate <', 'process.exit(1)', 'observed.rate < 0.2 )', '1 +', ''])('refuses %j as a usage error', (text) => {
    expect(() => parseCondition(text)).toThrow(/--fail-if/);
  });
});

describe('--fail-if exit codes over the bundled sample', () => {
  const sample = 'data/sample-incidents.csv';
  it('exits 0 when the condition does not hold', () => {
    expect(srp(['report', '--format', 'json', '--fail-if', 'observed.rate < 0.1', sample]).code).toBe(0);
  });
  it('exits 1 when it holds, still writing the report, and says which', () => {
    const r = srp(['report', '--format', 'json', '--fail-if', 'observed.rate < 0.2', sample]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).schema).toBe('srp.report/1');
    expect(r.stderr).toContain('srp: --fail-if held: observed.rate < 0.2');
  });
  it('exits 2 for a bad expression or an unknown field', () => {
    expect(srp(['report', '--fail-if', 'observed.rate <<', sample]).code).toBe(2);
    const typo = srp(['report', '--fail-if', 'observed.rat < 0.2', sample]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/'observed.rat' is not a field of the result \(for example observed.rate, /);
    expect(typo.stdout).toBe('');
    // The examples are fields the command's result has.
    expect(srp(['test', '--fail-if', 'observed.rate < 0.2', sample]).stderr).toMatch(/is not a field of the result \(for example paired_t.p, effect_size.value, paradox_rate.rate\)/);
  });
  it('exits 2 for a field that is text or a group of fields, which no number compares with (it was silently false)', () => {
    const text = srp(['report', '--fail-if', 'design == 1', sample]);
    expect([text.code, text.stdout]).toEqual([2, '']);
    expect(text.stderr).toMatch(/'design' is text, not a number/);
    expect(srp(['report', '--fail-if', 'observed > 0', sample]).stderr).toMatch(/'observed' is a group of fields, not a number/);
    // A number alone holds when it is not zero.
    expect(srp(['report', '--format', 'json', '--fail-if', 'input.rejected', sample]).code).toBe(1);
    // Below a field this design leaves null (the sample, within, has no comparison) the condition is false, and the report is written.
    const none = srp(['report', '--format', 'json', '--fail-if', 'comparison.difference < 0', sample]);
    expect(none.code).toBe(0);
    expect(JSON.parse(none.stdout).comparison).toBeNull();
  });
});
