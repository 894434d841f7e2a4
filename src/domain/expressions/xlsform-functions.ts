// The XLSForm functions beyond the core language: now(), format-date(), sum(), jr:choice-name() and ODK's math
// (abs, floor, ceiling, sqrt, pow, exp, log, trigonometry, min, max, pi). Time and the choice labels come from the
// evaluation environment (the language has no clock and knows no questionnaire).
import type { Expr } from './ast.js';
import type { FunctionProblem, FunctionSpec } from './functions.js';
import type { EvalEnv, Value } from './values.js';
import { finite, isEmpty, toNumber, toText } from './values.js';

const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const dayNames = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const dateTimeAt = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?/;

/** The instant now() gives: the caller's `now`, else the evaluation day at midnight in Vietnam. */
function nowOf(env: EvalEnv): string {
  return env.now ?? `${env.today}T00:00:00.000+07:00`;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * ODK's format-date(value, pattern) over a 'YYYY-MM-DD' date or an ISO date-time, read as written (its clock
 * time, no time-zone shift): %Y %y %m %n %b %d %e %a %H %h %M %S %3; other characters are copied.
 */
function formatDate(value: Value, pattern: Value): Value {
  const m = dateTimeAt.exec(toText(value));
  if (m === null) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  const [h, mi, s] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  const ms = Number((m[7] ?? '0').padEnd(3, '0'));
  const parts: Record<string, string> = {
    Y: pad(y, 4),
    y: pad(y % 100),
    m: pad(mo),
    n: String(mo),
    b: monthNames[mo - 1] ?? '',
    d: pad(d),
    e: String(d),
    a: dayNames[date.getUTCDay()] ?? '',
    H: pad(h),
    h: String(h),
    M: pad(mi),
    S: pad(s),
    '3': pad(ms, 3),
  };
  return toText(pattern).replace(/%(.)/g, (all, c: string) => parts[c] ?? all);
}

/** sum(a, ...): numbers add; a multi-select adds its number of selections; an unanswered argument adds 0. */
function sum(arg: (i: number) => Value, argc: number): Value {
  let total = 0;
  for (let i = 0; i < argc; i++) {
    const v = arg(i);
    if (Array.isArray(v)) total += v.length;
    else if (!isEmpty(v)) {
      const n = toNumber(v);
      if (n === null) return null;
      total += n;
    }
  }
  return finite(total);
}

/** jr:choice-name(value, '${q}'): the second argument names the question whose option labels are read. */
function checkChoiceName(args: readonly Expr[]): FunctionProblem | null {
  const q = args[1];
  if (q === undefined) return null;
  if (q.kind !== 'literal' || typeof q.value !== 'string' || !/^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(q.value))
    return { message: `"jr:choice-name" needs the question as a quoted '\${name}' second argument`, position: q.pos };
  return null;
}

function choiceName(arg: (i: number) => Value, env: EvalEnv): Value {
  const value = arg(0);
  const question = toText(arg(1)).slice(2, -1);
  if (isEmpty(value)) return '';
  const codes = Array.isArray(value) ? value : [toText(value)];
  return codes.map((code) => env.choiceLabel?.(question, code) ?? code).join(' ');
}

/** choice-column('col'): in a choice_filter, the column `col` of the option being filtered (`name`: its name). */
function checkColumn(args: readonly Expr[]): FunctionProblem | null {
  const col = args[0];
  if (
    col === undefined ||
    (col.kind === 'literal' && typeof col.value === 'string' && /^[A-Za-z_]\w*$/.test(col.value))
  )
    return null;
  return { message: '"choice-column" needs a quoted column name', position: col.pos };
}

/** A function of numbers: null when an argument is not a number, or when the result is not finite (sqrt(-1)). */
function math(arity: number, f: (...n: number[]) => number): FunctionSpec {
  return {
    min: arity,
    max: arity,
    call: (arg) => {
      const n = Array.from({ length: arity }, (_, i) => toNumber(arg(i)));
      return n.every((x) => x !== null) ? finite(f(...(n as number[]))) : null;
    },
  };
}

/** min(a, b, ...) and max(a, b, ...), as ODK reads them: null when an argument is empty or not a number. */
function extreme(pick: (...n: number[]) => number): FunctionSpec {
  return {
    min: 1,
    max: Infinity,
    call: (arg, argc) => {
      const n = Array.from({ length: argc }, (_, i) => toNumber(arg(i)));
      return n.every((x) => x !== null) ? finite(pick(...(n as number[]))) : null;
    },
  };
}

const mathFunctions: readonly (readonly [string, FunctionSpec])[] = [
  ['abs', math(1, Math.abs)],
  ['floor', math(1, Math.floor)],
  ['ceiling', math(1, Math.ceil)],
  ['sqrt', math(1, Math.sqrt)],
  ['pow', math(2, (x, y) => x ** y)],
  ['exp', math(1, Math.exp)],
  ['exp10', math(1, (x) => 10 ** x)],
  ['log', math(1, Math.log)],
  ['log10', math(1, Math.log10)],
  ['sin', math(1, Math.sin)],
  ['cos', math(1, Math.cos)],
  ['tan', math(1, Math.tan)],
  ['asin', math(1, Math.asin)],
  ['acos', math(1, Math.acos)],
  ['atan', math(1, Math.atan)],
  ['atan2', math(2, Math.atan2)],
  ['pi', math(0, () => Math.PI)],
  ['min', extreme(Math.min)],
  ['max', extreme(Math.max)],
];

export const xlsFormFunctions: readonly (readonly [string, FunctionSpec])[] = [
  ...mathFunctions,
  ['now', { min: 0, max: 0, call: (_arg, _argc, env) => nowOf(env) }],
  ['format-date', { min: 2, max: 2, call: (arg) => formatDate(arg(0), arg(1)) }],
  ['sum', { min: 1, max: Infinity, call: sum }],
  [
    'choice-column',
    { min: 1, max: 1, check: checkColumn, call: (arg, _argc, env) => env.choiceColumn?.(toText(arg(0))) ?? null },
  ],
  ['jr:choice-name', { min: 2, max: 2, check: checkChoiceName, call: (arg, _argc, env) => choiceName(arg, env) }],
];
