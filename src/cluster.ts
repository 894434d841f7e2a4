// `langnghe serve --workers N`: a primary process prepares the database once (migrations, questionnaires, demo data),
// then forks N workers that share the port (node:cluster hands them the connections in turn). It restarts a worker
// that dies and passes SIGINT/SIGTERM on for a graceful shutdown. Only on PostgreSQL: SQLite has one writer.
import cluster, { type Worker } from 'node:cluster';
import { createContext, sessionSecret } from './bootstrap.js';
import { loadConfig, type Config } from './config.js';
import { createLogger, type Logger } from './logger.js';
import { main, seedDemo } from './main.js';
import { describeStartupError } from './startup-errors.js';

/** Why N > 1 is refused without PostgreSQL; null when the configuration allows it. */
export function workersRefusal(workers: number, config: Pick<Config, 'databaseUrl'>): string | null {
  if (workers <= 1 || config.databaseUrl) return null;
  return (
    `--workers ${workers} needs PostgreSQL (DATABASE_URL): on SQLite only one process may write the database, ` +
    'so serve with one process (it already prepares submissions on worker threads) or set DATABASE_URL'
  );
}

/** Serves with `workers` processes (one: this process, as `npm start`). */
export async function serve(workers: number): Promise<void> {
  if (cluster.isWorker) return main({ worker: true });
  if (workers <= 1) return main();
  let config: Config;
  try {
    config = loadConfig();
    await prepareDatabase(config);
  } catch (err) {
    process.stderr.write(`langnghe: cannot start.\n${describeStartupError(err)}\n`);
    process.exit(1);
  }
  superviseWorkers(workers, createLogger(config.logLevel));
}

/** Migrations, questionnaires, the session secret and the demo, once, before any worker starts. */
async function prepareDatabase(config: Config): Promise<void> {
  const ctx = await createContext(config);
  try {
    if (config.demo) await seedDemo(ctx);
    await sessionSecret(ctx);
  } finally {
    await ctx.destroy();
  }
}

/** A worker that dies within this long of its start is failing to start: wait longer before the next attempt. */
const quickDeathMs = 5000;
const maxRestartDelayMs = 30_000;

function superviseWorkers(count: number, logger: Logger): void {
  let stopping = false;
  let quickDeaths = 0;
  const startedAt = new Map<Worker, number>();
  const fork = (): void => {
    const worker = cluster.fork();
    startedAt.set(worker, Date.now());
    logger.info('worker started', { worker: worker.process.pid });
  };
  cluster.on('exit', (worker, code, signal) => {
    const lived = Date.now() - (startedAt.get(worker) ?? 0);
    startedAt.delete(worker);
    if (stopping) {
      if (startedAt.size === 0) process.exit(0);
      return;
    }
    quickDeaths = lived < quickDeathMs ? quickDeaths + 1 : 0;
    const delay = quickDeaths === 0 ? 0 : Math.min(maxRestartDelayMs, 500 * 2 ** quickDeaths);
    logger.warn('worker died; starting another', { worker: worker.process.pid, code, signal, inMs: delay });
    setTimeout(() => {
      if (!stopping) fork();
    }, delay);
  });
  const shutdown = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down the workers', { signal });
    if (startedAt.size === 0) process.exit(0);
    // Each worker finishes its requests and closes its database (src/main.ts); a stuck one is killed.
    for (const worker of startedAt.keys()) worker.process.kill('SIGTERM');
    setTimeout(() => {
      for (const worker of startedAt.keys()) worker.process.kill('SIGKILL');
      process.exit(0);
    }, 15_000).unref();
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  for (let i = 0; i < count; i += 1) fork();
}
