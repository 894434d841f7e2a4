// What every `langnghe` subcommand shares: where it writes (so tests can capture it), and running a piece of
// work on a freshly opened context, where a DomainError becomes its message with each detail on a line, exit 2.
import { loadConfig } from '../config.js';
import type { AppContext } from '../context.js';
import type { Actor } from '../domain/actor.js';
import { DomainError } from '../domain/errors.js';
import { createContext } from '../bootstrap.js';

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** Who the command line acts as: whoever can run it holds the database file, so it has the administrator's rights. */
export const cliActor: Actor = { userId: null, label: 'cli', role: 'admin' };

export const processIo: Io = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) };

export function reportDomainError(err: unknown, io: Io): number {
  if (!(err instanceof DomainError)) throw err;
  const lines = err.details.map(
    (d) =>
      `  ${typeof d['line'] === 'number' ? `line ${d['line']}: ` : ''}${d.field ? `${d.field}: ` : ''}${d.message}`,
  );
  io.stderr(`${err.message}\n${lines.join('\n')}\n`);
  return 2;
}

export async function withContext(io: Io, work: (ctx: AppContext) => Promise<number>): Promise<number> {
  const ctx = await createContext(loadConfig());
  try {
    return await work(ctx);
  } catch (err) {
    return reportDomainError(err, io);
  } finally {
    await ctx.destroy();
  }
}
