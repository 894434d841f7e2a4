// Another process that takes SQLite's write lock on a database file and holds it: what a backup tool, a CLI
// command or an administrator's sqlite3 shell with `BEGIN EXCLUSIVE` does to a running server.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

export interface HeldLock {
  /** Settles when the other process has committed and exited. */
  released: Promise<void>;
}

/**
 * Starts a process that runs `begin <mode>` (and one insert into app_settings under `key`), says "locked", holds the
 * lock for `ms` without answering anything, then commits. Resolves once the lock is held.
 */
export function holdWriteLock(
  path: string,
  ms: number,
  opts: { mode?: 'immediate' | 'exclusive'; key?: string } = {},
): Promise<HeldLock> {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const script = `
    const Database = require(${JSON.stringify(driver)});
    const db = new Database(${JSON.stringify(path)});
    db.exec('begin ${opts.mode ?? 'immediate'}');
    db.prepare("insert into app_settings (key, value) values (?, 'process')").run(${JSON.stringify(opts.key ?? 'other')});
    process.stdout.write('locked\\n');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ${ms});
    db.exec('commit');
    db.close();`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const released = new Promise<void>((resolve, reject) =>
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`exit ${code}`)))),
  );
  return new Promise((resolve) => child.stdout.once('data', () => resolve({ released })));
}
