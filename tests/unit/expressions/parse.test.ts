// Syntax: precedence, associativity, lexing of hyphenated names, and syntax errors with exact positions.
import { describe, expect, it } from 'vitest';
import { ExpressionSyntaxError, parseExpression } from '../../../src/domain/expressions/index.js';
import { run, syntaxError } from './support.js';

describe('precedence', () => {
  it('multiplies before adding and adds before comparing', () => {
    expect(run('1 + 2 * 3 = 7')).toBe(true);
    expect(run('(1 + 2) * 3')).toBe(9);
    expect(run('1 + 2 > 2')).toBe(true);
    expect(run('2 * 3 mod 4')).toBe(2);
  });

  it('binds "and" tighter than "or"', () => {
    expect(run('true() or false() and false()')).toBe(true);
    expect(run('false() and true() or true()')).toBe(true);
    expect(run('(true() or false()) and false()')).toBe(false);
  });

  it('binds "not" looser than comparison', () => {
    expect(run('not ${a} = 1', { a: 2 })).toBe(true);
    expect(run('not ${a} = 1', { a: 1 })).toBe(false);
    expect(parseExpression('not ${a} = 1')).toMatchObject({
      kind: 'unary',
      op: 'not',
      operand: { kind: 'binary', op: '=' },
    });
  });

  it('binds "not" tighter than "and" and allows it twice', () => {
    expect(run('not false() and false()')).toBe(false);
    expect(run('not (false() and false())')).toBe(true);
    expect(run('not not true()')).toBe(true);
    expect(run('not(${a} = 1)', { a: 1 })).toBe(false);
  });

  it('binds unary minus tighter than every binary operator', () => {
    expect(run('- 3 - 1')).toBe(-4);
    expect(run('-2 * 3')).toBe(-6);
    expect(run('7 - -2')).toBe(9);
    expect(run('- - 4')).toBe(4);
  });

  it('makes - and div left-associative', () => {
    expect(run('10 - 4 - 3')).toBe(3);
    expect(run('100 div 10 div 5')).toBe(2);
    expect(run('100 / 10 / 5')).toBe(2);
    expect(run('12 / 4 % 2')).toBe(1);
  });

  it('builds a left-nested tree with operator positions', () => {
    expect(parseExpression('1 - 2 - 3')).toEqual({
      kind: 'binary',
      op: '-',
      pos: 6,
      left: {
        kind: 'binary',
        op: '-',
        pos: 2,
        left: { kind: 'literal', value: 1, pos: 0 },
        right: { kind: 'literal', value: 2, pos: 4 },
      },
      right: { kind: 'literal', value: 3, pos: 8 },
    });
  });

  it('normalises / and % to div and mod', () => {
    expect(parseExpression('7 / 2')).toMatchObject({ op: 'div' });
    expect(parseExpression('7 % 2')).toMatchObject({ op: 'mod' });
    expect(run('7 / 2')).toBe(3.5);
    expect(run('7 % 2')).toBe(1);
  });

  it('refuses chained comparisons', () => {
    expect(syntaxError('1 < 2 < 3')).toEqual({
      message: 'Unexpected "<" at position 6; comparisons cannot be chained, join them with "and"',
      position: 6,
    });
    expect(run('1 < 2 and 2 < 3')).toBe(true);
  });
});

describe('lexing', () => {
  it('lexes hyphenated function names only before "("', () => {
    expect(run('count-selected(${m})-1', { m: ['x', 'y'] })).toBe(1);
    expect(run('count-selected (${m})', { m: ['x'] })).toBe(1);
    expect(run("string-length('abc')-string-length('a')")).toBe(2);
    expect(parseExpression('count-selected(${m})')).toMatchObject({ kind: 'call', name: 'count-selected' });
  });

  it('does not join a keyword or a bare name with what follows a hyphen', () => {
    expect(run('10 div-count-selected(${m})', { m: ['a', 'b'] })).toBe(-5);
    expect(syntaxError('age-group = 1')).toEqual({
      message: 'Unexpected name "age" at position 0; write ${age} to refer to a question',
      position: 0,
    });
  });

  it('keeps subtraction after references and numbers', () => {
    expect(run('${a}-1', { a: 5 })).toBe(4);
    expect(run('5 - 3')).toBe(2);
    expect(run('5-3')).toBe(2);
    expect(run('${a}-${b}', { a: 5, b: 2 })).toBe(3);
  });

  it('reads strings in either quote, with the other quote inside', () => {
    expect(run('"it\'s"')).toBe("it's");
    expect(run('\'say "hi"\'')).toBe('say "hi"');
    expect(run("'Nguyễn Văn A'")).toBe('Nguyễn Văn A');
    expect(run("''")).toBe('');
  });

  it('reads integers and decimals', () => {
    expect(run('3.5')).toBe(3.5);
    expect(run('.5')).toBe(0.5);
    expect(run('007')).toBe(7);
  });

  it('ignores whitespace, including line breaks and no-break spaces', () => {
    expect(run('\n\t1\u00a0+  2 ')).toBe(3);
    expect(run('${a}=1', { a: '1' })).toBe(true);
  });

  it('reads "." as the current answer', () => {
    expect(parseExpression('. >= 0')).toMatchObject({ left: { kind: 'current', pos: 0 } });
    expect(run('. * 2', {}, { current: 21 })).toBe(42);
  });
});

