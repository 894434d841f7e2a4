// Turns expression source into tokens. Names may contain hyphens (`count-selected`) only when the whole
// hyphenated name is directly followed by `(`, so `${a}-1` and `5 - 3` stay subtractions.
import { ExpressionSyntaxError } from './syntax-error.js';

/**
 * - `number`: digits with an optional fraction (`12`, `3.5`, `.5`); `text` is the literal.
 * - `string`: quoted text; `text` includes the quotes.
 * - `ref`: `${name}`; `text` includes `${` and `}`.
 * - `name`: a function name or a keyword (`and`, `or`, `not`, `div`, `mod`).
 * - `symbol`: `( ) , . = != < <= > >= + - * / %`.
 * - `eof`: end of input, at offset `source.length`.
 */
export type TokenKind = 'number' | 'string' | 'ref' | 'name' | 'symbol' | 'eof';

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly pos: number;
}

export const keywords: ReadonlySet<string> = new Set(['and', 'or', 'not', 'div', 'mod']);

const nameAt = /[A-Za-z_][A-Za-z0-9_]*/y;
const numberAt = /[0-9]+(?:\.[0-9]+)?|\.[0-9]+/y;
const hyphenSegmentAt = /-[A-Za-z_][A-Za-z0-9_]*/y;
const jrNameAt = /jr:[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z_][A-Za-z0-9_]*)*(?=\s*\()/y;
const refAt = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/y;
const spaceAt = /\s*/y;
const twoCharSymbols = new Set(['!=', '<=', '>=']);
const oneCharSymbols = new Set(['(', ')', ',', '.', '=', '<', '>', '+', '-', '*', '/', '%']);

function matchAt(re: RegExp, source: string, pos: number): string | null {
  re.lastIndex = pos;
  const m = re.exec(source);
  return m === null ? null : m[0];
}

/** Lexes one name, joining `-segment`s when the joined name is a call such as `count-selected(`. */
function lexName(source: string, pos: number): string {
  const first = matchAt(nameAt, source, pos) ?? '';
  if (keywords.has(first)) return first;
  let joined = first;
  for (;;) {
    const segment = matchAt(hyphenSegmentAt, source, pos + joined.length);
    if (segment === null) break;
    joined += segment;
  }
  if (joined === first) return first;
  const after = pos + joined.length + (matchAt(spaceAt, source, pos + joined.length) ?? '').length;
  return source[after] === '(' ? joined : first;
}

function lexString(source: string, pos: number): string {
  const quote = source[pos] ?? '';
  const end = source.indexOf(quote, pos + 1);
  if (end < 0) throw new ExpressionSyntaxError(`Unterminated string starting at position ${pos}`, pos);
  return source.slice(pos, end + 1);
}

function lexRef(source: string, pos: number): string {
  const ref = matchAt(refAt, source, pos);
  if (ref !== null) return ref;
  const message =
    source[pos + 1] === '{'
      ? `Invalid reference at position ${pos}: write \${name} with a name made of letters, digits and "_"`
      : `Expected "{" after "$" at position ${pos}`;
  throw new ExpressionSyntaxError(message, pos);
}

function lexSymbol(source: string, pos: number): string {
  const two = source.slice(pos, pos + 2);
  if (twoCharSymbols.has(two)) return two;
  if (two === '==') throw new ExpressionSyntaxError(`Unexpected "==" at position ${pos}; use "=" to compare`, pos);
  const one = source[pos] ?? '';
  if (oneCharSymbols.has(one)) return one;
  const shown = String.fromCodePoint(source.codePointAt(pos) ?? 0);
  if ('‘’“”'.includes(shown))
    throw new ExpressionSyntaxError(
      `Curly quote "${shown}" at position ${pos} (Excel's AutoCorrect types them): use a straight quote ' or "`,
      pos,
    );
  throw new ExpressionSyntaxError(`Unexpected character "${shown}" at position ${pos}`, pos);
}

function lexOne(source: string, pos: number): Token {
  const c = source[pos] ?? '';
  if (c === '"' || c === "'") return { kind: 'string', text: lexString(source, pos), pos };
  if (c === '$') return { kind: 'ref', text: lexRef(source, pos), pos };
  // XLSForm's namespaced function, the only name with a colon: jr:choice-name(.
  const namespaced = matchAt(jrNameAt, source, pos);
  if (namespaced !== null) return { kind: 'name', text: namespaced, pos };
  const num = matchAt(numberAt, source, pos);
  if (num !== null) return { kind: 'number', text: num, pos };
  if (matchAt(nameAt, source, pos) !== null) return { kind: 'name', text: lexName(source, pos), pos };
  return { kind: 'symbol', text: lexSymbol(source, pos), pos };
}

/** Splits `source` into tokens ending with one `eof` token. Throws ExpressionSyntaxError on bad input. */
export function lex(source: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  for (;;) {
    pos += (matchAt(spaceAt, source, pos) ?? '').length;
    if (pos >= source.length) break;
    const token = lexOne(source, pos);
    tokens.push(token);
    pos += token.text.length;
  }
  tokens.push({ kind: 'eof', text: '', pos: source.length });
  return tokens;
}
