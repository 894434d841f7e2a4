// Checkpoints the server's write-ahead log from a worker thread with its own connection. Left to SQLite, the
// commit that crosses the threshold copies the log back into the database file and waits for fsync on the
// request thread: about a fifth of the submission path's time under load (docs/benchmarks.md, Ingest).
// PASSIVE checkpoints never block the writer, and SQLite restarts the log once a checkpoint has caught up.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export interface WalCheckpointer {
  /** Asks the worker to finish its checkpoint, close its connection and exit. */
  stop(): Promise<void>;
}

// The worker's source is kept here as text (CommonJS, run with eval) so that the same code runs from dist/
// and from src/ under the test runner.
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
db.pragma('synchronous = NORMAL');
let last = { log: -1, checkpointed: -1 };
let timer = null;
const checkpoint = () => {
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    if (workerData.reportCounts) parentPort.postMessage({ checkpointed: r.checkpointed, log: r.log });
    const progressed = r.checkpointed !== last.checkpointed || r.log !== last.log;
    last = r;
    return progressed;
  } catch (err) {
    parentPort.postMessage({ error: String(err && err.message ? err.message : err) });
    return false;
  }
};
// SQLite restarts the log only when a checkpoint has copied every frame before the next write transaction
// begins. A quarter second of frames takes longer to copy than the server's pause between two commits, so the
// log would grow to the backstop; while there is new log to copy the worker comes back after a few ms instead,
// in steps small enough to fit between two commits.
const tick = () => {
  timer = setTimeout(tick, checkpoint() ? workerData.chaseMs : workerData.intervalMs);
};
timer = setTimeout(tick, workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  clearTimeout(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

export interface CheckpointReport {
  checkpointed?: number;
  log?: number;
  error?: string;
}

export interface CheckpointerOptions {
  /** Between checkpoints while the log is idle; while there is new log the worker comes back after 5 ms. */
  intervalMs: number;
  onError?: (message: string) => void;
  /** Each checkpoint's frame counts, for tests: a message to this thread every few ms while writes go on. */
  onCheckpoint?: (report: CheckpointReport) => void;
}

export function startWalCheckpointer(path: string, opts: CheckpointerOptions): WalCheckpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const workerData = {
    path,
    intervalMs: opts.intervalMs,
    chaseMs: Math.min(opts.intervalMs, 5),
    driver,
    reportCounts: opts.onCheckpoint !== undefined,
  };
  const worker = new Worker(workerSource, { eval: true, workerData });
  worker.unref();
  worker.on('message', (m: CheckpointReport) => {
    if (m.error !== undefined) opts.onError?.(m.error);
    else opts.onCheckpoint?.(m);
  });
  // A worker that cannot start or dies leaves checkpoints to SQLite's own threshold; it must not take the server.
  worker.on('error', (err) => opts.onError?.(err.message));
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    stop: async () => {
      worker.postMessage('stop');
      await exited;
    },
  };
}
