// One write request = one transaction. Nesting is refused (SQLite serialises writers, so a nested
// transaction would only hide a design mistake), side effects wait until the commit succeeded, and a constraint
// violation the work's own checks missed leaves as a catalogue error (constraint-errors.ts), not a 500.
import { translateConstraintError } from './constraint-errors.js';
import type { Db } from './database.js';
import { databaseUnavailableError, isConnectionLost } from './engine.js';

export type AfterCommit = (effect: () => void) => void;

export async function inTransaction<T>(db: Db, work: (trx: Db, afterCommit: AfterCommit) => Promise<T>): Promise<T> {
  if (db.isTransaction) throw new Error('inTransaction called inside a transaction');
  const effects: (() => void)[] = [];
  let result: T;
  try {
    result = await db.transaction().execute((trx) => work(trx, (effect) => effects.push(effect)));
  } catch (err) {
    throw translateConstraintError(err) ?? (isConnectionLost(err) ? databaseUnavailableError(err) : err);
  }
  for (const effect of effects) effect();
  return result;
}
