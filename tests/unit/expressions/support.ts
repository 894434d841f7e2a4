// Shared helpers for the expression tests: evaluate source text against a record of answers, and capture
// syntax errors as plain data so tests can compare message and position together.
import { ExpressionSyntaxError, evaluate, parseExpression } from '../../../src/domain/expressions/index.js';
import type { EvalEnv, Value } from '../../../src/domain/expressions/index.js';

export const today = '2025-03-01';

/** A resolver over `answers` that throws for any name not listed, so stray lookups fail the test. */
export function envOf(answers: Record<string, Value>, extra: Partial<EvalEnv> = {}): EvalEnv {
  return {
    resolve(name: string): Value {
      if (!Object.hasOwn(answers, name)) throw new Error(`resolve("${name}") was not expected`);
      return answers[name] ?? null;
    },
    today,
    ...extra,
  };
}

export function run(source: string, answers: Record<string, Value> = {}, extra: Partial<EvalEnv> = {}): Value {
  return evaluate(parseExpression(source), envOf(answers, extra));
}

export function syntaxError(source: string): { message: string; position: number } {
  try {
    parseExpression(source);
  } catch (e) {
    if (e instanceof ExpressionSyntaxError) return { message: e.message, position: e.position };
    throw e;
  }
  throw new Error(`expected a syntax error for ${JSON.stringify(source)}`);
}
