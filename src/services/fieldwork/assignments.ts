// Fieldwork on a draw: assigning villages to surveyors, recording dispositions under the non-response
// protocol (reserves released strictly in order, every release audited) and keeping base weights current.
import type { AppContext } from '../../context.js';
import {
  assignVillageToSurveyor,
  findAssignmentById,
  listAssignmentsByVillage,
  releaseAssignment,
  updateDesignVariables,
  updateDisposition,
} from '../../db/queries/assignments.js';
import { listSelectionsByVillage, syncResponseDesignByVillage } from '../../db/queries/responses.js';
import { listReviewStatusByVillage } from '../../db/queries/reviews.js';
import { findUserByUsername } from '../../db/queries/users.js';
import type { Db } from '../../db/database.js';
import { inTransaction } from '../../db/transaction.js';
import { lockVillage } from '../../db/queries/locks.js';
import type { Actor } from '../../domain/actor.js';
import { DomainError } from '../../domain/errors.js';
import { detail } from '../../domain/error-details.js';
import {
  baseWeights,
  certaintyRule,
  checkOutcome,
  dispositions,
  nextReserveToRelease,
  nonresponseAdjustment,
  respondentSelectionRule,
  selectionProbability,
  weightingOutcome,
  type DispositionCode,
  type ReserveAssignment,
  type SelectionMethod,
} from '../../domain/sampling/index.js';
import { asReviewStatus, countsInEstimates } from '../../domain/review/review-status.js';
import { recordAudit } from '../audit/audit-log.js';
import { loadDraw } from '../sampling/frames-and-draws.js';
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
    const released = await releaseNextReserve(trx, assignment.draw_id, assignment.village_code, now, actor);
    // A completed household that becomes a non-response changes its village's m_c, hence its weights.
    await recomputeVillageWeights(ctx, trx, assignment.draw_id, assignment.village_code);
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

/**
 * Base weights, non-response factors, strata and PSUs of one village's completed households, inside the
 * caller's transaction. The village is the weighting class and a weight depends only on its village (the area
 * path, n_v / M, the class's outcomes), so an outcome changes its own village alone: the cost of a submission
 * does not grow with the draw. A household whose interview a supervisor rejected is a non-respondent here (no
 * weight; the class's other respondents stand for it), as in the estimates.
 */
export async function recomputeVillageWeights(
  ctx: AppContext,
  trx: Db,
  drawId: number,
  villageCode: string,
): Promise<void> {
  // Weights are computed from the village's committed outcomes plus this transaction's own, one writer at a time.
  await lockVillage(trx, drawId, villageCode);
  const stored = await loadDraw(ctx, drawId, trx);
  const rows = await listAssignmentsByVillage(trx, drawId, villageCode);
  const reviews = await listReviewStatusByVillage(trx, drawId, villageCode);
  const rejected = new Set(reviews.filter((r) => !countsInEstimates(asReviewStatus(r.review_status))).map((r) => r.id));
  const sampled = rows.filter((a) => a.released_at !== null);
  const completed = sampled.filter((a) => a.disposition === 'completed' && !rejected.has(a.id));
  const rule = respondentSelectionRule(stored.plan);
  const selections =
    completed.length === 0 || rule === 'none'
      ? new Map<string, SelectionRow>()
      : new Map((await listSelectionsByVillage(trx, drawId, villageCode)).map((s) => [s.assignment_id ?? '', s]));
  const weighted =
    completed.length === 0
      ? []
      : baseWeights(
          {
            draw: stored.draw,
            villages: [{ villageCode, eligible: rows[0]?.listed_count ?? 0, sampled: sampled.length }],
            completed: completed.map((a) => ({
              id: a.id,
              villageCode,
              householdId: a.household_key,
              ...withinHousehold(a.eligible_adults, selections.get(a.id)),
            })),
          },
          {
            certaintyUnits: certaintyRule(stored.plan),
            adultSelection: rule === 'none' ? 'none' : 'one_per_household',
          },
        );
  const householdWeight = weighted[0]?.householdWeight ?? 1;
  const [adjustment] = nonresponseAdjustment(
    sampled.map((a) => ({
      weightClass: villageCode,
      baseWeight: householdWeight,
      outcome: rejected.has(a.id) ? 'nonrespondent' : weightingOutcome(a.disposition as DispositionCode | null),
    })),
  );
  const byId = new Map(weighted.map((w) => [w.id, w]));
  for (const a of rows) {
    const w = byId.get(a.id);
    const design = {
      base_weight: w?.weight ?? null,
      nonresponse_factor: w ? (adjustment?.factor ?? null) : null,
      stratum: w?.stratum ?? null,
      psu: w?.psu ?? null,
    };
    if (
      design.base_weight !== a.base_weight ||
      design.nonresponse_factor !== a.nonresponse_factor ||
      design.stratum !== a.stratum ||
      design.psu !== a.psu
    )
      await updateDesignVariables(trx, a.id, design);
  }
  await syncResponseDesignByVillage(trx, drawId, villageCode);
}

type SelectionRow = Awaited<ReturnType<typeof listSelectionsByVillage>>[number];

/**
 * The eligible adults and the chosen adult's probability: as the interview recorded them, else (an interview
 * sent without the selection, e.g. from an older app) the household list's count with equal chances.
 */
function withinHousehold(
  listedAdults: number,
  s: SelectionRow | undefined,
): { eligibleAdults: number; selectionProbability?: number } {
  if (!s || s.selection_adults === null || s.selection_line === null || s.selection_method === null)
    return { eligibleAdults: Math.max(1, listedAdults) };
  const method = s.selection_method as SelectionMethod;
  return {
    eligibleAdults: s.selection_adults,
    selectionProbability: selectionProbability(method, s.selection_adults, s.selection_line),
  };
}
