// Evaluates a parsed expression against answers. Never throws on data: unusable operands give null (or
// false for comparisons). Only a throwing `env.resolve` can make it throw, which `and`/`or`/if() avoid
// calling for branches they do not need.
import type { BinaryNode, Expr } from './ast.js';
import { functions } from './functions.js';
import type { EvalEnv, Value } from './values.js';
import { compareValues, finite, isTruthy, toNumber, valuesEqual } from './values.js';

function arithmetic(op: '+' | '-' | '*' | 'div' | 'mod', a: Value, b: Value): Value {
  const x = toNumber(a);
  const y = toNumber(b);
  if (x === null || y === null) return null;
  switch (op) {
    case '+':
      return finite(x + y);
    case '-':
      return finite(x - y);
    case '*':
      return finite(x * y);
    case 'div':
      return y === 0 ? null : finite(x / y);
    // The sign follows the dividend, as in XPath: -7 mod 3 = -1.
    case 'mod':
      return y === 0 ? null : finite(x % y);
  }
}

function evaluateBinary(node: BinaryNode, env: EvalEnv): Value {
  const { op } = node;
  if (op === 'and') return isTruthy(evaluate(node.left, env)) && isTruthy(evaluate(node.right, env));
  if (op === 'or') return isTruthy(evaluate(node.left, env)) || isTruthy(evaluate(node.right, env));
  const a = evaluate(node.left, env);
  const b = evaluate(node.right, env);
  switch (op) {
    case '=':
      return valuesEqual(a, b);
    case '!=':
      return !valuesEqual(a, b);
    case '<':
    case '<=':
    case '>':
    case '>=':
      return compareValues(op, a, b);
    default:
      return arithmetic(op, a, b);
  }
}

/**
 * Evaluates `expr`. `today` is the only notion of time the language has.
 * @example evaluate(parseExpression('${age} + 1'), { resolve: () => '41', today: '2025-01-31' }) // 42
 */
export function evaluate(expr: Expr, env: EvalEnv): Value {
  switch (expr.kind) {
    case 'literal':
      return expr.value;
    case 'ref':
      return env.resolve(expr.name) ?? null;
    case 'current':
      return env.current ?? null;
    case 'unary': {
      const v = evaluate(expr.operand, env);
      if (expr.op === 'not') return !isTruthy(v);
      const n = toNumber(v);
      return n === null ? null : finite(-n);
    }
    case 'binary':
      return evaluateBinary(expr, env);
    case 'call': {
      const spec = functions.get(expr.name);
      if (spec === undefined) return null;
      const { args } = expr;
      const arg = (i: number): Value => {
        const a = args[i];
        return a === undefined ? null : evaluate(a, env);
      };
      return spec.call(arg, args.length, env);
    }
  }
}
