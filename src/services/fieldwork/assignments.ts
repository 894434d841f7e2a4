// Fieldwork on a draw: assigning villages to surveyors, recording dispositions under the non-response
// protocol (reserves released strictly in order, every release audited). Weights are computed when read.
import type { AppContext } from '../../context.js';
import {
  assignVillageToSurveyor,
  findAssignmentById,
  listAssignmentsByVillage,
  releaseAssignment,
  updateDisposition,
} from '../../db/queries/assignments.js';
import { findUserByUsername } from '../../db/queries/users.js';
import type { Db } from '../../db/database.js';
import { inTransaction } from '../../db/transaction.js';
import { lockVillage } from '../../db/queries/locks.js';
import type { Actor } from '../../domain/actor.js';
import { DomainError } from '../../domain/errors.js';
import { detail } from '../../domain/error-details.js';
import {
  checkOutcome,
  dispositions,
  nextReserveToRelease,
  type DispositionCode,
  type ReserveAssignment,
} from '../../domain/sampling/index.js';
import { recordAudit } from '../audit/audit-log.js';
import { allAreas, areaScopeOf, requireVillagesInScope, villageInScope, type AreaScope } from './supervisor-scope.js';

export async function assignVillage(
  ctx: AppContext,
  drawId: number,
  villageCode: string,
  surveyorUsername: string,
  actor: Actor,
  scope: AreaScope = allAreas,
): Promise<number> {
  await requireVillagesInScope(ctx, scope, drawId, [villageCode]);
  const surveyor = await findUserByUsername(ctx.db, surveyorUsername.trim().toLowerCase());
  if (!surveyor)
    throw new DomainError('user_not_found', [detail('surveyor', 'no_account', { username: surveyorUsername })]);
  if (surveyor.role !== 'surveyor')
    throw new DomainError('not_a_surveyor', [
      detail('surveyor', 'role_is', { username: surveyor.username, role: surveyor.role }),
    ]);
  return inTransaction(ctx.db, async (trx) => {
    const now = ctx.clock.now();
    const count = await assignVillageToSurveyor(trx, drawId, villageCode, surveyor.id, now.toISOString());
    if (count === 0)
      throw new DomainError('village_not_in_sample', [
        detail('village', 'village_without_households', { village: villageCode, draw: drawId }),
      ]);
    await recordAudit(trx, now, {
      action: 'assignment.assign',
      actorUserId: actor.userId,
      actorLabel: actor.label,
      target: `village:${villageCode}`,
      details: { drawId, surveyor: surveyor.username, households: count },
    });
    return count;
  });
}

export interface DispositionInput {
  disposition: DispositionCode;
  visits: number;
  note?: string | undefined;
}

export interface DispositionResult {
  assignmentId: string;
  disposition: DispositionCode;
  /** "duplicate": the same outcome was already recorded by the same person (a phone resending after a lost answer). */
  status: 'recorded' | 'duplicate';
  releasedReserve: { assignmentId: string; order: number } | null;
}

type AssignmentRow = Awaited<ReturnType<typeof listAssignmentsByVillage>>[number];

const toReserveView = (a: AssignmentRow): ReserveAssignment => ({
  role: a.is_reserve === 1 ? 'reserve' : 'primary',
  order: a.selection_order,
  released: a.released_at !== null,
  disposition: a.disposition as DispositionCode | null,
});

/**
 * Records the outcome of a household visit. The surveyor must own the assignment, a supervisor must have its
 * area, admins may act on any; a final non-response releases the next reserve of the village when the
 * protocol allows it.
 */
export async function recordDisposition(
  ctx: AppContext,
  assignmentId: string,
  input: DispositionInput,
  actor: Actor,
): Promise<DispositionResult> {
  const problems = checkOutcome(input);
  if (problems.length > 0)
    throw new DomainError(
      'disposition_invalid',
      problems.map((p) => ({ field: p.field, code: p.code, message: p.text.en, text: p.text })),
    );
  const result = await inTransaction(ctx.db, async (trx) => {
    const assignment = await findAssignmentById(trx, assignmentId);
    if (!assignment) throw new DomainError('assignment_not_found');
    if (actor.role === 'surveyor' && assignment.surveyor_user_id !== actor.userId) throw new DomainError('forbidden');
    if (actor.role === 'supervisor' && actor.userId !== null) {
      const scope = await areaScopeOf(trx, { id: actor.userId, role: actor.role });
      if (!(await villageInScope(ctx, scope, assignment.draw_id, assignment.village_code, trx)))
        throw new DomainError('forbidden');
    }
    if (assignment.released_at === null)
      throw new DomainError('disposition_invalid', [detail('assignment', 'reserve_not_released')]);
    if (assignment.disposition !== null) {
      // A phone that recorded the outcome offline resends it until it hears back; the same outcome again is that.
      const same =
        assignment.disposition === input.disposition &&
        assignment.visits === input.visits &&
        assignment.disposition_note === (input.note ?? null) &&
        assignment.disposition_by === actor.userId;
      if (same)
        return {
          assignmentId,
          disposition: input.disposition,
          status: 'duplicate' as const,
          releasedReserve: null,
        };
      const recorded = dispositions[assignment.disposition as DispositionCode] ?? assignment.disposition;
      throw new DomainError('disposition_invalid', [detail('disposition', 'outcome_recorded', { recorded })]);
    }
    const now = ctx.clock.now();
    await updateDisposition(trx, assignmentId, {
      disposition: input.disposition,
      disposition_note: input.note ?? null,
      disposition_at: now.toISOString(),
      disposition_by: actor.userId,
      visits: input.visits,
    });
    await recordAudit(trx, now, {
      action: 'assignment.disposition',
      actorUserId: actor.userId,
      actorLabel: actor.label,
      target: `assignment:${assignmentId}`,
      details: { disposition: input.disposition, visits: input.visits },
    });
    // Weights are computed where they are read (weighting-classes.ts): an outcome writes its own row only.
    const released = await releaseNextReserve(trx, assignment.draw_id, assignment.village_code, now, actor);
    return { assignmentId, disposition: input.disposition, status: 'recorded' as const, releasedReserve: released };
  });
  return result;
}

/** Releases the village's next reserve when the protocol allows it, inside the caller's transaction. */
export async function releaseNextReserve(
  trx: Db,
  drawId: number,
  villageCode: string,
  now: Date,
  actor: Actor,
): Promise<DispositionResult['releasedReserve']> {
  // Two outcomes in one village at once must not both release the same (or one too many) reserve.
  await lockVillage(trx, drawId, villageCode);
  const village = await listAssignmentsByVillage(trx, drawId, villageCode);
  const decision = nextReserveToRelease(village.map(toReserveView));
  if (!decision.ok) return null;
  const reserve = village.find((a) => a.is_reserve === 1 && a.selection_order === decision.order);
  if (!reserve) return null;
  await releaseAssignment(trx, reserve.id, now.toISOString());
  await recordAudit(trx, now, {
    action: 'assignment.reserve_released',
    actorUserId: actor.userId,
    actorLabel: actor.label,
    target: `assignment:${reserve.id}`,
    details: { drawId, village: villageCode, reserveOrder: decision.order },
  });
  return { assignmentId: reserve.id, order: decision.order };
}
