// An admin's decision on the phone ratings a counter's burst detector held back: release them (they count) or
// reject them (they never count). One transaction with its audit entry.
import type { AppContext } from '../../context.js';
import { decideHolds } from '../../db/queries/citizen-ratings.js';
import { findCounterById } from '../../db/queries/kiosk.js';
import { inTransaction } from '../../db/transaction.js';
import type { Actor } from '../../domain/actor.js';
import { DomainError } from '../../domain/errors.js';
import { recordAudit } from '../audit/audit-log.js';

export async function decideHeldRatings(
  ctx: AppContext,
  counterId: number,
  status: 'released' | 'rejected',
  actor: Actor,
): Promise<number> {
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (trx) => {
    const counter = await findCounterById(trx, counterId);
    if (!counter) throw new DomainError('counter_not_found');
    const count = await decideHolds(trx, counterId, {
      status,
      decided_at: now.toISOString(),
      decided_by: actor.userId,
    });
    await recordAudit(trx, now, {
      action: `ratings.held_${status}`,
      actorUserId: actor.userId,
      actorLabel: actor.label,
      target: `counter:${counter.code}`,
      details: { count },
    });
    return count;
  });
}
