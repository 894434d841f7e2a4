// Group commit for the submission hot path: writes that arrive in the same turn of the event loop share one
// transaction, each inside its own savepoint, so a rejected submission rolls back only itself while the batch
// pays for one COMMIT. A caller's promise settles, and its after-commit effects run, only once the COMMIT has
// succeeded: an acknowledgement always means the row is on disk. Constraint violations leave as catalogue errors,
// as from inTransaction. SQLite only: it pays there because SQLite has one writer and a COMMIT is an fsync; on
// PostgreSQL, with a pool of connections writing side by side, each submission is its own transaction.
import { CompiledQuery } from 'kysely';
import { translateConstraintError } from './constraint-errors.js';
import type { Db } from './database.js';
import { engineOf } from './engine.js';
import { inTransaction, type AfterCommit } from './transaction.js';

type Work = (trx: Db, afterCommit: AfterCommit) => Promise<unknown>;

interface Item {
  work: Work;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}

export type GroupCommit = <T>(work: (trx: Db, afterCommit: AfterCommit) => Promise<T>) => Promise<T>;

// Members run one after another, so one savepoint name serves them all. Plain SQL-standard statements, run
// directly: Kysely's savepoint() builds a new transaction object each time, which cost more than the insert.
const savepoint = CompiledQuery.raw('savepoint group_member');
const release = CompiledQuery.raw('release savepoint group_member');
const rollbackTo = CompiledQuery.raw('rollback to savepoint group_member');

export function createGroupCommit(db: Db, maxBatch = 64): GroupCommit {
  if (engineOf(db) === 'postgres') return (work) => inTransaction(db, work);
  const queue: Item[] = [];
  let scheduled = false;

  async function flush(): Promise<void> {
    scheduled = false;
    const batch = queue.splice(0, maxBatch);
    if (queue.length > 0) schedule();
    let trx;
    try {
      trx = await db.startTransaction().execute();
    } catch (err) {
      for (const item of batch) item.reject(err);
      return;
    }
    const done: { item: Item; value: unknown; effects: (() => void)[] }[] = [];
    const rejected = new Set<Item>();
    try {
      for (const item of batch) {
        const effects: (() => void)[] = [];
        await trx.executeQuery(savepoint);
        try {
          done.push({ item, value: await item.work(trx, (effect) => effects.push(effect)), effects });
        } catch (err) {
          await trx.executeQuery(rollbackTo);
          rejected.add(item);
          item.reject(translateConstraintError(err) ?? err);
        }
        await trx.executeQuery(release);
      }
      await trx.commit().execute();
    } catch (err) {
      // The batch's own statements failed (a savepoint, the COMMIT): nothing of it is stored, every member hears.
      await trx
        .rollback()
        .execute()
        .catch(() => undefined);
      const failure = translateConstraintError(err) ?? err;
      for (const item of batch) if (!rejected.has(item)) item.reject(failure);
      return;
    }
    for (const d of done) {
      for (const effect of d.effects) effect();
      d.item.resolve(d.value);
    }
  }

  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => void flush());
  }

  return <T>(work: (trx: Db, afterCommit: AfterCommit) => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      schedule();
    });
}
