// Forms answer a rejected submission by showing the same page again with the catalogue error's details
// (and its HTTP status); anything that is not a catalogue error still goes to the error handler.
import type { Response } from 'express';
import { DomainError } from '../domain/errors.js';
import { errorStatus } from './error-status.js';

export async function orShowErrors(
  res: Response,
  render: (errors: DomainError) => Promise<void>,
  work: () => Promise<void>,
): Promise<void> {
  try {
    await work();
  } catch (err) {
    if (!(err instanceof DomainError) || err.code === 'internal') throw err;
    res.status(errorStatus[err.code]);
    await render(err);
  }
}
