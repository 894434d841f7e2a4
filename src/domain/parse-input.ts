// zod wherever outside data comes in (request bodies, service inputs, uploaded files): a failed parse is the
// catalogue's invalid_request with one detail per problem, so every entry point reports bad input the same way.
import type { z } from 'zod';
import { DomainError } from './errors.js';

export interface ParseInputOptions {
  /** Put before each field path, for a value nested in a larger input (e.g. "plan" in the draw form). */
  prefix?: string;
  /** The field named when the value as a whole is wrong: "(body)" for a request, "file" for an upload. */
  root?: string;
}

/**
 * The parsed value, or invalid_request with `{ field, code, message }` per zod issue.
 * @example parseInput(z.object({ id: z.uuid() }), req.params) // `{ id }`, or 400 with field "id"
 */
export function parseInput<S extends z.ZodType>(schema: S, data: unknown, opts: ParseInputOptions = {}): z.output<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const root = opts.root ?? '(body)';
  throw new DomainError(
    'invalid_request',
    result.error.issues.map((i) => ({
      field: [...(opts.prefix ? [opts.prefix] : []), ...i.path.map(String)].join('.') || root,
      code: i.code,
      message: i.message,
    })),
  );
}
