// The XLSForm functions beyond the core language (now, format-date, sum over numbers and a multi-select's count,
// jr:choice-name, ODK's math), each both ways: evaluated from its parsed tree, and printed as XPath that parses back
// to the same tree in either reading. The text functions (string-length, substr, contains, starts-with) are in
// print-xpath.test.
import { describe, expect, it } from 'vitest';
import { parseExpression, printXPath, type Expr } from '../../../src/domain/expressions/index.js';
import { run, syntaxError } from './support.js';

function shape(expr: Expr): unknown {
  return JSON.parse(JSON.stringify(expr, (k, v: unknown) => (k === 'pos' ? undefined : v)));
}

/** Printed XPath is the source itself and parses back to the same tree as XPath and as this language. */
function bothWays(source: string): void {
  const tree = parseExpression(source, { xpath: true });
  const printed = printXPath(tree);
  expect(printed).toBe(source);
  expect(shape(parseExpression(printed))).toEqual(shape(tree));
  expect(shape(parseExpression(printed, { xpath: true }))).toEqual(shape(tree));
}

const labels: Record<string, Record<string, string>> = {
  sex: { '1': 'Nam', '2': 'Nữ' },
  langs: { '1': 'Việt', '3': 'Khmer' },
};
const choiceLabel = (q: string, code: string): string | undefined => labels[q]?.[code];

describe('now()', () => {
  it('gives the instant the caller passes, else the day at midnight in Vietnam', () => {
    expect(run('now()', {}, { now: '2025-03-01T09:15:30.000+07:00' })).toBe('2025-03-01T09:15:30.000+07:00');
    expect(run('now()')).toBe('2025-03-01T00:00:00.000+07:00');
    bothWays('now()');
    bothWays("format-date(now(), '%H:%M')");
  });

  it('takes no argument', () => {
    expect(syntaxError('now(1)').message).toMatch(/now/);
  });
});

describe('format-date()', () => {
  it.each([
    ["format-date('2025-03-09', '%d/%m/%Y')", '09/03/2025'],
    ["format-date('2025-03-09', '%e/%n/%y')", '9/3/25'],
    ["format-date('2025-03-09', '%a %e %b %Y')", 'Sun 9 Mar 2025'],
    ["format-date('2025-03-09T07:05:04.250+07:00', '%H:%M:%S.%3 (%h)')", '07:05:04.250 (7)'],
    ["format-date('2025-03-09', 'ngày %d, 100%')", 'ngày 09, 100%'],
  ])('%s is %j', (source, expected) => {
    expect(run(source)).toBe(expected);
    bothWays(source);
  });

  it('gives nothing for an answer that is not a date, or an impossible date', () => {
    expect(run("format-date(${d}, '%Y')", { d: null })).toBe(null);
    expect(run("format-date(${d}, '%Y')", { d: 'hôm qua' })).toBe(null);
    expect(run("format-date('2025-02-30', '%Y')")).toBe(null);
    expect(run("format-date(${d}, '%Y-%m')", { d: '2024-12-31' })).toBe('2024-12');
  });
});

describe('sum()', () => {
  it('adds numbers, counts a multi-select as its number of selections, and skips unanswered arguments', () => {
    expect(run('sum(${m})', { m: ['1', '3', '4'] })).toBe(3);
    expect(run('sum(${m}, ${n}, 2)', { m: ['2'], n: '1.5' })).toBe(4.5);
    expect(run('sum(${m}, ${n})', { m: null, n: null })).toBe(0);
    expect(run('sum(${m})', { m: [] })).toBe(0);
    expect(run('sum(${t}, 1)', { t: 'nhiều' })).toBe(null);
    bothWays('sum(${m})');
    bothWays('sum(${m}, ${n}) >= 2');
  });

  it('needs at least one argument', () => {
    expect(syntaxError('sum()').message).toMatch(/sum/);
  });
});

describe('jr:choice-name()', () => {
  it('gives the label of the chosen option, of each option of a multi-select, or the code without labels', () => {
    expect(run("jr:choice-name(${sex}, '${sex}')", { sex: 2 }, { choiceLabel })).toBe('Nữ');
    expect(run("jr:choice-name(${langs}, '${langs}')", { langs: ['1', '3'] }, { choiceLabel })).toBe('Việt Khmer');
    expect(run("jr:choice-name(${sex}, '${sex}')", { sex: null }, { choiceLabel })).toBe('');
    expect(run("jr:choice-name(${sex}, '${sex}')", { sex: 9 }, { choiceLabel })).toBe('9');
    expect(run("jr:choice-name(${sex}, '${sex}')", { sex: 1 })).toBe('1');
    expect(run("concat('Giới tính: ', jr:choice-name(${sex}, '${sex}'))", { sex: 1 }, { choiceLabel })).toBe(
      'Giới tính: Nam',
    );
    bothWays("jr:choice-name(${sex}, '${sex}')");
    bothWays("jr:choice-name(${sex}, '${sex}') = 'Nam' and ${a} - 1 > 0");
  });

  it("needs the question as a quoted '${name}'", () => {
    expect(syntaxError('jr:choice-name(${sex}, ${sex})').message).toMatch(/quoted/);
    expect(syntaxError("jr:choice-name(${sex}, 'sex')").message).toMatch(/quoted/);
    expect(syntaxError('jr:other(${sex})').message).toMatch(/Unknown function "jr:other"/);
  });
});

describe("ODK's math functions", () => {
  it('compute as ODK does, and give no answer where the result is not a number', () => {
    expect(run('sqrt(${a})', { a: 16 })).toBe(4);
    expect(run('pow(${a}, 3)', { a: 2 })).toBe(8);
    expect(run('round(pi(), 4)')).toBe(3.1416);
    expect(run('abs(-2.5) + floor(2.7) + ceiling(2.1)')).toBe(7.5);
    expect(run('round(exp(1), 3)')).toBe(2.718);
    expect(run('exp10(2)')).toBe(100);
    expect(run('log10(1000)')).toBe(3);
    expect(run('round(log(exp(2)), 10)')).toBe(2);
    expect(run('round(sin(pi() div 2) + cos(0) + tan(0), 10)')).toBe(2);
    expect(run('round(asin(1) * 2 - pi(), 10) + round(acos(1), 10) + round(atan(0), 10)')).toBe(0);
    expect(run('round(atan2(1, 1) * 4 - pi(), 10)')).toBe(0);
    expect(run('max(${a}, 3, 7)', { a: 5 })).toBe(7);
    expect(run('min(${a}, 3, 7)', { a: 5 })).toBe(3);
    // Not a number, or not finite: no value, as for any arithmetic on a blank.
    expect(run('sqrt(-1)')).toBeNull();
    expect(run('log(0)')).toBeNull();
    expect(run('max(${a}, 3)', { a: null })).toBeNull();
    expect(run("sqrt('abc')")).toBeNull();
  });

  it('print as XPath and parse back, and check their arity', () => {
    bothWays('sqrt(${a})');
    bothWays('pow(${a}, 2)');
    bothWays('max(${a}, ${b}, 1)');
    bothWays('pi()');
    expect(syntaxError('pow(1)').message).toMatch(/pow/);
    expect(syntaxError('pi(1)').message).toMatch(/pi/);
  });
});
