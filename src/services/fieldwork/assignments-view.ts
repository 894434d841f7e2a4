// What a surveyor sees of their assignments: the household to find (name, address, phone), the village with the
// frame's names of its commune and district, whether it is a reserve (and whose non-response released it), its
// state, and how to choose its respondent. Only released assignments of the caller are listed.
import type { AppContext } from '../../context.js';
import { listAssignmentsBySurveyor } from '../../db/queries/assignments.js';
import { findLatestRoundByDraw } from '../../db/queries/rounds.js';
import {
  replacedHouseholds,
  respondentSelectionRule,
  type DispositionCode,
  type SamplingPlan,
  type SelectionMethod,
} from '../../domain/sampling/index.js';
import { loadDraw } from '../sampling/frames-and-draws.js';

export interface SurveyorAssignment {
  id: string;
  drawId: number;
  villageCode: string;
  villageName: string;
  /** The frame's name of the village's commune (or ward), and of its district on a four-level frame. */
  communeName: string | null;
  districtName: string | null;
  householdId: string;
  headName: string;
  address: string;
  phone: string | null;
  isReserve: boolean;
  order: number;
  status: 'open' | 'completed' | 'nonresponse';
  disposition: string | null;
  visits: number;
  releasedAt: string | null;
  /** For a released reserve: the household whose non-response released it. */
  replaces: { id: string; householdId: string; headName: string; disposition: string | null } | null;
  /** The questionnaire of the round that uses this draw, when one does; the phone then opens it directly. */
  survey: string | null;
  surveyVersion: string | null;
  /**
   * How the phone chooses the one adult to interview (the draw's plan), the ages that count, and the eligible
   * adults the household list gave; null when the household is the unit.
   */
  respondentSelection: {
    method: SelectionMethod;
    minAge: number;
    maxAge: number;
    listedAdults: number;
  } | null;
}

type Row = Awaited<ReturnType<typeof listAssignmentsBySurveyor>>[number];

/** Reserve id -> the row it replaces, village by village (a village is assigned whole, so all of it is here). */
function replacements(rows: readonly Row[]): Map<string, Row> {
  const byVillage = new Map<string, Row[]>();
  for (const r of rows) {
    const key = `${r.draw_id}\u0000${r.village_code}`;
    const village = byVillage.get(key);
    if (village) village.push(r);
    else byVillage.set(key, [r]);
  }
  const byId = new Map(rows.map((r) => [r.id, r]));
  const result = new Map<string, Row>();
  for (const village of byVillage.values()) {
    const pairs = replacedHouseholds(
      village.map((r) => ({
        id: r.id,
        role: r.is_reserve === 1 ? ('reserve' as const) : ('primary' as const),
        order: r.selection_order,
        releasedAt: r.released_at,
        disposition: r.disposition as DispositionCode | null,
        dispositionAt: r.disposition_at,
      })),
    );
    for (const [reserve, cause] of pairs) {
      const row = byId.get(cause);
      if (row) result.set(reserve, row);
    }
  }
  return result;
}

export async function listMyAssignments(ctx: AppContext, surveyorId: number): Promise<SurveyorAssignment[]> {
  const rows = await listAssignmentsBySurveyor(ctx.db, surveyorId);
  const rounds = new Map<number, { survey_code: string; survey_version: string }>();
  const plans = new Map<number, SamplingPlan>();
  for (const drawId of new Set(rows.map((r) => r.draw_id))) {
    const round = await findLatestRoundByDraw(ctx.db, drawId);
    if (round) rounds.set(drawId, round);
    plans.set(drawId, (await loadDraw(ctx, drawId)).plan);
  }
  const selectionOf = (r: (typeof rows)[number]): SurveyorAssignment['respondentSelection'] => {
    const plan = plans.get(r.draw_id);
    const method = plan ? respondentSelectionRule(plan) : 'none';
    if (!plan || method === 'none') return null;
    const { minAge, maxAge } = plan.household;
    return { method, minAge, maxAge, listedAdults: r.eligible_adults };
  };
  const replaced = replacements(rows);
  return rows.map((r) => {
    const cause = replaced.get(r.id);
    return {
      id: r.id,
      drawId: r.draw_id,
      villageCode: r.village_code,
      villageName: r.village_name,
      communeName: r.commune_name,
      districtName: r.district_name,
      householdId: r.household_key,
      headName: r.head_name,
      address: r.address,
      phone: r.phone,
      isReserve: r.is_reserve === 1,
      order: r.selection_order,
      status: r.disposition === null ? 'open' : r.disposition === 'completed' ? 'completed' : 'nonresponse',
      disposition: r.disposition,
      visits: r.visits,
      releasedAt: r.released_at,
      replaces: cause
        ? { id: cause.id, householdId: cause.household_key, headName: cause.head_name, disposition: cause.disposition }
        : null,
      survey: rounds.get(r.draw_id)?.survey_code ?? null,
      surveyVersion: rounds.get(r.draw_id)?.survey_version ?? null,
      respondentSelection: selectionOf(r),
    };
  });
}
