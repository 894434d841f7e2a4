// Group commit for the submission hot path: writes that arrive in the same turn of the event loop share one
// transaction, each inside its own savepoint, so a rejected submission rolls back only itself while the batch
// pays for one COMMIT. A caller's promise settles, and its after-commit effects run, only once the COMMIT has
// succeeded: an acknowledgement always means the row is on disk.
import type { Db } from './database.js';
import type { AfterCommit } from './transaction.js';

type Work = (trx: Db, afterCommit: AfterCommit) => Promise<unknown>;

interface Item {
  work: Work;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}

export type GroupCommit = <T>(work: (trx: Db, afterCommit: AfterCommit) => Promise<T>) => Promise<T>;

export function createGroupCommit(db: Db, maxBatch = 64): GroupCommit {
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
    for (const [k, item] of batch.entries()) {
      const name = `group_${k}`;
      const effects: (() => void)[] = [];
      const savepoint = await trx.savepoint(name).execute();
      try {
        const value = await item.work(savepoint, (effect) => effects.push(effect));
        await savepoint.releaseSavepoint(name).execute();
        done.push({ item, value, effects });
      } catch (err) {
        await savepoint.rollbackToSavepoint(name).execute();
        await savepoint.releaseSavepoint(name).execute();
        item.reject(err);
      }
    }
    try {
      await trx.commit().execute();
    } catch (err) {
      await trx.rollback().execute().catch(() => undefined);
      for (const d of done) d.item.reject(err);
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
