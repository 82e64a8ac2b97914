/**
 * Mapping expressions (SPEC §3.3): precedence, functions, dates, missing inputs, and mistakes
 * reported at their position. The parser never evaluates code: random text either parses or
 * fails with an ExpressionError, and random arithmetic gives what JavaScript gives.
 */
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkMapping } from '../../src/io/mapping.js';
import { evaluate, ExpressionError, ExpressionFailure, parseExpression, type Value } from '../../src/io/expr.js';
import { readAll, srp, tempDir } from '../helpers.js';

/** The expression's value on one row given as { column: cell } ('' and undefined are missing). */
const value = (text: string, row: Record<string, string> = {}, dateOrder: 'dmy' | 'mdy' = 'dmy'): Value =>
  evaluate(parseExpression(text), { decimalComma: false, dateOrder, cell: (c) => (row[c] === undefined || row[c] === '' ? null : row[c]) });
const position = (text: string) => {
  try {
    parseExpression(text);
  } catch (e) {
    if (e instanceof ExpressionError) return [e.position, e.message];
    throw e;
  }
  return null;
};

describe('precedence and arithmetic', () => {
  it.each([
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['10 - 4 - 3', 3],
    ['24 / 4 / 2', 3],
    ['-2 * 3', -6],
    ['--2', 2],
    ['2 * -3 + 1', -5],
    ['1 + 2 > 2', true],
    ['1 + 2 > 2 and 3 < 2', false],
    ['not 1 > 2 and 2 > 1', true],
    ['1 > 2 or 2 > 1 and 3 > 4', false],
    ['(1 > 2 or 2 > 1) and 3 < 4', true],
    ['2 = 2', true],
    ['2 == 2.0', true],
    ['2 != 3', true],
    ['1.5e2 / 10', 15],
  ])('%s = %s', (text, expected) => expect(value(text)).toBe(expected));

  it('reads columns by bare name, dotted name or `backquoted name`, and numbers written with a decimal comma', () => {
    expect(value('order_status', { order_status: 'delivered' })).toBe('delivered');
    expect(value('`Arrival Delay` / 60', { 'Arrival Delay': '90' })).toBe(1.5);
    expect(value('a.b + 1', { 'a.b': '1' })).toBe(2);
    expect(evaluate(parseExpression('x * 2'), { decimalComma: true, dateOrder: 'dmy', cell: () => '7,5' })).toBe(15);
  });

  it('compares numbers as numbers, dates as dates, other text by equality only', () => {
    expect(value('a < b', { a: '9', b: '10' })).toBe(true);
    expect(value('a < b', { a: '2024-03-09', b: '2024-03-10 00:00' })).toBe(true);
    expect(value("lower(a) == 'closed'", { a: 'Closed' })).toBe(true);
    expect(() => value('a < b', { a: 'open', b: 'closed' })).toThrow(ExpressionFailure);
  });
});

describe('functions', () => {
  it('if, coalesce, min, max, abs, lower, is_missing', () => {
    expect(value("if(a > 3, 'high', 'low')", { a: '5' })).toBe('high');
    expect(value("if(a > 3, 'high', 'low')", { a: '1' })).toBe('low');
    expect(value('coalesce(a, b, 0)', { b: '4' })).toBe('4');
    expect(value('coalesce(a, b, 0)')).toBe(0);
    expect(value('min(3, a, 2)', { a: '1' })).toBe(1);
    expect(value('max(3, a, 2)', { a: '1' })).toBe(3);
    expect(value('abs(a)', { a: '-2.5' })).toBe(2.5);
    expect(value('lower(a)', { a: 'ÅSA' })).toBe('åsa');
    expect(value('is_missing(a)')).toBe(true);
    expect(value('is_missing(a)', { a: 'x' })).toBe(false);
  });

  it('hours and days between two dates, negative when the second is earlier, in any written form', () => {
    expect(value('hours(a, b)', { a: '2024-03-01 08:00', b: '2024-03-01 17:30' })).toBe(9.5);
    expect(value('days(a, b)', { a: '2017-10-18 00:00:00', b: '2017-10-10 21:25:13' })).toBeCloseTo(-(2 * 3600 + 34 * 60 + 47) / 86400 - 7, 12);
    expect(value('days(a, b)', { a: '01/Mar/24 05:00 PM', b: '3 mars 2024' })).toBeCloseTo(1 + 7 / 24, 12);
    expect(value('days(a, b)', { a: '02/03/2024', b: '03/03/2024' }, 'mdy')).toBe(29);
    expect(value('hours(a, b)', { a: '2024-03-01T10:00:00+01:00', b: '2024-03-01T10:00:00Z' })).toBe(1);
  });
});

describe('missing inputs', () => {
  it('make the result missing, except where coalesce, if and is_missing look at them', () => {
    expect(value('a + 1')).toBeNull();
    expect(value('days(a, b)', { a: '2024-01-01' })).toBeNull();
    expect(value('a > b', { b: '2024-01-01' })).toBeNull();
    expect(value('-a')).toBeNull();
    expect(value("if(a > 1, 'x', 'y')")).toBeNull();
    expect(value("if(is_missing(a), 'none', 'some')")).toBe('none');
    // Three-valued logic: false and unknown is false; true or unknown is true.
    expect(value('1 > 2 and a > 1')).toBe(false);
    expect(value('2 > 1 or a > 1')).toBe(true);
    expect(value('2 > 1 and a > 1')).toBeNull();
  });
  it('a value that cannot be computed is a failure for the row, not a missing value', () => {
    expect(() => value('days(a, b)', { a: '2024-01-01', b: 'soon' })).toThrow("'soon' is not a date");
    expect(() => value('a / b', { a: '1', b: '0' })).toThrow('division by zero');
    expect(() => value('a + 1', { a: 'twelve' })).toThrow("'twelve' is not a number");
    expect(() => value("if(a, 1, 2)", { a: 'maybe' })).toThrow("'maybe' is not true or false");
  });
});

