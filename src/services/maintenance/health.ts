// What /healthz answers: the server is up, its database answers a query, and a write could start now. A database
// another connection has locked (503 database_busy), one whose last write failed for lack of space, or a disk
// with almost no room left (503 storage_full) is reported with the reason, so that a monitor sees what phones see.
import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AppContext } from '../../context.js';
import { checkWritable, pingDatabase } from '../../db/database.js';
import { DomainError } from '../../domain/errors.js';
import { detail } from '../../domain/error-details.js';

/** Below this much free space on the database's disk, /healthz reports storage_full before writes start failing. */
export const minFreeBytes = 16 * 1024 * 1024;

function lowDiskSpace(databasePath: string): DomainError | null {
  if (databasePath === ':memory:') return null;
  let free: number;
  try {
    const s = statfsSync(dirname(databasePath));
    free = Number(s.bavail) * Number(s.bsize);
  } catch {
    return null;
  }
  if (free >= minFreeBytes) return null;
  const mb = (free / 1024 / 1024).toFixed(1);
  return new DomainError('storage_full', [detail('disk', 'disk_free', { mb })], {
    retryAfterSeconds: 60,
  });
}

export async function checkHealth(ctx: AppContext): Promise<{ status: 'ok' }> {
  await pingDatabase(ctx.db);
  const problem = (await checkWritable(ctx.db)) ?? lowDiskSpace(ctx.config.databasePath);
  if (problem) throw problem;
  return { status: 'ok' };
}
