// The one error the expression parser throws. `position` is a 0-based offset into the source text, so
// editors can underline the offending token and definition checks can report it next to the JSON path.

export class ExpressionSyntaxError extends Error {
  readonly position: number;

  constructor(message: string, position: number) {
    super(message);
    this.name = 'ExpressionSyntaxError';
    this.position = position;
  }
}
