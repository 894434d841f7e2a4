// Composition root: config -> context (database, migrations, questionnaires) -> demo data -> app -> listen.
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Express } from 'express';
import { createApp } from './app.js';
import { loadConfig, type Config } from './config.js';
import type { AppContext } from './context.js';
import {
  createContext,
  serverCheckpointMs,
  serverSessionPruneMs,
  serverSubmissionWorkers,
  sessionSecret,
} from './bootstrap.js';
import { seedDemoAccounts, seedDemoProvince } from './services/demo/seed.js';
import { seedDemoRounds } from './services/demo/rounds.js';
import { seedDemoPlan } from './services/demo/plan.js';
import { describeStartupError } from './startup-errors.js';
import { redactUrl } from './db/engine.js';

export async function startServer(config: Config): Promise<{ ctx: AppContext; server: Server }> {
  const ctx = await createContext(config, {
    backgroundCheckpointMs: serverCheckpointMs,
    submissionWorkers: { count: serverSubmissionWorkers },
    sessionPruneMs: serverSessionPruneMs,
    uploadWorkers: {},
  });
  if (config.demo) await seedDemo(ctx);
  const app = createApp(ctx, await sessionSecret(ctx));
  const server = createServerFor(app, config);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    if (config.host) server.listen(config.port, config.host, resolve);
    else server.listen(config.port, resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const scheme = config.tls ? 'https' : 'http';
  ctx.logger.info('listening', {
    url: `${scheme}://${config.host ?? 'localhost'}:${port}`,
    database: config.databaseUrl ? redactUrl(config.databaseUrl) : config.databasePath,
  });
  return { ctx, server };
}

/** Demo accounts, province, fieldwork, rounds and plan on an empty database (each step skips what exists). */
export async function seedDemo(ctx: AppContext): Promise<void> {
  const accounts = await seedDemoAccounts(ctx);
  if (accounts.length > 0) printDemoAccounts(accounts);
  const demo = await seedDemoProvince(ctx);
  if (demo) {
    await seedDemoRounds(ctx, demo.drawId);
    await seedDemoPlan(ctx);
    ctx.logger.info('demo province, fieldwork and rounds seeded', { ...demo });
  }
}

/** HTTPS on PORT when TLS_CERT/TLS_KEY name PEM files (phones need a secure context for offline mode), else HTTP. */
function createServerFor(app: Express, config: Config): Server {
  if (!config.tls) return createHttpServer(app);
  const read = (path: string, variable: string): Buffer => {
    try {
      return readFileSync(path);
    } catch (err) {
      throw new Error(`${variable}: cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
    }
  };
  const cert = read(config.tls.certPath, 'TLS_CERT');
  const key = read(config.tls.keyPath, 'TLS_KEY');
  try {
    // https.Server is an http.Server with TLS underneath; the rest of the program only listens and closes it.
    return createHttpsServer({ cert, key }, app) as unknown as Server;
  } catch (err) {
    throw new Error(`TLS_CERT, TLS_KEY: not a matching PEM certificate and private key (${(err as Error).message})`);
  }
}

function printDemoAccounts(accounts: { username: string; role: string; password: string }[]): void {
  const lines = accounts.map((a) => `  ${a.username.padEnd(18)} ${a.role.padEnd(11)} ${a.password}`);
  process.stdout.write(
    `\nDemo accounts (shown once; change or remove them before real use):\n  ${'username'.padEnd(18)} ${'role'.padEnd(11)} password\n${lines.join('\n')}\n\n`,
  );
}

/**
 * Serves in this process until SIGINT or SIGTERM. A worker of `serve --workers N` (src/cluster.ts) finds the demo
 * already seeded by the primary, and stops when the primary is gone.
 */
export async function main(opts: { worker?: boolean } = {}): Promise<void> {
  let started: { ctx: AppContext; server: Server } | null = null;
  let stopping: string | null = null;
  const shutdown = (signal: string): void => {
    // A worker may hear the terminal's SIGINT and the primary's SIGTERM both.
    if (stopping) return;
    stopping = signal;
    // A signal during start-up is answered once the server is up (below): its connections must close cleanly.
    if (!started) return;
    const { ctx, server } = started;
    ctx.logger.info('shutting down', { signal });
    server.close(() => {
      void ctx.destroy().then(() => process.exit(0));
    });
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  // Listening from the start: SIGTERM's default would end the process at once, mid-migration or mid-seed.
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  if (opts.worker) process.once('disconnect', () => shutdown('primary gone'));
  try {
    const config = loadConfig();
    started = await startServer(opts.worker ? { ...config, demo: false } : config);
  } catch (err) {
    process.stderr.write(`langnghe: cannot start.\n${describeStartupError(err)}\n`);
    process.exit(1);
  }
  const pending = stopping;
  if (pending) {
    stopping = null;
    shutdown(pending);
  }
}
