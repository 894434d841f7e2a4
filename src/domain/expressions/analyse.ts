// Static questions about an expression: which questions it reads, and whether it only reads questions
// that exist. Used when a questionnaire definition is compiled, long before any answer is evaluated.
import type { Expr } from './ast.js';
import { parseExpression } from './parser.js';
import { ExpressionSyntaxError } from './syntax-error.js';

export interface ExpressionIssue {
  message: string;
  /** 0-based offset into the source: the offending token, or the `$` of an unknown `${name}`. */
  position: number;
  /** The unknown question name, for issues about references. */
  reference?: string;
}

export interface CheckOptions {
  /** Whether `.` (the question's own answer) may be used, as in constraints. Default false. */
  allowCurrent?: boolean;
  /** A choice_filter: bare names are columns of the option being filtered. */
  choiceColumns?: boolean;
}

/** Visits every node in source order (left operand before operator's right operand, arguments in order). */
function walk(expr: Expr, visit: (node: Expr) => void): void {
  visit(expr);
  switch (expr.kind) {
    case 'unary':
      walk(expr.operand, visit);
      break;
    case 'binary':
      walk(expr.left, visit);
      walk(expr.right, visit);
      break;
    case 'call':
      for (const a of expr.args) walk(a, visit);
      break;
    default:
      break;
  }
}

/**
 * Distinct question names the expression reads, in order of first appearance.
 * @example referencesOf(parseExpression('${b} > ${a} or ${b} = 0')) // ['b', 'a']
 */
export function referencesOf(expr: Expr): string[] {
  const names = new Set<string>();
  walk(expr, (node) => {
    if (node.kind === 'ref') names.add(node.name);
  });
  return [...names];
}

function referenceIssues(expr: Expr, known: ReadonlySet<string>, allowCurrent: boolean): ExpressionIssue[] {
  const issues: ExpressionIssue[] = [];
  const reported = new Set<string>();
  walk(expr, (node) => {
    if (node.kind === 'ref' && !known.has(node.name) && !reported.has(node.name)) {
      reported.add(node.name);
      issues.push({ message: `Unknown question "${node.name}"`, position: node.pos, reference: node.name });
    }
    if (node.kind === 'current' && !allowCurrent) {
      issues.push({ message: '"." (this question\'s own answer) is not allowed here', position: node.pos });
    }
  });
  return issues;
}

/**
 * Parses and checks an expression without throwing. A syntax error gives `expr: null` and one issue; each
 * unknown question name is reported once, at its first `${name}`, and `expr` is still returned.
 * @example
 *   checkExpression('${agee} > 18', new Set(['age'])).issues
 *   // [{ message: 'Unknown question "agee"', position: 0, reference: 'agee' }]
 */
export function checkExpression(
  source: string,
  known: ReadonlySet<string>,
  opts: CheckOptions = {},
): { expr: Expr | null; issues: ExpressionIssue[] } {
  let expr: Expr;
  try {
    expr = parseExpression(source, { choiceColumns: opts.choiceColumns ?? false });
  } catch (e) {
    if (e instanceof ExpressionSyntaxError)
      return { expr: null, issues: [{ message: e.message, position: e.position }] };
    const detail = e instanceof Error ? e.message : String(e);
    return { expr: null, issues: [{ message: `The expression could not be parsed: ${detail}`, position: 0 }] };
  }
  return { expr, issues: referenceIssues(expr, known, opts.allowCurrent ?? false) };
}
