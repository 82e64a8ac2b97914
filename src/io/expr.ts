/**
 * Mapping expressions (SPEC §3.3): a value computed from other columns of the same row, with a small
 * language that is parsed, never evaluated as code (like --fail-if).
 *
 *   or   := and ("or" and)*            and  := not ("and" not)*          not := "not" not | cmp
 *   cmp  := sum (("<"|"<="|">"|">="|"=="|"="|"!=") sum)?
 *   sum  := prod (("+"|"-") prod)*      prod := unary (("*"|"/") unary)*   unary := "-" unary | atom
 *   atom := number | 'text' | "text" | column | `column name` | name "(" args ")" | "(" or ")" | true | false
 *
 * Functions: if(cond, a, b), coalesce(a, …), min(a, …), max(a, …), abs(a), lower(a), hours(a, b) and
 * days(a, b) (from date a to date b, negative when b is earlier), is_missing(a). A missing input
 * makes the result missing (coalesce, if and is_missing look at missing values themselves); a value
 * that cannot be computed (a date or number that does not parse, a division by zero) is an error
 * the reader rejects the row for, naming the expression's columns. True and false become yes and no.
 */
import { parseDate, type DateOrder } from './dates.js';
import { parseNumber } from './values.js';
import { BOOLEAN, fold } from './words.js';

/** A node of the expression's tree (sql/expr.ts writes it as SQL). */
export type Node =
  | { t: 'num'; v: number }
  | { t: 'str'; v: string }
  | { t: 'bool'; v: boolean }
  | { t: 'col'; name: string; at: number }
  | { t: 'neg'; a: Node }
  | { t: 'not'; a: Node }
  | { t: 'bin'; op: string; a: Node; b: Node }
  | { t: 'call'; fn: string; args: Node[]; at: number };

/** A parsed expression: its tree and the columns it reads. */
export interface Expression {
  text: string;
  tree: Node;
  columns: string[];
}

/** A mistake in the expression, at a character position (1-based). */
export class ExpressionError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

/** What a row's cell can be inside an expression. */
export type Value = number | string | boolean | null;

/** A row the expression cannot be computed for (the reader rejects it, code expr_failed). */
export class ExpressionFailure extends Error {}

