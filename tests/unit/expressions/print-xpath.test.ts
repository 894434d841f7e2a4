// The XPath printer and the XPath reading of the parser, both ways: printing gives XLSForm's spelling (div, mod,
// not(x)), and the printed text parses back to the same tree in either mode, for every function of the language.
import { describe, expect, it } from 'vitest';
import { evaluate, parseExpression, printXPath, type Expr } from '../../../src/domain/expressions/index.js';
import { envOf, run } from './support.js';

/** The tree without source positions, which differ between two spellings of one expression. */
function shape(expr: Expr): unknown {
  return JSON.parse(JSON.stringify(expr, (k, v: unknown) => (k === 'pos' ? undefined : v)));
}

const print = (source: string): string => printXPath(parseExpression(source));

describe('printXPath', () => {
  it.each([
    ['${a} / 2', '${a} div 2'],
    ['${a} % 3', '${a} mod 3'],
    ['not ${a} = 1', 'not(${a} = 1)'],
    ['not (${a} = 1) and ${b}', 'not(${a} = 1) and ${b}'],
    ['(${a} + 1) * 2', '(${a} + 1) * 2'],
    ['${a} - (${b} - 1)', '${a} - (${b} - 1)'],
    ['${a} - ${b} - 1', '${a} - ${b} - 1'],
    ['(${a} or ${b}) and ${c}', '(${a} or ${b}) and ${c}'],
    ['${a} or ${b} and ${c}', '${a} or ${b} and ${c}'],
    ['-(${a} + 1)', '-(${a} + 1)'],
    ['(${a} = 1) = (${b} = 2)', '(${a} = 1) = (${b} = 2)'],
    ['selected(${m}, 2) and count-selected(${m}) >= 1', 'selected(${m}, 2) and count-selected(${m}) >= 1'],
    ['"it\'s"', '"it\'s"'],
    ['. >= 0 and . <= 120', '. >= 0 and . <= 120'],
  ])('%s → %s', (source, xpath) => {
    expect(print(source)).toBe(xpath);
  });

  it('writes a text holding both quote characters as a concat() of pieces', () => {
    const tree = { kind: 'literal', value: `a'b"c`, pos: 0 } as const;
    expect(printXPath(tree)).toBe(`concat('a', "'", 'b"c')`);
    expect(run(printXPath(tree))).toBe(`a'b"c`);
  });

  it('parenthesises a not() inside a comparison, which the prefix not would otherwise swallow', () => {
    const tree = parseExpression('not(${a}) = 1', { xpath: true });
    expect(printXPath(tree)).toBe('(not(${a})) = 1');
    expect(shape(parseExpression(printXPath(tree)))).toEqual(shape(tree));
  });
});

describe('parseExpression with xpath: true', () => {
  it('reads not(x) = 1 as XPath does, a comparison of not(x), unlike the prefix reading', () => {
    const xpath = parseExpression('not(${a}) = 1', { xpath: true });
    expect(evaluate(xpath, envOf({ a: 2 }))).toBe(false);
    expect(run('not(${a}) = 1', { a: 2 })).toBe(true);
    expect(xpath.kind).toBe('binary');
    expect(parseExpression('not(${a}) = 1').kind).toBe('unary');
  });

  it('refuses the prefix form, which XPath does not have', () => {
    expect(() => parseExpression('not ${a}', { xpath: true })).toThrow(/Unexpected "not"/);
  });

  const everyFunction = [
    "selected(${m}, '2')",
    'count-selected(${m}) > 1',
    "if(${a} > 1, 'big', 'small')",
    'coalesce(${a}, ${b}, 0)',
    'string-length(${t}) <= 10',
    'today() > date(${d})',
    'true() and not(false())',
    'number(${t}) + int(${a}) + round(${x}, 2) + round(${x})',
    "concat(${t}, '-', ${a})",
    "regex(${t}, '^[0-9]+$')",
    'age-in-years(${d}) >= 18',
    '${a} div 2 mod 3 - -1',
  ];
  it.each(everyFunction)('%s prints and parses back to the same tree in both modes', (source) => {
    const tree = parseExpression(source, { xpath: true });
    const printed = printXPath(tree);
    expect(shape(parseExpression(printed, { xpath: true }))).toEqual(shape(tree));
    expect(shape(parseExpression(printed))).toEqual(shape(tree));
  });
});

describe('the XPath text functions', () => {
  it.each([
    ["substr('Hà Nội', 0, 2)", 'Hà'],
    ["substr('Hà Nội', 3)", 'Nội'],
    ['substr(${t}, 1, 3)', 'bc'],
    ["contains('Lắng Nghe', 'Nghe')", true],
    ["contains(${t}, 'x')", false],
    ["starts-with(${t}, 'ab')", true],
    ["starts-with(${t}, 'b')", false],
    ["ends-with(${t}, 'cd')", true],
  ])('%s is %j', (source, expected) => {
    expect(run(source, { t: 'abcd' })).toBe(expected);
    expect(printXPath(parseExpression(source, { xpath: true }))).toBe(source.replace(/\$\{t\}/g, '${t}'));
  });

  it('gives nothing for an unanswered or non-numeric position', () => {
    expect(run("substr('abc', ${n})", { n: null })).toBe(null);
    expect(run("contains(${t}, '')", { t: null })).toBe(true);
  });
});
