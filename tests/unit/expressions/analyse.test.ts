// Static analysis: the names an expression reads, and checking against the questions that exist.
import { describe, expect, it } from 'vitest';
import { checkExpression, parseExpression, referencesOf } from '../../../src/domain/expressions/index.js';

describe('referencesOf', () => {
  it('lists distinct names in order of first appearance', () => {
    const expr = parseExpression("${b} > ${a} or ${b} = 0 and selected(${c}, 'x')");
    expect(referencesOf(expr)).toEqual(['b', 'a', 'c']);
  });

  it('looks inside unary operators and every call argument', () => {
    expect(referencesOf(parseExpression('not if(${p}, -${q}, coalesce(${r}, ${p}))'))).toEqual(['p', 'q', 'r']);
  });

  it('does not count "." or literals', () => {
    expect(referencesOf(parseExpression(". > 1 and 'x' = concat('x')"))).toEqual([]);
  });
});

describe('checkExpression', () => {
  const known = new Set(['age', 'sex', 'langs']);

  it('accepts an expression over known questions', () => {
    const result = checkExpression("${age} >= 18 and selected(${langs}, 'vi')", known);
    expect(result.issues).toEqual([]);
    expect(result.expr).toEqual(parseExpression("${age} >= 18 and selected(${langs}, 'vi')"));
  });

  it('reports an unknown question at its "$" and still returns the tree', () => {
    const result = checkExpression('${age} >= 18 and ${agee} = 1', known);
    expect(result.issues).toStrictEqual([{ message: 'Unknown question "agee"', position: 17, reference: 'agee' }]);
    expect(result.expr).not.toBeNull();
  });

  it('reports each unknown name once, in order', () => {
    const result = checkExpression('${zz} + ${yy} + ${zz}', known);
    expect(result.issues.map((i) => [i.reference, i.position])).toEqual([
      ['zz', 0],
      ['yy', 8],
    ]);
  });

  it('turns a syntax error into one issue with no tree', () => {
    const result = checkExpression('${agee} = (1', known);
    expect(result).toStrictEqual({
      expr: null,
      issues: [{ message: 'Expected ")" at position 12, found end of expression', position: 12 }],
    });
  });

  it('allows "." only when asked to', () => {
    expect(checkExpression('. > ${age}', known).issues).toStrictEqual([
      { message: '"." (this question\'s own answer) is not allowed here', position: 0 },
    ]);
    expect(checkExpression('. > ${age}', known, { allowCurrent: true }).issues).toEqual([]);
  });

  it('never throws, whatever the input', () => {
    const inputs = [
      '',
      ')',
      '${',
      "'",
      '$',
      '((((',
      'not',
      '1 +* 2',
      '\u0000',
      '${a}${b}',
      'regex(., "(")',
      '('.repeat(5000),
    ];
    for (const source of inputs) {
      const result = checkExpression(source, known);
      expect(result.expr, source).toBeNull();
      expect(result.issues.length, source).toBe(1);
    }
  });
});