describe('syntax errors', () => {
  const cases: [string, string, number][] = [
    ['', 'Empty expression', 0],
    ['   ', 'Empty expression', 0],
    ["${a} = 'abc", 'Unterminated string starting at position 7', 7],
    ['(1 + 2', 'Expected ")" at position 6, found end of expression', 6],
    ['if(1, 2, 3', 'Expected ")" at position 10, found end of expression', 10],
    ['(1 2)', 'Expected ")" at position 3, found "2"', 3],
    ['(1 + 2))', 'Unexpected ")" at position 7', 7],
    ['1 + 2 3', 'Unexpected "3" at position 6', 6],
    ['1 +', 'Unexpected end of expression at position 3', 3],
    ['concat(1,)', 'Unexpected ")" at position 9', 9],
    ['and 1', 'Unexpected "and" at position 0', 0],
    ['${a} = not ${b}', 'Unexpected "not" at position 7; put it in parentheses: (not ...)', 7],
    ['age > 1', 'Unexpected name "age" at position 0; write ${age} to refer to a question', 0],
    ['true', 'Unexpected "true" at position 0; call the function as true(...)', 0],
    ['1 + $a', 'Expected "{" after "$" at position 4', 4],
    ['${1a}', 'Invalid reference at position 0: write ${name} with a name made of letters, digits and "_"', 0],
    ['1 + ${a', 'Invalid reference at position 4: write ${name} with a name made of letters, digits and "_"', 4],
    ['1 # 2', 'Unexpected character "#" at position 2', 2],
    ['1 && 2', 'Unexpected character "&" at position 2', 2],
    ['1 == 1', 'Unexpected "==" at position 2; use "=" to compare', 2],
    ['foo(1)', 'Unknown function "foo"', 0],
    ['${a} + foo-bar(1)', 'Unknown function "foo-bar"', 7],
    ['1 + if(1, 2)', '"if" takes 3 arguments, got 2', 4],
    ['count-selected()', '"count-selected" takes 1 argument, got 0', 0],
    ['coalesce(1)', '"coalesce" takes at least 2 arguments, got 1', 0],
    ['round(1, 2, 3)', '"round" takes 1 or 2 arguments, got 3', 0],
    ['today(1)', '"today" takes no arguments, got 1', 0],
    ['regex(., ${p})', '"regex" needs a quoted pattern as its second argument', 9],
  ];

  it.each(cases)('%j fails with the message and position', (source, message, position) => {
    expect(syntaxError(source)).toEqual({ message, position });
  });

  it('reports a bad regex pattern at the pattern', () => {
    const error = syntaxError("regex(., '[a-')");
    expect(error.position).toBe(9);
    expect(error.message).toMatch(/^Invalid regular expression "\[a-": \S/);
    expect(error.message).not.toContain('/u:');
  });

  it('throws ExpressionSyntaxError, an Error with a name and a position', () => {
    let caught: unknown;
    try {
      parseExpression('1 +');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ExpressionSyntaxError);
    expect(caught).toBeInstanceOf(Error);
    expect(caught).toMatchObject({ name: 'ExpressionSyntaxError', position: 3 });
  });

  it('limits nesting depth and length instead of overflowing the stack', () => {
    expect(run(`${'('.repeat(100)}1${')'.repeat(100)}`)).toBe(1);
    expect(syntaxError(`${'('.repeat(101)}1${')'.repeat(101)}`)).toEqual({
      message: 'Expression is nested too deeply at position 100',
      position: 100,
    });
    expect(syntaxError(`${'not '.repeat(200)}1`).message).toMatch(/^Expression is nested too deeply/);
    expect(run(Array.from({ length: 1000 }, () => '1').join('+'))).toBe(1000);
    expect(syntaxError(Array.from({ length: 1001 }, () => '1').join('+'))).toEqual({
      message: 'Expression is too long: more than 2000 tokens',
      position: 2000,
    });
  });
});
