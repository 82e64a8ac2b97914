/**
 * A mapping expression (io/expr.ts) written in SQL, with the same meaning row by row: a missing
 * input makes the result missing (coalesce, if and is_missing look at missing values themselves),
 * and a value that cannot be computed (a number or ISO date that does not parse, a division by
 * zero) fails the row, as srp rejects it with `expr_failed`. Each node gives its value, its type
 * and when it fails; `if` and `coalesce` fail only through the branch they take.
 */
import type { Expression, Node } from '../io/expr.js';
import { BOOLEAN } from '../io/words.js';
import { foldSql, numberSql } from './cells.js';
import { epochMs, literal, numberLiteral, type Dialect } from './dialect.js';
import { RefusedError } from './refuse.js';

type Type = 'number' | 'text' | 'bool';
interface Sql {
  v: string;
  t: Type;
  /** A SQL condition: the row cannot be computed. */
  f: string;
  /** Text already trimmed as the reader trims (a column's cleaned cell). */
  trimmed?: boolean;
}

const or = (...conds: string[]) => {
  const real = conds.filter((c) => c !== 'FALSE');
  return real.length ? `(${real.join(' OR ')})` : 'FALSE';
};

/** The expression as text in SQL (what the column's converter reads) and the condition on which it fails. */
export function expressionSql(d: Dialect, e: Expression, column: (name: string) => string, decimalComma: boolean): { value: string; failed: string } {
  const num = (x: Sql): Sql => {
    if (x.t === 'number') return x;
    if (x.t === 'bool') return { v: `CASE WHEN ${x.v} THEN 1.0 WHEN NOT ${x.v} THEN 0.0 END`, t: 'number', f: x.f };
    const n = numberSql(d, x.trimmed ? x.v : d.trim(x.v), decimalComma);
    return { v: n, t: 'number', f: or(x.f, `(${x.v} IS NOT NULL AND ${n} IS NULL)`) };
  };
  const date = (x: Sql): Sql => {
    if (x.t !== 'text') return { v: 'NULL', t: 'number', f: or(x.f, `${x.v} IS NOT NULL`) };
    const ms = epochMs(d, x.trimmed ? x.v : d.trim(x.v));
    return { v: ms, t: 'number', f: or(x.f, `(${x.v} IS NOT NULL AND ${ms} IS NULL)`) };
  };
  const truth = (x: Sql): Sql => {
    if (x.t === 'bool') return x;
    if (x.t === 'number') return { v: `(${x.v} <> 0)`, t: 'bool', f: x.f };
    const key = foldSql(d, x.v);
    const yes = [...BOOLEAN]
      .filter(([, v]) => v === 1)
      .map(([w]) => literal(w))
      .join(', ');
    const no = [...BOOLEAN]
      .filter(([, v]) => v === 0)
      .map(([w]) => literal(w))
      .join(', ');
    return {
      v: `CASE WHEN ${key} IN (${yes}) THEN TRUE WHEN ${key} IN (${no}) THEN FALSE END`,
      t: 'bool',
      f: or(x.f, `(${x.v} IS NOT NULL AND ${key} NOT IN (${yes}, ${no}))`),
    };
  };
  const text = (x: Sql): string => (x.t === 'text' ? x.v : x.t === 'bool' ? `CASE WHEN ${x.v} THEN 'yes' WHEN NOT ${x.v} THEN 'no' END` : d.text(x.v));
  const same = (xs: Sql[]): Type => {
    const types = new Set(xs.map((x) => x.t));
    if (types.size > 1)
      throw new RefusedError(
        `the expression ${e.text} mixes ${[...types].join(' and ')} values in one result; SQL needs one type (srp would read each row's value as text)`,
      );
    return xs[0].t;
  };
  /** JavaScript's order: a missing input makes the result missing before any value is converted. */
  const converted = (raws: Sql[], made: Sql[]) => {
    const conversions = made.map((m, i) => (m.f === raws[i].f ? 'FALSE' : m.f));
    const failing = or(...conversions);
    return or(...raws.map((r) => r.f), failing === 'FALSE' ? 'FALSE' : `(${raws.map((r) => `${r.v} IS NOT NULL`).join(' AND ')} AND ${failing})`);
  };
  const run = (n: Node): Sql => {
    switch (n.t) {
      case 'num':
        return { v: numberLiteral(n.v), t: 'number', f: 'FALSE' };
      case 'str':
        return { v: literal(n.v), t: 'text', f: 'FALSE' };
      case 'bool':
        return { v: n.v ? 'TRUE' : 'FALSE', t: 'bool', f: 'FALSE' };
      case 'col':
        return { v: column(n.name), t: 'text', f: 'FALSE', trimmed: true };
      case 'neg': {
        const a = num(run(n.a));
        return { v: `(-${a.v})`, t: 'number', f: a.f };
      }
      case 'not': {
        const a = truth(run(n.a));
        return { v: `(NOT ${a.v})`, t: 'bool', f: a.f };
      }
      case 'bin': {
        if (n.op === 'and' || n.op === 'or') {
          const a = truth(run(n.a));
          const b = truth(run(n.b));
          const skip = n.op === 'and' ? `${a.v} = FALSE` : `${a.v} = TRUE`;
          return { v: `(${a.v} ${n.op.toUpperCase()} ${b.v})`, t: 'bool', f: or(a.f, `(NOT COALESCE(${skip}, FALSE) AND ${b.f})`) };
        }
        if (['+', '-', '*', '/'].includes(n.op)) {
          const raws = [run(n.a), run(n.b)];
          const [a, b] = raws.map(num);
          const f = converted(raws, [a, b]);
          if (n.op === '/')
            return { v: `(${a.v} / CASE WHEN ${b.v} = 0 THEN NULL ELSE ${b.v} END)`, t: 'number', f: or(f, `(${a.v} IS NOT NULL AND ${b.v} = 0)`) };
          return { v: `(${a.v} ${n.op} ${b.v})`, t: 'number', f };
        }
        return compare(n.op, run(n.a), run(n.b));
      }
      case 'call':
        return call(n.fn, n.args);
    }
  };
  const compare = (op: string, a: Sql, b: Sql): Sql => {
    const sqlOp = op === '==' || op === '=' ? '=' : op === '!=' ? '<>' : op;
    if (a.t !== 'text' || b.t !== 'text' || op === '==' || op === '=' || op === '!=') {
      if (a.t === 'text' && b.t === 'text') {
        // Text against text: equality as text, unless both read as numbers.
        const [x, y] = [num(a), num(b)];
        return {
          v: `CASE WHEN ${x.v} IS NOT NULL AND ${y.v} IS NOT NULL THEN ${x.v} ${sqlOp} ${y.v} ELSE ${a.v} ${sqlOp} ${b.v} END`,
          t: 'bool',
          f: or(a.f, b.f),
        };
      }
      if (a.t === 'text' || b.t === 'text') {
        // Text against a number or a truth value: as numbers where the text reads as one; otherwise
        // equal only as written (String(true) is 'true'), and not ordered at all (the row fails), as io/expr.ts compares.
        const [x, y] = [num(a), num(b)];
        if (sqlOp !== '=' && sqlOp !== '<>') return { v: `(${x.v} ${sqlOp} ${y.v})`, t: 'bool', f: or(x.f, y.f) };
        const [text, read, other, raw] = a.t === 'text' ? [a, x, y, b] : [b, y, x, a];
        const asWritten = raw.t === 'bool' ? `${text.v} ${sqlOp} CASE WHEN ${raw.v} THEN 'true' ELSE 'false' END` : sqlOp === '<>' ? 'TRUE' : 'FALSE';
        return {
          v: `CASE WHEN ${text.v} IS NULL OR ${other.v} IS NULL THEN NULL WHEN ${read.v} IS NOT NULL THEN ${x.v} ${sqlOp} ${y.v} ELSE ${asWritten} END`,
          t: 'bool',
          f: or(a.f, b.f),
        };
      }
      const [x, y] = [num(a), num(b)];
      return { v: `(${x.v} ${sqlOp} ${y.v})`, t: 'bool', f: or(x.f, y.f) };
    }
    // Ordering text: as numbers where both are numbers, else as dates.
    const [x, y] = [num(a), num(b)];
    const [da, db] = [date(a), date(b)];
    return {
      v: `CASE WHEN ${x.v} IS NOT NULL AND ${y.v} IS NOT NULL THEN ${x.v} ${sqlOp} ${y.v} ELSE ${da.v} ${sqlOp} ${db.v} END`,
      t: 'bool',
      f: or(a.f, b.f, `(${a.v} IS NOT NULL AND ${b.v} IS NOT NULL AND (${x.v} IS NULL OR ${y.v} IS NULL) AND (${da.v} IS NULL OR ${db.v} IS NULL))`),
    };
  };
  const call = (fn: string, args: Node[]): Sql => {
    const xs = args.map(run);
    switch (fn) {
      case 'is_missing':
        return { v: `(${xs[0].v} IS NULL)`, t: 'bool', f: xs[0].f };
      case 'coalesce': {
        const t = same(xs);
        // A branch fails the row only when every branch before it is missing.
        const fails = xs.map(
          (x, i) =>
            `(${xs
              .slice(0, i)
              .map((p) => `${p.v} IS NULL`)
              .concat(x.f)
              .join(' AND ')})`,
        );
        return { v: `COALESCE(${xs.map((x) => x.v).join(', ')})`, t, f: or(...xs.map((x, i) => (x.f === 'FALSE' ? 'FALSE' : fails[i]))) };
      }
      case 'if': {
        const c = truth(xs[0]);
        const t = same([xs[1], xs[2]]);
        return {
          v: `CASE WHEN ${c.v} THEN ${xs[1].v} WHEN NOT ${c.v} THEN ${xs[2].v} END`,
          t,
          f: or(c.f, `(${c.v} AND ${xs[1].f})`, `(NOT ${c.v} AND ${xs[2].f})`),
        };
      }
      case 'min':
      case 'max': {
        const ns = xs.map(num);
        const anyNull = ns.map((x) => `${x.v} IS NULL`).join(' OR ');
        return {
          v: `CASE WHEN ${anyNull} THEN NULL ELSE ${fn === 'min' ? 'LEAST' : 'GREATEST'}(${ns.map((x) => x.v).join(', ')}) END`,
          t: 'number',
          f: converted(xs, ns),
        };
      }
      case 'abs': {
        const a = num(xs[0]);
        return { v: `abs(${a.v})`, t: 'number', f: converted(xs, [a]) };
      }
      case 'lower':
        return { v: `lower(${text(xs[0])})`, t: 'text', f: xs[0].f };
      case 'hours':
      case 'days': {
        const [a, b] = xs.map(date);
        return { v: `(${b.v} - ${a.v}) / ${fn === 'hours' ? '3600000.0' : '86400000.0'}`, t: 'number', f: converted(xs, [a, b]) };
      }
    }
    throw new RefusedError(`the expression ${e.text} calls ${fn}, which has no SQL form here`);
  };
  const result = run(e.tree);
  return { value: text(result), failed: result.f };
}
