// One write request = one transaction. Nesting is refused (SQLite serialises writers, so a nested
// transaction would only hide a design mistake), and side effects wait until the commit succeeded.
import type { Db } from './database.js';

export type AfterCommit = (effect: () => void) => void;

export async function inTransaction<T>(db: Db, work: (trx: Db, afterCommit: AfterCommit) => Promise<T>): Promise<T> {
  if (db.isTransaction) throw new Error('inTransaction called inside a transaction');
  const effects: (() => void)[] = [];
  const result = await db.transaction().execute((trx) => work(trx, (effect) => effects.push(effect)));
  for (const effect of effects) effect();
  return result;
}
