// Importing a surveyor's device backup (the file the field app's "download backup" button saves): each
// interview goes through the same submission path as the API, so a backup can be imported any number of
// times and nothing is stored twice.
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { findUserByUsername } from '../../db/queries/users.js';
import { DomainError, type Lang } from '../../domain/errors.js';
import { detail } from '../../domain/error-details.js';
import { parseInput } from '../../domain/parse-input.js';
import { assertJsonDepth } from '../../domain/json-depth.js';
import { isRole } from '../../domain/roles.js';
import type { SessionUser } from '../accounts/users.js';
import { recordAudit } from '../audit/audit-log.js';
import { submitResponse } from './store.js';
import { parseEnvelope } from './envelope.js';

const backupSchema = z.object({
  format: z.literal('langnghe-backup'),
  version: z.literal(1),
  exportedAt: z.string().optional(),
  username: z.string().min(1).max(100),
  interviews: z.array(z.unknown()).max(10_000),
});

export interface BackupItemResult {
  id: string;
  status: 'stored' | 'duplicate' | 'new_version' | 'rejected';
  code?: string;
  message?: string;
}

export function parseBackup(text: string): z.infer<typeof backupSchema> {
  assertJsonDepth(text, 'file');
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new DomainError('invalid_json', [detail('file', 'backup_not_json')]);
  }
  return parseInput(backupSchema, raw, { root: 'file' });
}

export async function importBackup(
  ctx: AppContext,
  text: string,
  importer: SessionUser,
  lang: Lang,
): Promise<BackupItemResult[]> {
  const backup = parseBackup(text);
  const owner = await findUserByUsername(ctx.db, backup.username.toLowerCase());
  const submitter: SessionUser =
    owner && isRole(owner.role)
      ? { id: owner.id, username: owner.username, displayName: owner.display_name, role: owner.role }
      : importer;
  const results: BackupItemResult[] = [];
  for (const raw of backup.interviews) {
    const id = typeof (raw as { id?: unknown })?.id === 'string' ? String((raw as { id: string }).id) : '?';
    try {
      const outcome = await submitResponse(ctx, submitter, parseEnvelope(raw), {
        source: 'import',
        lang,
        onBehalfOfAssignee: true,
      });
      results.push({ id, status: outcome.status });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      results.push({
        id,
        status: 'rejected',
        code: err.code,
        message: err.details[0]?.text?.[lang] ?? err.details[0]?.message ?? err.message,
      });
    }
  }
  await recordAudit(ctx.db, ctx.clock.now(), {
    action: 'backup.import',
    actorUserId: importer.id,
    actorLabel: importer.username,
    target: `user:${backup.username}`,
    details: { interviews: results.length, stored: results.filter((r) => r.status === 'stored').length },
  });
  return results;
}
