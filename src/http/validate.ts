// zod at the HTTP boundary: a failed parse becomes invalid_request with one detail per field.
import type { z } from 'zod';
import { DomainError } from '../domain/errors.js';

export function parseInput<S extends z.ZodType>(schema: S, data: unknown): z.output<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  throw new DomainError(
    'invalid_request',
    result.error.issues.map((i) => ({ field: i.path.join('.') || '(body)', code: i.code, message: i.message })),
  );
}
