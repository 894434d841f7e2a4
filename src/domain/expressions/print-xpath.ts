// Writes a parsed expression as XLSForm XPath. The result is also valid in this project's language and parses back
// to the same tree (both ways: parseExpression(text) and parseExpression(text, { xpath: true })), which the
// XLSForm round trip relies on. `/` and `%` are already `div` and `mod` in the tree; `not` is written not(x).
import type { BinaryOp, Expr } from './ast.js';

/** Binding strength, loosest first; primaries (literals, references, calls) bind tightest. */
const precedence: Record<BinaryOp, number> = {
  or: 1,
  and: 2,
  '=': 4,
  '!=': 4,
  '<': 4,
  '<=': 4,
  '>': 4,
  '>=': 4,
  '+': 5,
  '-': 5,
  '*': 6,
  div: 6,
  mod: 6,
};
const notLevel = 3;
const negLevel = 7;
const primaryLevel = 8;

function levelOf(expr: Expr): number {
  if (expr.kind === 'binary') return precedence[expr.op];
  if (expr.kind === 'unary') return expr.op === 'not' ? notLevel : negLevel;
  if (expr.kind === 'literal' && typeof expr.value === 'number' && expr.value < 0) return negLevel;
  return primaryLevel;
}

function quote(text: string): string {
  if (!text.includes("'")) return `'${text}'`;
  if (!text.includes('"')) return `"${text}"`;
  // Neither language has escapes; concat() joins the pieces around the single quotes.
  return `concat(${text
    .split("'")
    .map((part) => `'${part}'`)
    .join(`, "'", `)})`;
}

function numberText(n: number): string {
  // XPath has no exponent notation: 1e21 must be written out.
  const plain = String(n);
  return plain.includes('e') ? n.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 }) : plain;
}

function wrap(expr: Expr, needsParens: boolean): string {
  const text = printXPath(expr);
  return needsParens ? `(${text})` : text;
}

/**
 * The expression as XPath text, with parentheses only where precedence needs them.
 * @example printXPath(parseExpression('not ${a} = 1 and ${b} / 2 > 1')) // "not(${a} = 1) and ${b} div 2 > 1"
 */
export function printXPath(expr: Expr): string {
  switch (expr.kind) {
    case 'literal':
      return typeof expr.value === 'number' ? numberText(expr.value) : quote(expr.value);
    case 'ref':
      return `\${${expr.name}}`;
    case 'current':
      return '.';
    case 'unary':
      if (expr.op === 'not') return `not(${printXPath(expr.operand)})`;
      return `-${wrap(expr.operand, levelOf(expr.operand) < negLevel)}`;
    case 'binary': {
      const level = precedence[expr.op];
      // Comparisons do not chain, so a comparison operand of a comparison is always parenthesised; a not(...)
      // operand of a comparison or arithmetic is too, since this project's prefix `not` would take the whole of it.
      const left = levelOf(expr.left);
      const right = levelOf(expr.right);
      const leftParens = left < level || (level === 4 && left === 4) || (left === notLevel && level > notLevel);
      const rightParens = right <= level || (right === notLevel && level > notLevel);
      return `${wrap(expr.left, leftParens)} ${expr.op} ${wrap(expr.right, rightParens)}`;
    }
    case 'call': {
      // A choice_filter's column is a bare name in XPath (read back with the parser's choiceColumns option).
      const [column] = expr.args;
      if (expr.name === 'choice-column' && column?.kind === 'literal' && typeof column.value === 'string')
        return column.value;
      return `${expr.name}(${expr.args.map(printXPath).join(', ')})`;
    }
  }
}
