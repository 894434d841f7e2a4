// The questionnaire expression language used by `relevant`, `required`, `constraint` and `calculation`.
// A small, safe, hand-written language (no eval): the same code runs on the server and in the browser.
//
// Syntax
//   literals     12  3.5  .5  'text'  "text"  true()  false()      (no escapes: use the other quote inside)
//   references   ${name} (name: [A-Za-z_][A-Za-z0-9_]*)   .  (this question's own answer)
//   calls        selected(m, v)  count-selected(m)  if(c, a, b)  coalesce(a, b, ...)  string-length(s)
//                today()  number(x)  int(x)  round(x, digits?)  concat(a, ...)  regex(s, 'pattern')
//                date(s)  age-in-years(birthdate)  substr(s, start, end?)  contains(s, t)  starts-with(s, t)
//                ends-with(s, t)   (substr counts code points from 0, end excluded, as XPath in ODK)
//                now()  format-date(d, '%d/%m/%Y')  sum(a, ...) (a multi-select adds its count of selections)
//                jr:choice-name(v, '${q}')  (the label of q's option v; now() and labels come from the env)
//   Names and arities are checked when parsing; regex patterns must be quoted literals and are compiled
//   (flag `u`, not anchored) when parsing too.
//
// Precedence, loosest first (all binary levels are left-associative except comparison):
//   1  or
//   2  and
//   3  not (prefix)                  not ${a} = 1  means  not (${a} = 1)
//   4  = != < <= > >=                non-associative: 1 < 2 < 3 is a syntax error
//   5  + -
//   6  * / div % mod                 / is div, % is mod
//   7  - (unary minus)
//   8  literal, reference, ., (expr), call
//
// Values and semantics
//   Value = null (unanswered) | number | string | boolean | string[] (multi-select).
//   Empty values are null, '' and []. `=` with null on either side is true only when both sides are empty.
//   When either side of a comparison is a number or boolean (true = 1, false = 0), both are compared as
//   numbers, so ${q} = 1 holds when q is '1'; a number never equals or orders with a non-numeric text.
//   Two texts compare by code unit, which orders 'YYYY-MM-DD' dates. A multi-select compares as its values
//   joined by spaces. Ordering comparisons with null are false.
//   Arithmetic converts operands with number(): null or non-numeric text gives null, as do division or
//   mod by zero and overflow. Truthiness: null, '', 0, NaN, [] and false are false; all else is true.
//   and/or short-circuit and return booleans; if() and coalesce() evaluate only what they need.
//   Evaluation never throws on data.
export type { BinaryNode, BinaryOp, CallNode, CurrentNode, Expr, LiteralNode, RefNode, UnaryNode } from './ast.js';
export { ExpressionSyntaxError } from './syntax-error.js';
export { parseExpression } from './parser.js';
export type { ParseOptions } from './parser.js';
export { printXPath } from './print-xpath.js';
export type { CheckOptions, ExpressionIssue } from './analyse.js';
export { checkExpression, referencesOf } from './analyse.js';
export type { EvalEnv, Value } from './values.js';
export { isTruthy } from './values.js';
export { evaluate } from './evaluate.js';
