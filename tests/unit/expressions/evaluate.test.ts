// Evaluation semantics: unanswered values, numeric strings, truthiness, arithmetic and short-circuiting.
import { describe, expect, it } from 'vitest';
import { evaluate, isTruthy, parseExpression } from '../../../src/domain/expressions/index.js';
import type { Value } from '../../../src/domain/expressions/index.js';
import { envOf, run } from './support.js';

describe('unanswered (null)', () => {
  const unanswered = { x: null, y: null };

  it('equals null and the empty text, nothing else', () => {
    expect(run("${x} = ''", unanswered)).toBe(true);
    expect(run("'' = ${x}", unanswered)).toBe(true);
    expect(run('${x} = ${y}', unanswered)).toBe(true);
    expect(run("${x} != ''", unanswered)).toBe(false);
    expect(run('${x} = 0', unanswered)).toBe(false);
    expect(run('${x} != 0', unanswered)).toBe(true);
    expect(run("${x} = 'a'", unanswered)).toBe(false);
  });

  it('equals an empty multi-select', () => {
    expect(run("${m} = ''", { m: [] })).toBe(true);
    expect(run("${m} = ''", { m: ['a'] })).toBe(false);
  });

  it('makes every ordering comparison false', () => {
    for (const op of ['<', '<=', '>', '>=']) {
      expect(run(`\${x} ${op} 5`, unanswered)).toBe(false);
      expect(run(`5 ${op} \${x}`, unanswered)).toBe(false);
      expect(run(`\${x} ${op} \${y}`, unanswered)).toBe(false);
    }
  });

  it('makes arithmetic null', () => {
    expect(run('${x} + 1', unanswered)).toBeNull();
    expect(run('${x} * 0', unanswered)).toBeNull();
    expect(run('-${x}', unanswered)).toBeNull();
    expect(run('10 div ${x}', unanswered)).toBeNull();
  });

  it('reads "." as null when there is no current answer', () => {
    expect(run(". = ''")).toBe(true);
    expect(run('. > 0')).toBe(false);
  });
});

describe('comparison', () => {
  it('compares a number with a numeric string numerically', () => {
    expect(run('${q} = 1', { q: '1' })).toBe(true);
    expect(run('1 = ${q}', { q: '1' })).toBe(true);
    expect(run('${q} != 1', { q: '1' })).toBe(false);
    expect(run('${q} = 1', { q: '1.0' })).toBe(true);
    expect(run('${q} > 9', { q: '10' })).toBe(true);
    expect(run('${q} = 2', { q: '1' })).toBe(false);
  });

  it('compares two strings lexicographically, which orders ISO dates', () => {
    expect(run("'10' < '9'")).toBe(true);
    expect(run("'abc' < 'abd'")).toBe(true);
    expect(run("'2024-12-31' < '2025-01-01'")).toBe(true);
    expect(run("${d} >= '2000-01-01'", { d: '1999-12-31' })).toBe(false);
    expect(run("'a' = 'a'")).toBe(true);
    expect(run("'a' = 'A'")).toBe(false);
  });

  it('never relates a number to a non-numeric string', () => {
    expect(run('${q} = 1', { q: 'abc' })).toBe(false);
    expect(run('${q} != 1', { q: 'abc' })).toBe(true);
    expect(run('${q} < 1', { q: 'abc' })).toBe(false);
    expect(run('${q} > 1', { q: 'abc' })).toBe(false);
    expect(run('${q} = 0', { q: '' })).toBe(false);
  });

  it('treats booleans as 1 and 0', () => {
    expect(run('true() = 1')).toBe(true);
    expect(run('false() = 0')).toBe(true);
    expect(run("(1 = 1) = '1'")).toBe(true);
    expect(run('true() > false()')).toBe(true);
  });

  it('compares a multi-select as its values joined by spaces', () => {
    expect(run("${m} = 'a b'", { m: ['a', 'b'] })).toBe(true);
    expect(run("${m} = 'a'", { m: ['a', 'b'] })).toBe(false);
  });
});

