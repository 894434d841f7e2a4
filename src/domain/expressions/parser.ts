// Hand-written recursive-descent parser. Precedence, loosest binding first:
//   or (left) < and (left) < prefix not < comparison (non-associative) < + - (left)
//   < * / div % mod (left) < unary minus < literals, ${name}, ., (...), calls
// Function names and arities are checked here, so a parsed expression never calls an unknown function.
import type { BinaryOp, Expr } from './ast.js';
import { functions } from './functions.js';
import type { Token } from './lexer.js';
import { keywords, lex } from './lexer.js';
import { ExpressionSyntaxError } from './syntax-error.js';

/** Limits that keep parsing and evaluation far from the call-stack limit on hostile input. */
const maxTokens = 2000;
const maxNesting = 100;

const comparisonOps: ReadonlyMap<string, BinaryOp> = new Map<string, BinaryOp>([
  ['=', '='],
  ['!=', '!='],
  ['<', '<'],
  ['<=', '<='],
  ['>', '>'],
  ['>=', '>='],
]);
const additiveOps: ReadonlyMap<string, BinaryOp> = new Map<string, BinaryOp>([
  ['+', '+'],
  ['-', '-'],
]);
const multiplicativeOps: ReadonlyMap<string, BinaryOp> = new Map<string, BinaryOp>([
  ['*', '*'],
  ['/', 'div'],
  ['div', 'div'],
  ['%', 'mod'],
  ['mod', 'mod'],
]);
const orOps: ReadonlyMap<string, BinaryOp> = new Map<string, BinaryOp>([['or', 'or']]);
const andOps: ReadonlyMap<string, BinaryOp> = new Map<string, BinaryOp>([['and', 'and']]);

function fail(message: string, position: number): never {
  throw new ExpressionSyntaxError(message, position);
}

function unexpected(token: Token): never {
  const at = `at position ${token.pos}`;
  if (token.kind === 'eof') fail(`Unexpected end of expression ${at}`, token.pos);
  if (token.kind === 'name' && token.text === 'not') {
    fail(`Unexpected "not" ${at}; put it in parentheses: (not ...)`, token.pos);
  }
  if (token.kind === 'name' && functions.has(token.text)) {
    fail(`Unexpected "${token.text}" ${at}; call the function as ${token.text}(...)`, token.pos);
  }
  if (token.kind === 'name' && !keywords.has(token.text)) {
    const hint = `write \${${token.text}} to refer to a question`;
    fail(`Unexpected name "${token.text}" ${at}; ${hint}`, token.pos);
  }
  fail(`Unexpected "${token.text}" ${at}`, token.pos);
}

function arityMessage(name: string, min: number, max: number, got: number): string {
  const plural = (n: number): string => (n === 1 ? 'argument' : 'arguments');
  let takes: string;
  if (min === max) takes = min === 0 ? 'no arguments' : `${min} ${plural(min)}`;
  else if (max === Infinity) takes = `at least ${min} ${plural(min)}`;
  else if (max === min + 1) takes = `${min} or ${max} arguments`;
  else takes = `${min} to ${max} arguments`;
  return `"${name}" takes ${takes}, got ${got}`;
}

class Parser {
  private readonly tokens: readonly Token[];
  /** The final `eof` token; `next()` never advances past it. */
  private readonly end: Token;
  private index = 0;
  private nesting = 0;
  /** XPath reading (XLSForm): `not` is only the function not(x), so not(${a}) = 1 compares its result. */
  private readonly xpath: boolean;

  constructor(
    tokens: readonly Token[],
    xpath = false,
    private readonly choiceColumns = false,
  ) {
    this.tokens = tokens;
    this.xpath = xpath;
    this.end = tokens[tokens.length - 1] ?? { kind: 'eof', text: '', pos: 0 };
  }

