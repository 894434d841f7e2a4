// The function library, one describe per function, evaluated through the public API.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/domain/expressions/index.js';
import type { Expr } from '../../../src/domain/expressions/index.js';
import { envOf, run, today } from './support.js';

describe('selected', () => {
  const answers = { m: ['1', '3'], s: '3', n: 3, x: null, none: [] };

  it('finds a value in a multi-select, matching numbers by their text', () => {
    expect(run("selected(${m}, '3')", answers)).toBe(true);
    expect(run('selected(${m}, 3)', answers)).toBe(true);
    expect(run("selected(${m}, '2')", answers)).toBe(false);
    expect(run("selected(${none}, '1')", answers)).toBe(false);
  });

  it('works on a single answer equal to the value', () => {
    expect(run("selected(${s}, '3')", answers)).toBe(true);
    expect(run("selected(${s}, '33')", answers)).toBe(false);
    expect(run("selected(${n}, '3')", answers)).toBe(true);
  });

  it('is false when unanswered', () => {
    expect(run("selected(${x}, '')", answers)).toBe(false);
  });
});

describe('count-selected', () => {
  it('counts selected values, 0 when unanswered', () => {
    expect(run('count-selected(${m})', { m: ['a', 'b', 'c'] })).toBe(3);
    expect(run('count-selected(${m})', { m: [] })).toBe(0);
    expect(run('count-selected(${m})', { m: null })).toBe(0);
    expect(run('count-selected(${m})', { m: '' })).toBe(0);
    expect(run('count-selected(${m})', { m: 'a' })).toBe(1);
  });
});

describe('if', () => {
  it('returns the branch chosen by the truthiness of the condition', () => {
    expect(run("if(${a} > 1, 'big', 'small')", { a: 5 })).toBe('big');
    expect(run("if(${a} > 1, 'big', 'small')", { a: 0 })).toBe('small');
    expect(run("if('0', 'y', 'n')")).toBe('y');
    expect(run("if(0, 'y', 'n')")).toBe('n');
    expect(run("if(${m}, 'y', 'n')", { m: [] })).toBe('n');
    expect(run('if(true(), ${m}, 0)', { m: ['a'] })).toEqual(['a']);
  });
});

describe('coalesce', () => {
  it('returns the first value that is not null or empty', () => {
    expect(run("coalesce(${x}, ${y}, 'z')", { x: null, y: '' })).toBe('z');
    expect(run("coalesce('a', 'b')")).toBe('a');
    expect(run('coalesce(${x}, 0)', { x: null })).toBe(0);
    expect(run('coalesce(${x}, false())', { x: '' })).toBe(false);
    expect(run('coalesce(${x}, ${y})', { x: null, y: '' })).toBeNull();
  });
});

describe('string-length', () => {
  it('counts Unicode code points, not UTF-16 units or bytes', () => {
    expect(run("string-length('Nguyễn')")).toBe(6);
    expect(run("string-length('Việt Nam')")).toBe(8);
    expect(run("string-length('👍')")).toBe(1);
  });

  it('counts text typed with combining accents like precomposed text', () => {
    const decomposed = 'Nguye\u0302\u0303n';
    expect(decomposed.length).toBe(8);
    expect(run('string-length(${s})', { s: decomposed })).toBe(6);
  });

  it('is 0 for null and measures other values as text', () => {
    expect(run('string-length(${x})', { x: null })).toBe(0);
    expect(run('string-length(12.5)')).toBe(4);
  });
});

describe('today, true and false', () => {
  it('returns the date from the environment', () => {
    expect(run('today()')).toBe(today);
    expect(run('today()', {}, { today: '2030-12-31' })).toBe('2030-12-31');
    expect(run("today() > '2025-01-01'")).toBe(true);
  });

  it('returns booleans', () => {
    expect(run('true()')).toBe(true);
    expect(run('false()')).toBe(false);
  });
});

describe('number and int', () => {
  it('parses numeric text and booleans, null otherwise', () => {
    expect(run("number('12.5')")).toBe(12.5);
    expect(run("number('  7 ')")).toBe(7);
    expect(run("number('1e3')")).toBe(1000);
    expect(run('number(true())')).toBe(1);
    expect(run("number('abc')")).toBeNull();
    expect(run("number('')")).toBeNull();
    expect(run("number('0x10')")).toBeNull();
    expect(run('number(${x})', { x: null })).toBeNull();
  });

  it('truncates toward zero', () => {
    expect(run('int(7.9)')).toBe(7);
    expect(run('int(-7.9)')).toBe(-7);
    expect(run("int('3.7')")).toBe(3);
    expect(Object.is(run('int(-0.5)'), 0)).toBe(true);
    expect(run("int('x')")).toBeNull();
  });
});

