// The function library: arity (checked by the parser), optional parse-time checks, and implementations.
// Arguments are evaluated lazily through `arg(i)`, which lets if() and coalesce() skip unused branches.
import type { Expr } from './ast.js';
import { ageInYears, parseDate } from './dates.js';
import type { EvalEnv, Value } from './values.js';
import { finite, isEmpty, isTruthy, toNumber, toText } from './values.js';
import { xlsFormFunctions } from './xlsform-functions.js';

export interface FunctionProblem {
  readonly message: string;
  readonly position: number;
}

export interface FunctionSpec {
  readonly min: number;
  /** Infinity for functions that take any number of arguments from `min` up. */
  readonly max: number;
  /** A parse-time check beyond the number of arguments. */
  readonly check?: (args: readonly Expr[]) => FunctionProblem | null;
  /** `arg(i)` evaluates the i-th argument (null if there is none). Must not throw on any data. */
  readonly call: (arg: (i: number) => Value, argc: number, env: EvalEnv) => Value;
}

/** Regular expressions use the `u` flag and are not anchored: write ^ and $ to match the whole text. */
const regexFlags = 'u';

function compileRegex(pattern: string): RegExp | string {
  try {
    return new RegExp(pattern, regexFlags);
  } catch (e) {
    // Drop the engine's own "Invalid regular expression: /…/u: " prefix; our message names the pattern.
    const message = e instanceof Error ? e.message : String(e);
    return message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '');
  }
}

function checkRegex(args: readonly Expr[]): FunctionProblem | null {
  const pattern = args[1];
  if (pattern === undefined) return null;
  if (pattern.kind !== 'literal' || typeof pattern.value !== 'string') {
    return { message: '"regex" needs a quoted pattern as its second argument', position: pattern.pos };
  }
  const compiled = compileRegex(pattern.value);
  if (typeof compiled === 'string') {
    return { message: `Invalid regular expression "${pattern.value}": ${compiled}`, position: pattern.pos };
  }
  return null;
}

/** Shifts the decimal point of `n` by `e` places through its decimal text, so round(1.005, 2) is 1.01. */
function shiftDecimal(n: number, e: number): number {
  const text = String(n);
  return text.includes('e') ? n * 10 ** e : Number(`${text}e${e}`);
}

/** Rounds half away from zero to `digits` decimal places (negative digits round to tens, hundreds...). */
function roundTo(x: number, digits: number): number | null {
  const d = Math.trunc(digits);
  // Doubles of 2^52 and above have no fractional part, and 20 places is beyond any double's precision.
  if (d > 20 || (d >= 0 && Math.abs(x) >= 2 ** 52)) return x;
  if (d < -320) return 0;
  const rounded = Math.round(shiftDecimal(Math.abs(x), d));
  return finite(Math.sign(x) * shiftDecimal(rounded, -d));
}

function codePointLength(v: Value): number {
  // NFC first: text typed with combining accents ("e" + U+0302 + U+0303) counts like precomposed "ễ".
  return [...toText(v).normalize('NFC')].length;
}

function selected(answer: Value, option: Value): boolean {
  if (answer === null) return false;
  const wanted = toText(option);
  return Array.isArray(answer) ? answer.includes(wanted) : toText(answer) === wanted;
}

function countSelected(answer: Value): number {
  if (Array.isArray(answer)) return answer.length;
  return isEmpty(answer) ? 0 : 1;
}

function coalesce(arg: (i: number) => Value, argc: number): Value {
  for (let i = 0; i < argc; i++) {
    const v = arg(i);
    if (!isEmpty(v)) return v;
  }
  return null;
}

function matches(subject: Value, pattern: Value): boolean {
  const re = compileRegex(toText(pattern));
  return typeof re === 'string' ? false : re.test(toText(subject));
}

/** XPath's substr(s, start, end?): code points from 0-based `start` up to `end` (exclusive), as ODK does. */
function substring(arg: (i: number) => Value, argc: number): Value {
  const chars = [...toText(arg(0)).normalize('NFC')];
  const start = toNumber(arg(1));
  const end = argc > 2 ? toNumber(arg(2)) : chars.length;
  if (start === null || end === null) return null;
  return chars.slice(Math.max(0, Math.trunc(start)), Math.max(0, Math.trunc(end))).join('');
}

const textTest =
  (test: (s: string, t: string) => boolean): FunctionSpec['call'] =>
  (arg) =>
    test(toText(arg(0)).normalize('NFC'), toText(arg(1)).normalize('NFC'));

function dateOf(v: Value): string | null {
  return typeof v === 'string' && parseDate(v) !== null ? v : null;
}

function ageOf(birthdate: Value, today: string): number | null {
  const birth = typeof birthdate === 'string' ? parseDate(birthdate) : null;
  const now = parseDate(today);
  return birth === null || now === null ? null : ageInYears(birth, now);
}

function numeric(f: (n: number) => number): FunctionSpec['call'] {
  return (arg) => {
    const n = toNumber(arg(0));
    return n === null ? null : finite(f(n));
  };
}

export const functions: ReadonlyMap<string, FunctionSpec> = new Map<string, FunctionSpec>([
  ['selected', { min: 2, max: 2, call: (arg) => selected(arg(0), arg(1)) }],
  ['count-selected', { min: 1, max: 1, call: (arg) => countSelected(arg(0)) }],
  ['if', { min: 3, max: 3, call: (arg) => (isTruthy(arg(0)) ? arg(1) : arg(2)) }],
  ['coalesce', { min: 2, max: Infinity, call: coalesce }],
  ['string-length', { min: 1, max: 1, call: (arg) => codePointLength(arg(0)) }],
  ['today', { min: 0, max: 0, call: (_arg, _argc, env) => env.today }],
  ['true', { min: 0, max: 0, call: () => true }],
  ['false', { min: 0, max: 0, call: () => false }],
  ['number', { min: 1, max: 1, call: (arg) => toNumber(arg(0)) }],
  ['int', { min: 1, max: 1, call: numeric(Math.trunc) }],
  [
    'round',
    {
      min: 1,
      max: 2,
      call: (arg, argc) => {
        const x = toNumber(arg(0));
        const digits = argc > 1 ? toNumber(arg(1)) : 0;
        return x === null || digits === null ? null : roundTo(x, digits);
      },
    },
  ],
  [
    'concat',
    { min: 1, max: Infinity, call: (arg, argc) => Array.from({ length: argc }, (_, i) => toText(arg(i))).join('') },
  ],
  ['regex', { min: 2, max: 2, check: checkRegex, call: (arg) => matches(arg(0), arg(1)) }],
  ['date', { min: 1, max: 1, call: (arg) => dateOf(arg(0)) }],
  ['substr', { min: 2, max: 3, call: substring }],
  ['contains', { min: 2, max: 2, call: textTest((s, t) => s.includes(t)) }],
  ['starts-with', { min: 2, max: 2, call: textTest((s, t) => s.startsWith(t)) }],
  ['ends-with', { min: 2, max: 2, call: textTest((s, t) => s.endsWith(t)) }],
  ['age-in-years', { min: 1, max: 1, call: (arg, _argc, env) => ageOf(arg(0), env.today) }],
  ...xlsFormFunctions,
]);