const FUNCTIONS: Record<string, [number, number]> = {
  if: [3, 3],
  coalesce: [1, 64],
  min: [1, 64],
  max: [1, 64],
  abs: [1, 1],
  lower: [1, 1],
  hours: [2, 2],
  days: [2, 2],
  is_missing: [1, 1],
};
/** The comparison operators (`=` is read as `==`). */
const COMPARISONS = ['<', '<=', '>', '>=', '==', '=', '!='];
const MAX_LENGTH = 2000;
const MAX_DEPTH = 32;
const TOKEN =
  /\s*(?:(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")|(`[^`]*`)|([A-Za-z_][\w.]*)|(<=|>=|==|!=|<|>|=|\+|-|\*|\/|\(|\)|,))/y;

interface Token {
  kind: 'num' | 'str' | 'quoted' | 'name' | 'op';
  text: string;
  at: number;
}

export function parseExpression(text: string): Expression {
  if (text.length > MAX_LENGTH) throw new ExpressionError(`the expression is ${text.length} characters long; at most ${MAX_LENGTH} are read`, 1);
  const tokens: Token[] = [];
  let pos = 0;
  while (pos < text.length) {
    if (/^\s*$/.test(text.slice(pos))) break;
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(text);
    if (!m)
      throw new ExpressionError(
        `cannot read '${text.slice(pos).trim().slice(0, 20)}'`,
        pos + 1 + (text.slice(pos).length - text.slice(pos).trimStart().length),
      );
    const at = pos + 1 + (m[0].length - m[0].trimStart().length);
    if (m[1] !== undefined) tokens.push({ kind: 'num', text: m[1], at });
    else if (m[2] !== undefined) tokens.push({ kind: 'str', text: m[2].slice(1, -1).replace(/\\(.)/g, '$1'), at });
    else if (m[3] !== undefined) tokens.push({ kind: 'quoted', text: m[3].slice(1, -1), at });
    else if (m[4] !== undefined) tokens.push({ kind: 'name', text: m[4], at });
    else tokens.push({ kind: 'op', text: m[5], at });
    pos = TOKEN.lastIndex;
  }
  let i = 0;
  let depth = 0;
  const columns = new Set<string>();
  const end = text.length + 1;
  const peek = () => tokens[i];
  const isOp = (s: string) => peek()?.kind === 'op' && peek().text === s;
  const isWord = (s: string) => peek()?.kind === 'name' && peek().text.toLowerCase() === s;
  const fail = (why: string, at = peek()?.at ?? end): never => {
    throw new ExpressionError(why, at);
  };
  const nested = <T>(f: () => T): T => {
    if (++depth > MAX_DEPTH) fail(`nested more than ${MAX_DEPTH} deep`);
    const v = f();
    depth--;
    return v;
  };
  const or = (): Node => {
    let a = and();
    while (isWord('or')) {
      i++;
      a = { t: 'bin', op: 'or', a, b: and() };
    }
    return a;
  };
  const and = (): Node => {
    let a = not();
    while (isWord('and')) {
      i++;
      a = { t: 'bin', op: 'and', a, b: not() };
    }
    return a;
  };
  const not = (): Node => {
    if (isWord('not')) {
      i++;
      return nested(() => ({ t: 'not', a: not() }));
    }
    return cmp();
  };
  const cmp = (): Node => {
    const a = sum();
    const op = peek();
    if (op?.kind === 'op' && COMPARISONS.includes(op.text)) {
      i++;
      return { t: 'bin', op: op.text === '=' ? '==' : op.text, a, b: sum() };
    }
    return a;
  };
  const sum = (): Node => {
    let a = prod();
    while (isOp('+') || isOp('-')) a = { t: 'bin', op: tokens[i++].text, a, b: prod() };
    return a;
  };
  const prod = (): Node => {
    let a = unary();
    while (isOp('*') || isOp('/')) a = { t: 'bin', op: tokens[i++].text, a, b: unary() };
    return a;
  };
  const unary = (): Node => {
    if (isOp('-')) {
      i++;
      return nested(() => ({ t: 'neg', a: unary() }));
    }
    return atom();
  };
  const atom = (): Node => {
    const tok = tokens[i++];
    if (!tok) return fail('ends too early', end);
    if (tok.kind === 'num') return { t: 'num', v: Number(tok.text) };
    if (tok.kind === 'str') return { t: 'str', v: tok.text };
    if (tok.kind === 'quoted') {
      if (!tok.text) fail('an empty column name', tok.at);
      columns.add(tok.text);
      return { t: 'col', name: tok.text, at: tok.at };
    }
    if (tok.kind === 'op' && tok.text === '(') {
      const inner = nested(or);
      if (!isOp(')')) fail("expected ')'");
      i++;
      return inner;
    }
    if (tok.kind === 'name') {
      const name = tok.text.toLowerCase();
      if (name === 'true' || name === 'false') return { t: 'bool', v: name === 'true' };
      if (['and', 'or', 'not'].includes(name)) fail(`unexpected '${tok.text}'`, tok.at);
      if (isOp('(')) {
        if (!Object.hasOwn(FUNCTIONS, name)) fail(`unknown function '${tok.text}' (known: ${Object.keys(FUNCTIONS).join(', ')})`, tok.at);
        i++;
        const args: Node[] = [];
        if (!isOp(')'))
          for (;;) {
            args.push(nested(or));
            if (isOp(',')) i++;
            else break;
          }
        if (!isOp(')')) fail("expected ',' or ')'");
        i++;
        const [lo, hi] = FUNCTIONS[name];
        if (args.length < lo || args.length > hi)
          fail(`${name}() takes ${lo === hi ? lo : `${lo} or more`} argument${hi > 1 ? 's' : ''}, not ${args.length}`, tok.at);
        return { t: 'call', fn: name, args, at: tok.at };
      }
      columns.add(tok.text);
      return { t: 'col', name: tok.text, at: tok.at };
    }
    return fail(`unexpected '${tok.text}'`, tok.at);
  };
  if (!tokens.length) fail('empty expression', 1);
  const tree = or();
  if (i < tokens.length) fail(`unexpected '${tokens[i].text}'`);
  return { text, tree, columns: [...columns] };
}

/** How cells are read inside an expression. */
export interface ExpressionContext {
  decimalComma: boolean;
  dateOrder: DateOrder;
  /** A column's cell in the current row: null where missing (empty, or a missing marker). */
  cell(column: string): string | null;
}

/** The columns whose cells the expression may read as dates: the arguments of hours() and days(), and what is compared. */
export function dateColumns(e: Expression): string[] {
  const found = new Set<string>();
  const columnsIn = (n: Node) => (n.t === 'col' ? [n.name] : []);
  const walk = (n: Node): void => {
    if (n.t === 'call') {
      if (n.fn === 'hours' || n.fn === 'days') n.args.forEach((a) => columnsIn(a).forEach((c) => found.add(c)));
      n.args.forEach(walk);
    } else if (n.t === 'bin') {
      if (COMPARISONS.includes(n.op)) [n.a, n.b].forEach((a) => columnsIn(a).forEach((c) => found.add(c)));
      walk(n.a);
      walk(n.b);
    } else if (n.t === 'neg' || n.t === 'not') walk(n.a);
  };
  walk(e.tree);
  return [...found];
}

/** The expression's value for one row; throws ExpressionFailure where it cannot be computed. */
export function evaluate(e: Expression, ctx: ExpressionContext): Value {
  return run(e.tree, ctx);
}

function run(n: Node, ctx: ExpressionContext): Value {
  switch (n.t) {
    case 'num':
    case 'str':
    case 'bool':
      return n.v;
    case 'col':
      return ctx.cell(n.name);
    case 'neg': {
      const a = run(n.a, ctx);
      return a === null ? null : -toNumber(a, ctx);
    }
    case 'not': {
      const a = truth(run(n.a, ctx));
      return a === null ? null : !a;
    }
    case 'call':
      return call(n.fn, n.args, ctx);
    case 'bin': {
      if (n.op === 'and' || n.op === 'or') {
        const a = truth(run(n.a, ctx));
        if (n.op === 'and' && a === false) return false;
        if (n.op === 'or' && a === true) return true;
        const b = truth(run(n.b, ctx));
        if (b === (n.op === 'or')) return b;
        return a === null || b === null ? null : b;
      }
      const a = run(n.a, ctx);
      const b = run(n.b, ctx);
      if (a === null || b === null) return null;
      switch (n.op) {
        case '+':
          return toNumber(a, ctx) + toNumber(b, ctx);
        case '-':
          return toNumber(a, ctx) - toNumber(b, ctx);
        case '*':
          return toNumber(a, ctx) * toNumber(b, ctx);
        case '/': {
          const d = toNumber(b, ctx);
          if (d === 0) throw new ExpressionFailure('division by zero');
          return toNumber(a, ctx) / d;
        }
        default:
          return compare(n.op, a, b, ctx);
      }
    }
  }
}

function call(fn: string, args: Node[], ctx: ExpressionContext): Value {
  switch (fn) {
    case 'is_missing':
      return run(args[0], ctx) === null;
    case 'coalesce':
      for (const a of args) {
        const v = run(a, ctx);
        if (v !== null) return v;
      }
      return null;
    case 'if': {
      const c = truth(run(args[0], ctx));
      return c === null ? null : run(args[c ? 1 : 2], ctx);
    }
  }
  const values = args.map((a) => run(a, ctx));
  if (values.some((v) => v === null)) return null;
  switch (fn) {
    case 'min':
      return Math.min(...values.map((v) => toNumber(v!, ctx)));
    case 'max':
      return Math.max(...values.map((v) => toNumber(v!, ctx)));
    case 'abs':
      return Math.abs(toNumber(values[0]!, ctx));
    case 'lower':
      return String(values[0]).toLowerCase();
    case 'hours':
    case 'days': {
      const [a, b] = values.map((v) => toDate(v!, ctx));
      return (b - a) / (fn === 'hours' ? 3_600_000 : 86_400_000);
    }
  }
  throw new ExpressionFailure(`unknown function ${fn}`);
}

function toNumber(v: Exclude<Value, null>, ctx: ExpressionContext): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  const n = parseNumber(v.trim(), ctx.decimalComma);
  if (n === null) throw new ExpressionFailure(`'${v}' is not a number`);
  return n;
}

function toDate(v: Exclude<Value, null>, ctx: ExpressionContext): number {
  const d = typeof v === 'string' ? parseDate(v.trim(), ctx.dateOrder) : null;
  if (d === null) throw new ExpressionFailure(`'${v}' is not a date`);
  return d;
}

/** Numbers as numbers, dates as dates, other text as text (equality only). */
function compare(op: string, a: Exclude<Value, null>, b: Exclude<Value, null>, ctx: ExpressionContext): boolean {
  const num = (v: Exclude<Value, null>) => (typeof v === 'number' ? v : typeof v === 'boolean' ? Number(v) : parseNumber(v.trim(), ctx.decimalComma));
  const date = (v: Exclude<Value, null>) => (typeof v === 'string' ? parseDate(v.trim(), ctx.dateOrder) : null);
  let x: number | string | null = num(a);
  let y: number | string | null = num(b);
  if (x === null || y === null) {
    const [da, db] = [date(a), date(b)];
    if (da !== null && db !== null) [x, y] = [da, db];
    else if (op === '==' || op === '!=') [x, y] = [String(a), String(b)];
    else throw new ExpressionFailure(`cannot compare '${a}' with '${b}' (neither both numbers nor both dates)`);
  }
  switch (op) {
    case '<':
      return x < y;
    case '<=':
      return x <= y;
    case '>':
      return x > y;
    case '>=':
      return x >= y;
    case '==':
      return x === y;
    default:
      return x !== y;
  }
}

/** A value as a condition: booleans, numbers (0 false), yes/no words; null stays unknown. */
function truth(v: Value): boolean | null {
  if (v === null || typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  const w = BOOLEAN.get(fold(v));
  if (w === undefined) throw new ExpressionFailure(`'${v}' is not true or false`);
  return w === 1;
}

/** The value as the mapping's `values`, `scale` and the column's kind read it: true and false become yes and no. */
export const asCell = (v: Value): string | null => (v === null ? null : typeof v === 'boolean' ? (v ? 'yes' : 'no') : String(v));