describe('arithmetic', () => {
  it('converts numeric strings and booleans', () => {
    expect(run("'3' + 4")).toBe(7);
    expect(run('${q} * 2', { q: '2.5' })).toBe(5);
    expect(run('true() + true()')).toBe(2);
    expect(run('(1 = 1) + 1')).toBe(2);
  });

  it('gives null for non-numeric text, not NaN', () => {
    expect(run("'abc' + 1")).toBeNull();
    expect(run("'' + 1")).toBeNull();
    expect(run('${m} + 1', { m: ['1'] })).toBeNull();
    expect(run("-'abc'")).toBeNull();
  });

  it('gives null for division or mod by zero and for overflow', () => {
    expect(run('1 div 0')).toBeNull();
    expect(run('1 / 0')).toBeNull();
    expect(run('0 div 0')).toBeNull();
    expect(run('5 mod 0')).toBeNull();
    expect(run('${big} * ${big}', { big: 1e200 })).toBeNull();
  });

  it('takes the sign of mod from the dividend and keeps fractions', () => {
    expect(run('-7 mod 3')).toBe(-1);
    expect(run('7 mod -3')).toBe(1);
    expect(run('7.5 mod 2')).toBe(1.5);
  });

  it('never produces negative zero', () => {
    expect(Object.is(run('0 * -1'), 0)).toBe(true);
    expect(Object.is(run('-0'), 0)).toBe(true);
  });
});

describe('truthiness and logic', () => {
  const cases: [Value, boolean][] = [
    [null, false],
    ['', false],
    [0, false],
    [Number.NaN, false],
    [[], false],
    [false, false],
    ['0', true],
    ['a', true],
    [1, true],
    [-0.5, true],
    [['a'], true],
    [true, true],
  ];

  it.each(cases)('isTruthy(%j) is %s', (value, expected) => {
    expect(isTruthy(value)).toBe(expected);
  });

  it('returns booleans from and/or, not operands', () => {
    expect(run("1 and 'x'")).toBe(true);
    expect(run("0 or ''")).toBe(false);
    expect(run("'' or 'y'")).toBe(true);
    expect(run('not ${x}', { x: null })).toBe(true);
    expect(run('not ${m}', { m: ['a'] })).toBe(false);
  });

  it('short-circuits and, or, if and coalesce', () => {
    const boom = (): Value => {
      throw new Error('must not be read');
    };
    const env = { ...envOf({ a: 1 }), resolve: (name: string): Value => (name === 'a' ? 1 : boom()) };
    const go = (source: string): Value => evaluate(parseExpression(source), env);
    expect(() => go('true() and ${boom} = 1')).toThrow('must not be read');
    expect(go('false() and ${boom} = 1')).toBe(false);
    expect(go('${a} = 1 or ${boom}')).toBe(true);
    expect(go('if(${a} = 1, 1, ${boom})')).toBe(1);
    expect(go('if(${a} = 2, ${boom}, 2)')).toBe(2);
    expect(go('coalesce(${a}, ${boom})')).toBe(1);
  });
});

describe('robustness', () => {
  const values: Value[] = [null, 0, -1, 1.5, '', 'abc', '12', 'Nguyễn', true, false, [], ['a', 'b'], Number.NaN];
  const arithmetic = ['${x} + 1', '${x} - ${x}', '${x} * 2', '${x} div ${x}', '${x} mod 3', '-${x}'];
  const others = [
    '${x} = 1',
    '${x} != ${x}',
    '${x} < ${x}',
    "${x} >= 'a'",
    'not ${x}',
    '${x} and ${x} or ${x}',
    "selected(${x}, 'a')",
    'count-selected(${x})',
    'if(${x}, ${x}, 1)',
    'coalesce(${x}, 1)',
    'string-length(${x})',
    'number(${x})',
    'int(${x})',
    'round(${x}, ${x})',
    'concat(${x}, ${x})',
    "regex(${x}, '^[0-9]+$')",
    'date(${x})',
    'age-in-years(${x})',
  ];

  it('never throws on any answer, and arithmetic yields a finite number or null', () => {
    for (const x of values) {
      for (const source of arithmetic) {
        const result = run(source, { x });
        expect(result === null || Number.isFinite(result), `${source} with ${String(x)}`).toBe(true);
      }
      for (const source of others) expect(() => run(source, { x })).not.toThrow();
    }
  });

  it('asks the resolver for exactly the names it needs', () => {
    const asked: string[] = [];
    const env = { today: '2025-01-01', resolve: (name: string): Value => (asked.push(name), 2) };
    expect(evaluate(parseExpression('${a} + ${b} * ${a}'), env)).toBe(6);
    expect(asked).toEqual(['a', 'b', 'a']);
  });
});
