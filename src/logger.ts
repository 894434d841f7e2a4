// Minimal structured logger: one JSON object per line on stdout/stderr, so logs can be grepped and shipped.
import type { Config } from './config.js';

export interface Logger {
  error(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  debug(msg: string, fields?: Record<string, unknown>): void;
}

const rank = { silent: 0, error: 1, warn: 2, info: 3, debug: 4 } as const;

export function createLogger(level: Config['logLevel'], now: () => Date = () => new Date()): Logger {
  const emit = (lvl: Exclude<Config['logLevel'], 'silent'>, msg: string, fields?: Record<string, unknown>): void => {
    if (rank[lvl] > rank[level]) return;
    // The pid tells the processes of `serve --workers N` apart.
    const line = JSON.stringify({ time: now().toISOString(), level: lvl, pid: process.pid, msg, ...fields });
    (lvl === 'error' || lvl === 'warn' ? process.stderr : process.stdout).write(`${line}\n`);
  };
  return {
    error: (m, f) => emit('error', m, f),
    warn: (m, f) => emit('warn', m, f),
    info: (m, f) => emit('info', m, f),
    debug: (m, f) => emit('debug', m, f),
  };
}