  peek(): Token {
    return this.tokens[this.index] ?? this.end;
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'eof') this.index++;
    return token;
  }

  private isSymbol(text: string): boolean {
    const t = this.peek();
    return t.kind === 'symbol' && t.text === text;
  }

  private isKeyword(text: string): boolean {
    const t = this.peek();
    return t.kind === 'name' && t.text === text;
  }

  private opIn(table: ReadonlyMap<string, BinaryOp>): BinaryOp | undefined {
    const t = this.peek();
    return t.kind === 'symbol' || t.kind === 'name' ? table.get(t.text) : undefined;
  }

  private expectSymbol(text: string): void {
    if (this.isSymbol(text)) {
      this.next();
      return;
    }
    const t = this.peek();
    const found = t.kind === 'eof' ? 'end of expression' : `"${t.text}"`;
    fail(`Expected "${text}" at position ${t.pos}, found ${found}`, t.pos);
  }

  private enter(pos: number): void {
    if (++this.nesting > maxNesting) fail(`Expression is nested too deeply at position ${pos}`, pos);
  }

  private leave(): void {
    this.nesting--;
  }

  /** Parses one left-associative level: operand (op operand)*. */
  private leftAssoc(table: ReadonlyMap<string, BinaryOp>, operand: () => Expr): Expr {
    let left = operand();
    for (let op = this.opIn(table); op !== undefined; op = this.opIn(table)) {
      const pos = this.next().pos;
      left = { kind: 'binary', op, left, right: operand(), pos };
    }
    return left;
  }

  parseOr(): Expr {
    return this.leftAssoc(orOps, () => this.parseAnd());
  }

  private parseAnd(): Expr {
    return this.leftAssoc(andOps, () => this.parseNot());
  }

  private parseNot(): Expr {
    if (this.xpath || !this.isKeyword('not')) return this.parseComparison();
    const pos = this.next().pos;
    this.enter(pos);
    const operand = this.parseNot();
    this.leave();
    return { kind: 'unary', op: 'not', operand, pos };
  }

  private parseComparison(): Expr {
    const left = this.parseAdditive();
    const op = this.opIn(comparisonOps);
    if (op === undefined) return left;
    const pos = this.next().pos;
    const right = this.parseAdditive();
    if (this.opIn(comparisonOps) !== undefined) {
      const t = this.peek();
      fail(`Unexpected "${t.text}" at position ${t.pos}; comparisons cannot be chained, join them with "and"`, t.pos);
    }
    return { kind: 'binary', op, left, right, pos };
  }

  private parseAdditive(): Expr {
    return this.leftAssoc(additiveOps, () => this.parseMultiplicative());
  }

  private parseMultiplicative(): Expr {
    return this.leftAssoc(multiplicativeOps, () => this.parseUnary());
  }

  private parseUnary(): Expr {
    if (!this.isSymbol('-')) return this.parsePrimary();
    const pos = this.next().pos;
    this.enter(pos);
    const operand = this.parseUnary();
    this.leave();
    return { kind: 'unary', op: 'neg', operand, pos };
  }

  private parsePrimary(): Expr {
    const t = this.next();
    switch (t.kind) {
      case 'number':
        return { kind: 'literal', value: Number(t.text), pos: t.pos };
      case 'string':
        return { kind: 'literal', value: t.text.slice(1, -1), pos: t.pos };
      case 'ref':
        return { kind: 'ref', name: t.text.slice(2, -1), pos: t.pos };
      case 'symbol':
        if (t.text === '.') return { kind: 'current', pos: t.pos };
        if (t.text === '(') return this.parseParenthesised(t.pos);
        return unexpected(t);
      case 'name':
        if (this.xpath && t.text === 'not' && this.isSymbol('(')) return this.parseNotCall(t.pos);
        if (!keywords.has(t.text) && this.isSymbol('(')) return this.parseCall(t);
        if (this.choiceColumns && !keywords.has(t.text) && /^[A-Za-z_][A-Za-z0-9_]*$/.test(t.text))
          return {
            kind: 'call',
            name: 'choice-column',
            args: [{ kind: 'literal', value: t.text, pos: t.pos }],
            pos: t.pos,
          };
        return unexpected(t);
      case 'eof':
        return unexpected(t);
    }
  }

  private parseParenthesised(pos: number): Expr {
    this.enter(pos);
    const inner = this.parseOr();
    this.expectSymbol(')');
    this.leave();
    return inner;
  }

  private parseNotCall(pos: number): Expr {
    this.expectSymbol('(');
    this.enter(pos);
    const operand = this.parseOr();
    this.expectSymbol(')');
    this.leave();
    return { kind: 'unary', op: 'not', operand, pos };
  }

  private parseCall(nameToken: Token): Expr {
    const name = nameToken.text;
    const spec = functions.get(name) ?? fail(`Unknown function "${name}"`, nameToken.pos);
    this.expectSymbol('(');
    this.enter(nameToken.pos);
    const args: Expr[] = [];
    if (!this.isSymbol(')')) {
      args.push(this.parseOr());
      while (this.isSymbol(',')) {
        this.next();
        args.push(this.parseOr());
      }
    }
    this.expectSymbol(')');
    this.leave();
    if (args.length < spec.min || args.length > spec.max) {
      fail(arityMessage(name, spec.min, spec.max, args.length), nameToken.pos);
    }
    const problem = spec.check?.(args);
    if (problem) fail(problem.message, problem.position);
    return { kind: 'call', name, args, pos: nameToken.pos };
  }
}

export interface ParseOptions {
  /** Read XLSForm's XPath: `not` is a function (not(x) = 1 compares its result) rather than a prefix operator. */
  xpath?: boolean;
  /**
   * A choice_filter: a bare name (`province`, `name`) is a column of the option being filtered, read as
   * choice-column('province').
   */
  choiceColumns?: boolean;
}

/**
 * Parses an expression, or throws ExpressionSyntaxError pointing at the offending token.
 * @example parseExpression("${age} >= 18 and selected(${langs}, 'vi')")
 */
export function parseExpression(source: string, opts: ParseOptions = {}): Expr {
  const tokens = lex(source);
  if (tokens.length === 1) fail('Empty expression', 0);
  const tooMany = tokens[maxTokens];
  if (tooMany !== undefined && tooMany.kind !== 'eof') {
    fail(`Expression is too long: more than ${maxTokens} tokens`, tooMany.pos);
  }
  const parser = new Parser(tokens, opts.xpath ?? false, opts.choiceColumns ?? false);
  const expr = parser.parseOr();
  const rest = parser.peek();
  if (rest.kind !== 'eof') unexpected(rest);
  return expr;
}