describe('mistakes, at their position', () => {
  it.each([
    ['1 +', 4, 'ends too early'],
    ['a >> b', 4, "unexpected '>'"],
    ['sqrt(a)', 1, "unknown function 'sqrt'"],
    ['if(a, b)', 1, 'if() takes 3 arguments, not 2'],
    ['(a + b', 7, "expected ')'"],
    ['a b', 3, "unexpected 'b'"],
    ['a $ b', 3, "cannot read '$ b'"],
    ['max()', 1, 'max() takes 1 or more arguments, not 0'],
    ['', 1, 'empty expression'],
    ['a and or b', 7, "unexpected 'or'"],
    ['``', 1, 'an empty column name'],
  ])('%j: at character %i, %s', (text, at, why) => expect(position(text)).toEqual([at, expect.stringContaining(why)]));

  it('deep nesting and very long expressions are refused, not a stack overflow', () => {
    expect(position('('.repeat(40) + '1' + ')'.repeat(40))?.[1]).toMatch(/nested more than 32 deep/);
    expect(position('-'.repeat(40) + '1')?.[1]).toMatch(/nested more than 32 deep/);
    expect(position('1+'.repeat(1200) + '1')?.[1]).toMatch(/at most 2000 are read/);
  });

  it('a mapping with a mistake is a usage error naming its path and position (exit 2)', () => {
    expect(() => checkMapping({ columns: { group: { expr: 'a > > b' } } }, 'map.json')).toThrow("map.json: columns.group.expr: at character 5: unexpected '>'");
    const dir = tempDir();
    writeFileSync(`${dir}/m.json`, JSON.stringify({ columns: { severity: { expr: 'days(a b)' } } }));
    writeFileSync(`${dir}/x.csv`, 'a,b\n1,2\n');
    const r = srp(['validate', '--map', `${dir}/m.json`, `${dir}/x.csv`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`srp: ${dir}/m.json: columns.severity.expr: at character 8: expected ',' or ')'\n`);
  });

  it('never throws anything but an ExpressionError on any text, and never runs it', () => {
    const pieces = fc.constantFrom('a', '`x y`', "'s'", '1', '2.5', '(', ')', ',', '+', '-', '*', '/', '<', '>=', '==', 'and', 'or', 'not', 'if', 'days', 'max', ' ', 'process', 'constructor', '__proto__', '$', '\\');
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string({ maxLength: 3 })), { maxLength: 30 }), (parts) => {
        try {
          const e = parseExpression(parts.join(''));
          expect(Array.isArray(e.columns)).toBe(true);
        } catch (err) {
          expect(err).toBeInstanceOf(ExpressionError);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('random arithmetic gives what JavaScript gives', () => {
    const num = fc.integer({ min: -50, max: 50 }).map(String);
    const expr: fc.Arbitrary<string> = fc.letrec((tie) => ({
      e: fc.oneof({ depthSize: 'small' }, num, fc.tuple(tie('e'), fc.constantFrom('+', '-', '*'), tie('e')).map(([a, op, b]) => `(${a} ${op} ${b})`)),
    })).e as fc.Arbitrary<string>;
    fc.assert(
      fc.property(expr, (text) => {
        expect(Number(value(text)) + 0).toBe(Function(`return ${text}`)() + 0);
      }),
      { numRuns: 500 },
    );
  });
});

describe('expressions in a mapping, row by row', () => {
  const orders = [
    'order_id,delivered,estimated,review',
    'o1,2017-10-10 21:25:13,2017-10-18 00:00:00,4',
    'o2,2018-08-17 18:06:29,2018-08-13 00:00:00,1',
    'o3,,2018-09-04 00:00:00,5',
    'o4,not yet,2018-09-04 00:00:00,3',
    'o5,2018-03-05 12:00:00,?,2',
  ].join('\n');
  const mapping = checkMapping({
    columns: {
      case_id: 'order_id',
      group: { expr: 'delivered > estimated', values: { yes: 'failure', no: 'control' } },
      severity: { expr: 'days(estimated, delivered)', scale: [0, 30], clip: true },
      post_satisfaction: { column: 'review', scale: [1, 5] },
    },
  });

  it('derives the failure group and severity from two dates; missing inputs leave them missing; a date that does not parse rejects the row naming the columns', async () => {
    const dir = tempDir();
    writeFileSync(`${dir}/orders.csv`, orders + '\n');
    const { cases, rejections } = await readAll([`${dir}/orders.csv`], { mapping });
    expect(cases.map((c) => [c.id, c.group, c.severity])).toEqual([
      ['o1', 'control', 0],
      ['o2', 'failure', (4 + (18 * 3600 + 6 * 60 + 29) / 86400) / 30],
      ['o3', null, null],
      ['o5', null, null],
    ]);
    expect(rejections).toEqual([
      {
        file: `${dir}/orders.csv`,
        line: 5,
        column: 'estimated, delivered',
        value: '2018-09-04 00:00:00, not yet',
        code: 'expr_failed',
        reason: "severity: 'not yet' is not a date (expression days(estimated, delivered))",
      },
    ]);
  });

  it('names a missing column as an input error (exit 3)', () => {
    const dir = tempDir();
    writeFileSync(`${dir}/orders.csv`, orders + '\n');
    writeFileSync(`${dir}/m.json`, JSON.stringify({ columns: { severity: { expr: 'days(estimated, shipped)' } } }));
    const r = srp(['validate', '--map', `${dir}/m.json`, `${dir}/orders.csv`]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/the mapping's severity\.expr names column 'shipped', which is not in the header/);
  });
});
