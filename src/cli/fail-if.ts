/**
 * `--fail-if EXPR` (SPEC §7): a small, safe expression language over a result's fields, never
 * `eval`. Grammar: or := and (("or"|"||") and)*; and := not (("and"|"&&") not)*;
 * not := "not" not | cmp; cmp := value (op value)?; value := number | path | "(" or ")".
 * A comparison with a missing (null) field is false.
 */
import { usageError } from '../errors.js';

type Node =
  | { t: 'num'; v: number }
  | { t: 'path'; v: string }
  | { t: 'cmp'; op: string; a: Node; b: Node }
  | { t: 'and' | 'or'; a: Node; b: Node }
  | { t: 'not'; a: Node };

const TOKEN = /\s*(?:(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?%?)|([A-Za-z_][\w]*(?:\[\d+\])?(?:\.[A-Za-z_][\w]*(?:\[\d+\])?)*)|(<=|>=|==|!=|<|>|=|&&|\|\||!|\(|\)))/y;

export interface Condition {
  text: string;
  test(doc: unknown): boolean;
  paths: string[];
}

/** Bounds on what a condition may be, so that a hostile one cannot exhaust the stack or the time. */
const MAX_LENGTH = 1000;
const MAX_DEPTH = 32;

export function parseCondition(text: string): Condition {
  if (text.length > MAX_LENGTH) throw usageError('bad_expression', `--fail-if: the expression is ${text.length} characters long; at most ${MAX_LENGTH} are read`);
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  let pos = 0;
  while (pos < text.length) {
    if (/^\s*$/.test(text.slice(pos))) break;
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(text);
    if (!m) throw usageError('bad_expression', `--fail-if "${text}": cannot read '${text.slice(pos).trim()}' (at character ${pos + 1})`);
    tokens.push(m[1] ?? m[2] ?? m[3]);
    pos = TOKEN.lastIndex;
  }
  let i = 0;
  const peek = () => tokens[i];
  const fail = (why: string): never => {
    throw usageError('bad_expression', `--fail-if "${text}": ${why}`);
  };
  const paths: string[] = [];
  let depth = 0;
  const deeper = () => {
    if (++depth > MAX_DEPTH) fail(`nested more than ${MAX_DEPTH} deep`);
  };
  const or = (): Node => {
    let a = and();
    while (peek() === 'or' || peek() === '||') {
      i++;
      a = { t: 'or', a, b: and() };
    }
    return a;
  };
  const and = (): Node => {
    let a = not();
    while (peek() === 'and' || peek() === '&&') {
      i++;
      a = { t: 'and', a, b: not() };
    }
    return a;
  };
  const not = (): Node => {
    if (peek() === 'not' || peek() === '!') {
      i++;
      deeper();
      const a = not();
      depth--;
      return { t: 'not', a };
    }
    return cmp();
  };
  const cmp = (): Node => {
    const a = value();
    const op = peek();
    if (op && ['<', '<=', '>', '>=', '==', '=', '!='].includes(op)) {
      i++;
      return { t: 'cmp', op: op === '=' ? '==' : op, a, b: value() };
    }
    return a;
  };
  const value = (): Node => {
    const tok = tokens[i++];
    if (tok === undefined) return fail('ends too early');
    if (tok === '(') {
      deeper();
      const inner = or();
      depth--;
      if (tokens[i++] !== ')') fail("missing ')'");
      return inner;
    }
    if (/^-?\d/.test(tok)) return { t: 'num', v: tok.endsWith('%') ? Number(tok.slice(0, -1)) / 100 : Number(tok) };
    if (/^[A-Za-z_]/.test(tok) && !['and', 'or', 'not'].includes(tok)) {
      paths.push(tok);
      return { t: 'path', v: tok };
    }
    return fail(`unexpected '${tok}'`);
  };
  if (!tokens.length) fail('empty expression');
  const tree = or();
  if (i < tokens.length) fail(`unexpected '${tokens[i]}'`);
  return { text, paths, test: (doc) => truthy(evaluate(tree, doc)) };
}

/**
 * A field of the result by its path: own fields only (never `constructor`, `__proto__`, `toString`).
 * Below a field that is null (a comparison the design has none of) every field is null too: the
 * condition is then false, whatever this week's input holds, not a usage error.
 */
function lookup(doc: unknown, path: string): unknown {
  let v: unknown = doc;
  for (const part of path.split('.')) {
    if (v === null) return null;
    const m = /^(\w+)(?:\[(\d+)\])?$/.exec(part)!;
    v = own(v, m[1]);
    if (m[2] !== undefined) v = Array.isArray(v) ? own(v, Number(m[2])) : undefined;
  }
  return v;
}

const own = (v: unknown, key: string | number): unknown => (v !== null && typeof v === 'object' && Object.hasOwn(v, key) ? (v as Record<string | number, unknown>)[key] : undefined);

function evaluate(n: Node, doc: unknown): unknown {
  switch (n.t) {
    case 'num': return n.v;
    case 'path': return lookup(doc, n.v);
    case 'not': return !truthy(evaluate(n.a, doc));
    case 'and': return truthy(evaluate(n.a, doc)) && truthy(evaluate(n.b, doc));
    case 'or': return truthy(evaluate(n.a, doc)) || truthy(evaluate(n.b, doc));
    case 'cmp': {
      const a = evaluate(n.a, doc);
      const b = evaluate(n.b, doc);
      if (typeof a !== 'number' || typeof b !== 'number') return false;
      switch (n.op) {
        case '<': return a < b;
        case '<=': return a <= b;
        case '>': return a > b;
        case '>=': return a >= b;
        case '==': return a === b;
        default: return a !== b;
      }
    }
  }
}

const truthy = (v: unknown) => v === true || (typeof v === 'number' && v !== 0);

/** Checks that every path names a field of the result, so a typo is a usage error, not a silent pass. */
export function checkPaths(condition: Condition, doc: unknown): void {
  const examples = () => EXAMPLES.filter((e) => typeof lookup(doc, e) === 'number').slice(0, 3).join(', ');
  for (const p of condition.paths) {
    const v = lookup(doc, p);
    if (v === undefined) throw usageError('bad_expression', `--fail-if "${condition.text}": '${p}' is not a field of the result (for example ${examples()})`);
    // Text, a list or a record is never a number: a comparison with it would be silently false.
    if (v !== null && typeof v === 'object')
      throw usageError('bad_expression', `--fail-if "${condition.text}": '${p}' is a ${Array.isArray(v) ? 'list' : 'group of fields'}, not a number (name one of its numbers, for example ${examples()})`);
    if (typeof v === 'string') throw usageError('bad_expression', `--fail-if "${condition.text}": '${p}' is text, not a number: conditions compare numbers (for example ${examples()})`);
  }
}

/** Fields a condition is often written on, by command: the examples a typo is answered with are those the result has. */
const EXAMPLES = ['observed.rate', 'predicted.mean_probability', 'paired_t.p', 'welch_t.p', 'effect_size.value', 'paradox_rate.rate', 'estimate', 'p', 'i2', 'cv.auc', 'input.rejected'];
