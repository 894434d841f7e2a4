// The syntax tree produced by the parser. Nodes are plain immutable data (no classes, no functions), so a
// compiled questionnaire can be cloned or cached freely. Every node keeps the offset of its first token.

export type BinaryOp = 'or' | 'and' | '=' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | 'div' | 'mod';

export interface LiteralNode {
  readonly kind: 'literal';
  readonly value: number | string;
  readonly pos: number;
}

/** `${name}`: the answer to another question. `pos` is the offset of the `$`. */
export interface RefNode {
  readonly kind: 'ref';
  readonly name: string;
  readonly pos: number;
}

/** `.`: the answer to the question the expression belongs to (used in constraints). */
export interface CurrentNode {
  readonly kind: 'current';
  readonly pos: number;
}

export interface UnaryNode {
  readonly kind: 'unary';
  readonly op: 'not' | 'neg';
  readonly operand: Expr;
  readonly pos: number;
}

/** `/` and `%` are normalised to `div` and `mod`. `pos` is the offset of the operator. */
export interface BinaryNode {
  readonly kind: 'binary';
  readonly op: BinaryOp;
  readonly left: Expr;
  readonly right: Expr;
  readonly pos: number;
}

/** A call to a known function; the parser has already checked the name and the number of arguments. */
export interface CallNode {
  readonly kind: 'call';
  readonly name: string;
  readonly args: readonly Expr[];
  readonly pos: number;
}

export type Expr = LiteralNode | RefNode | CurrentNode | UnaryNode | BinaryNode | CallNode;