describe('round', () => {
  it('rounds half away from zero', () => {
    expect(run('round(2.5)')).toBe(3);
    expect(run('round(-2.5)')).toBe(-3);
    expect(run('round(2.4)')).toBe(2);
    expect(Object.is(run('round(-0.4)'), 0)).toBe(true);
  });

  it('rounds to decimal places without binary floating-point surprises', () => {
    expect(run('round(1.005, 2)')).toBe(1.01);
    expect(run('round(3.14159, 3)')).toBe(3.142);
    expect(run('round(1234.5, -2)')).toBe(1200);
    expect(run('round(${x}, 2)', { x: 1e300 })).toBe(1e300);
  });

  it('is null for non-numeric input or digits', () => {
    expect(run("round('abc')")).toBeNull();
    expect(run('round(2.5, ${d})', { d: null })).toBeNull();
  });
});

describe('concat', () => {
  it('joins values as text, null as nothing and multi-selects with spaces', () => {
    expect(run("concat('a', ${x}, 1.5, true(), ${m})", { x: null, m: ['x', 'y'] })).toBe('a1.5truex y');
    expect(run("concat('Xin chào ', ${name})", { name: 'Lan' })).toBe('Xin chào Lan');
  });
});

describe('regex', () => {
  it('searches without anchoring; ^ and $ anchor', () => {
    expect(run("regex(${p}, '^0[0-9]{9}$')", { p: '0912345678' })).toBe(true);
    expect(run("regex(${p}, '^0[0-9]{9}$')", { p: '091234567' })).toBe(false);
    expect(run("regex('abc123', '[0-9]')")).toBe(true);
  });

  it('understands Unicode properties and treats null as empty text', () => {
    expect(run("regex('Nguyễn', '^\\p{L}+$')")).toBe(true);
    expect(run("regex('Nguyễn 2', '^\\p{L}+$')")).toBe(false);
    expect(run("regex(${x}, '^$')", { x: null })).toBe(true);
  });

  it('returns false instead of throwing for a bad pattern in a hand-built tree', () => {
    const expr: Expr = {
      kind: 'call',
      name: 'regex',
      pos: 0,
      args: [
        { kind: 'literal', value: 'a', pos: 6 },
        { kind: 'literal', value: '[', pos: 11 },
      ],
    };
    expect(evaluate(expr, envOf({}))).toBe(false);
  });
});

describe('date', () => {
  it('returns a valid YYYY-MM-DD date unchanged, null otherwise', () => {
    expect(run("date('2024-02-29')")).toBe('2024-02-29');
    expect(run("date('2023-02-29')")).toBeNull();
    expect(run("date('2024-04-31')")).toBeNull();
    expect(run("date('2024-13-01')")).toBeNull();
    expect(run("date('2024-1-1')")).toBeNull();
    expect(run('date(20240101)')).toBeNull();
    expect(run('date(${x})', { x: null })).toBeNull();
  });
});

describe('age-in-years', () => {
  it('counts whole years up to today()', () => {
    expect(run("age-in-years('2000-03-01')")).toBe(25);
    expect(run("age-in-years('2000-03-02')")).toBe(24);
    expect(run("age-in-years('2025-03-01')")).toBe(0);
    expect(run('age-in-years(${b}) >= 18', { b: '2007-03-02' })).toBe(false);
  });

  it('reaches a 29 February birthday on 1 March in other years', () => {
    expect(run("age-in-years('2004-02-29')")).toBe(21);
    expect(run("age-in-years('2004-02-29')", {}, { today: '2025-02-28' })).toBe(20);
  });

  it('is null for future, invalid or missing dates', () => {
    expect(run("age-in-years('2025-03-02')")).toBeNull();
    expect(run("age-in-years('2000-02-30')")).toBeNull();
    expect(run('age-in-years(${b})', { b: null })).toBeNull();
    expect(run("age-in-years('2000-01-01')", {}, { today: 'soon' })).toBeNull();
  });
});

describe('calls in hand-built trees', () => {
  it('evaluates an unknown function to null instead of throwing', () => {
    expect(evaluate({ kind: 'call', name: 'nope', args: [], pos: 0 }, envOf({}))).toBeNull();
  });
});
