// Runtime values and the coercions every operator and function shares. None of these throw: data that
// cannot be used (a non-numeric string in arithmetic, a number compared with a word) gives null or false.

/** null = unanswered; string[] = the selected option values of a multi-select question. */
export type Value = null | number | string | boolean | readonly string[];

/** What an expression can see while it is evaluated. Time is passed in: the language has no clock. */
export interface EvalEnv {
  /** The answer to question `name` (null when unanswered or not relevant). */
  resolve(name: string): Value;
  /** The answer to the question the expression belongs to, read by `.`; null when absent. */
  current?: Value;
  /** The evaluation date as 'YYYY-MM-DD', returned by today(). */
  today: string;
  /** The evaluation instant (ISO 8601) returned by now(); without it, `today` at midnight in Vietnam. */
  now?: string;
  /** The label of option `code` of question `question`, for jr:choice-name(); the code itself without it. */
  choiceLabel?: (question: string, code: string) => string | undefined;
  /** In a choice_filter: the column of the option being filtered, read by a bare name (choice-column). */
  choiceColumn?: (column: string) => Value;
}

const numericString = /^\s*[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?\s*$/;

/** null, '' and [] are "empty": unanswered, or answered with nothing. */
export function isEmpty(v: Value): boolean {
  return v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

/** false for null, '', 0, NaN, [] and false; true for everything else (including the string '0'). */
export function isTruthy(v: Value): boolean {
  if (v === null) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0 && !Number.isNaN(v);
  if (typeof v === 'string') return v !== '';
  return v.length > 0;
}

/** Turns -0 into 0 and non-finite results (NaN, ±Infinity) into null. */
export function finite(n: number): number | null {
  if (!Number.isFinite(n)) return null;
  return n === 0 ? 0 : n;
}

/** Numbers as themselves, booleans as 1/0, numeric strings parsed; everything else is null. */
export function toNumber(v: Value): number | null {
  if (typeof v === 'number') return finite(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string' && numericString.test(v)) return finite(Number(v));
  return null;
}

/** The text of a value: null is '', a multi-select is its values joined by spaces (as in XLSForm). */
export function toText(v: Value): string {
  if (v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return v.join(' ');
}

/**
 * Orders two non-null values: -1, 0 or 1, or null when they cannot be compared. When either side is a
 * number or boolean both sides are compared as numbers (so '1' = 1); two texts compare by code unit, which
 * orders 'YYYY-MM-DD' dates correctly. A number never compares with a non-numeric text.
 */
function order(a: Exclude<Value, null>, b: Exclude<Value, null>): number | null {
  const numeric = (v: Value): boolean => typeof v === 'number' || typeof v === 'boolean';
  if (numeric(a) || numeric(b)) {
    const x = toNumber(a);
    const y = toNumber(b);
    if (x === null || y === null) return null;
    return Math.sign(x - y);
  }
  const s = toText(a);
  const t = toText(b);
  return s < t ? -1 : s > t ? 1 : 0;
}

/** `=`: null equals null and the empty values ('' and []); otherwise see `order`. */
export function valuesEqual(a: Value, b: Value): boolean {
  if (a === null || b === null) return isEmpty(a) && isEmpty(b);
  return order(a, b) === 0;
}

/** `<`, `<=`, `>`, `>=`: false whenever either side is null or the sides cannot be compared. */
export function compareValues(op: '<' | '<=' | '>' | '>=', a: Value, b: Value): boolean {
  if (a === null || b === null) return false;
  const o = order(a, b);
  if (o === null) return false;
  switch (op) {
    case '<':
      return o < 0;
    case '<=':
      return o <= 0;
    case '>':
      return o > 0;
    case '>=':
      return o >= 0;
  }
}
